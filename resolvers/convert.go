package resolvers

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/graph/model"
)

var kindToModel = map[hemigraph.Kind]model.Kind{
	hemigraph.KindResolution:   model.KindResolution,
	hemigraph.KindDeclaration:  model.KindDeclaration,
	hemigraph.KindConvention:   model.KindConvention,
	hemigraph.KindReport:       model.KindReport,
	hemigraph.KindPlanOfAction: model.KindPlanOfAction,
	hemigraph.KindConference:   model.KindConference,
	hemigraph.KindSession:      model.KindSession,
	hemigraph.KindBody:         model.KindBody,
}

var kindFromModel = func() map[model.Kind]hemigraph.Kind {
	m := make(map[model.Kind]hemigraph.Kind, len(kindToModel))
	for k, v := range kindToModel {
		m[v] = k
	}
	return m
}()

func ptr[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

func aliases(n *hemigraph.Node) []string {
	if n.Aliases == nil {
		return []string{}
	}
	return n.Aliases
}

func year(n *hemigraph.Node) *int {
	if n.Date == "" {
		return nil
	}
	first, _, err := hemigraph.ParseDate(n.Date)
	if err != nil {
		return nil
	}
	y := first.Year()
	return &y
}

// entity converts a node into the GraphQL type of its kind.
func entity(n hemigraph.Node) model.Entity {
	switch {
	case n.Kind.IsInstrument():
		return instrument(n)
	case n.Kind == hemigraph.KindConference:
		return conference(n)
	case n.Kind == hemigraph.KindSession:
		return session(n)
	default:
		return body(n)
	}
}

func instrument(n hemigraph.Node) *model.Instrument {
	return &model.Instrument{ID: n.ID, Kind: kindToModel[n.Kind], Symbol: ptr(n.Symbol), Title: n.Title,
		Aliases: aliases(&n), Date: ptr(n.Date), Year: year(&n), Place: ptr(n.Place), Source: ptr(n.Source),
		Unresolved: n.Unresolved}
}

func conference(n hemigraph.Node) *model.Conference {
	return &model.Conference{ID: n.ID, Kind: kindToModel[n.Kind], Title: n.Title, Aliases: aliases(&n),
		Date: ptr(n.Date), Year: year(&n), Place: ptr(n.Place), Source: ptr(n.Source), Unresolved: n.Unresolved}
}

func session(n hemigraph.Node) *model.Session {
	return &model.Session{ID: n.ID, Kind: kindToModel[n.Kind], Title: n.Title, Aliases: aliases(&n),
		Date: ptr(n.Date), Year: year(&n), Place: ptr(n.Place), Source: ptr(n.Source), Unresolved: n.Unresolved}
}

func body(n hemigraph.Node) *model.Body {
	return &model.Body{ID: n.ID, Kind: kindToModel[n.Kind], Title: n.Title, Aliases: aliases(&n),
		Date: ptr(n.Date), Year: year(&n), Place: ptr(n.Place), Source: ptr(n.Source), Unresolved: n.Unresolved}
}

func relation(r hemigraph.Relation) model.Relation {
	m := model.Relation{
		ID:        r.ID,
		Type:      model.RelationType(r.Type),
		From:      entity(r.FromNode),
		To:        entity(r.ToNode),
		Node:      entity(r.Other()),
		Direction: model.DirectionOut,
		Verb:      ptr(r.Verb),
		Source:    ptr(r.Source),
		Evidence:  ptr(r.Evidence),
		Document:  ptr(r.Document),
	}
	if !r.Outgoing {
		m.Direction = model.DirectionIn
	}
	if c := r.Clause; c != nil {
		m.Clause = &model.Clause{Index: c.Index, Kind: c.Kind, Number: ptr(c.Number), Text: ptr(c.Text), Start: c.Start, End: c.End}
	}
	return m
}

func relations(rs []hemigraph.Relation) []model.Relation {
	out := make([]model.Relation, len(rs))
	for i, r := range rs {
		out[i] = relation(r)
	}
	return out
}

const cursorPrefix = "id:"

// encodeCursor makes the opaque cursor of a node in an id-ordered list.
func encodeCursor(id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + id))
}

// decodeCursor reads a cursor made by encodeCursor. It returns an error
// wrapping hemigraph.ErrInvalid for anything else.
func decodeCursor(c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), cursorPrefix) {
		return "", fmt.Errorf("argument after: %q is not a cursor of this list: %w", c, hemigraph.ErrInvalid)
	}
	return strings.TrimPrefix(string(b), cursorPrefix), nil
}
