// Package memstore is an in-memory graph store that keeps the same contract
// as neo4jstore: the reads of package query, the writes of the loader and
// the graph operations of document loads. The GraphQL layer and the loader
// are tested against it without a database, and the conformance suite
// (package storetest) checks that both stores answer alike.
//
// The store keeps each node and relationship as the properties neo4jstore
// writes (see nodeProps and edgeProps), merged the same way, and reads them
// back as neo4jstore's nodeFromMap and relationFromMap do, so that what a
// write leaves behind — a field left empty never erases a value, the
// derived year, dateStart and symbolKey — is what Neo4j would hold. Lists
// are ordered as neo4jstore's statements order them; where a statement
// leaves the order unspecified (Catalog, EdgesOf) the store sorts by id or
// key, so that its answers are deterministic. Full-text search uses a
// scheme of its own, documented in search.go.
//
// Strings compare by bytes (UTF-8), which for the ids, dates and symbols of
// the graph is the order Neo4j uses.
package memstore

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/hemigraph/hemigraph"
)

// Store is an in-memory graph. The zero value is not usable; call New. It
// is safe for concurrent use: reads share a lock, each write holds it alone
// for the whole call, so that a write is seen whole or not at all.
type Store struct {
	mu    sync.RWMutex
	nodes map[string]*node
	edges map[string]*edge            // by key
	out   map[string]map[string]*edge // node id → key → relationships starting there
	in    map[string]map[string]*edge // node id → key → relationships ending there
	loads map[string]*hemigraph.LoadRecord
	// changes are what each recorded load changed, in the order it did.
	changes map[string][]change
}

// New returns an empty store.
func New() *Store {
	return &Store{
		nodes:   map[string]*node{},
		edges:   map[string]*edge{},
		out:     map[string]map[string]*edge{},
		in:      map[string]map[string]*edge{},
		loads:   map[string]*hemigraph.LoadRecord{},
		changes: map[string][]change{},
	}
}

// Ping reports whether the store answers: it always does, unless ctx is
// done, when it returns ctx's error.
func (s *Store) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ping memory store: %w", err)
	}
	return nil
}

// Counts returns the number of nodes and relationships. It returns an error
// only when ctx is done.
func (s *Store) Counts(ctx context.Context) (nodes, rels int, err error) {
	if err := ctx.Err(); err != nil {
		return 0, 0, fmt.Errorf("count graph: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.nodes), len(s.edges), nil
}

// props are the properties of a node or relationship as Neo4j holds them:
// values are strings, bools, int64s or lists of strings.
type props map[string]any

func (p props) str(k string) string {
	v, _ := p[k].(string)
	return v
}

func (p props) int(k string) (int, bool) {
	v, ok := p[k].(int64)
	return int(v), ok
}

// equalValue is Cypher's = on the values props hold.
func equalValue(a, b any) bool {
	if x, ok := a.([]string); ok {
		y, ok := b.([]string)
		return ok && slices.Equal(x, y)
	}
	if _, ok := b.([]string); ok {
		return false
	}
	return a == b
}

// changes reports whether merging p into have would change it: a value of
// p is missing from have or differs (neo4jstore's changedNodesCypher).
func changes(have, p props) bool {
	for k, v := range p {
		if old, ok := have[k]; !ok || !equalValue(old, v) {
			return true
		}
	}
	return false
}

// node is a node of the graph: its properties, its labels, and what is
// read from them, kept up to date by decode.
type node struct {
	props  props
	labels []string
	n      hemigraph.Node // as nodeFromMap reads it, without CitedByCount
	terms  fieldTerms     // analyzed texts, for search
}

// decode refreshes n.n and n.terms from the properties.
func (n *node) decode() {
	p := n.props
	unresolved, _ := p["unresolved"].(bool)
	n.n = hemigraph.Node{
		ID:         p.str("id"),
		Kind:       hemigraph.Kind(p.str("kind")),
		Symbol:     p.str("symbol"),
		Title:      p.str("title"),
		Date:       p.str("date"),
		Place:      p.str("place"),
		Source:     p.str("source"),
		Unresolved: unresolved,
	}
	if a, _ := p["aliases"].([]string); len(a) > 0 {
		n.n.Aliases = a
	}
	n.terms = analyzeNode(p)
}

func (n *node) id() string             { return n.n.ID }
func (n *node) hasLabel(l string) bool { return slices.Contains(n.labels, l) }

// symbolKey returns the symbolKey property and whether the node has one.
func (n *node) symbolKey() (string, bool) {
	v, ok := n.props["symbolKey"].(string)
	return v, ok
}

// dateStart returns the dateStart property and whether the node has one.
func (n *node) dateStart() (string, bool) {
	v, ok := n.props["dateStart"].(string)
	return v, ok
}

// year returns the year property and whether the node has one.
func (n *node) year() (int, bool) { return n.props.int("year") }

// edge is a relationship of the graph.
type edge struct {
	key      string
	from, to string
	typ      hemigraph.RelType
	props    props
	e        hemigraph.Edge // as relationFromMap reads it
	terms    relTerms       // analyzed texts, for search
}

// decode refreshes e.e and e.terms from the properties.
func (e *edge) decode() {
	p := e.props
	e.e = hemigraph.Edge{
		From: e.from, To: e.to, Type: e.typ,
		Verb: p.str("verb"), Through: p.str("through"),
		Provenance: hemigraph.Provenance{Source: p.str("source"), Evidence: p.str("evidence"), Document: p.str("document")},
	}
	if _, ok := p["clauseIndex"]; ok {
		idx, _ := p.int("clauseIndex")
		num, _ := p.int("clauseNumber")
		start, _ := p.int("spanStart")
		end, _ := p.int("spanEnd")
		e.e.Clause = &hemigraph.ClauseRef{Index: idx, Kind: p.str("clauseKind"), Number: num,
			Text: p.str("clauseText"), Start: start, End: end}
	}
	e.terms = analyzeRel(p)
}

// edgeValue returns the edge as read back, with its own copy of the clause.
func (e *edge) edgeValue() hemigraph.Edge {
	out := e.e
	if c := out.Clause; c != nil {
		cc := *c
		out.Clause = &cc
	}
	return out
}

// citedBy is the number of distinct nodes citing id, the citedByCount that
// neo4jstore keeps as CITES edges are written and deleted.
func (s *Store) citedBy(id string) int {
	var from []string
	for _, e := range s.in[id] {
		if e.typ == hemigraph.RelCites && !slices.Contains(from, e.from) {
			from = append(from, e.from)
		}
	}
	return len(from)
}

// view returns the node as the reads return it: its own copy, with its
// citedByCount.
func (s *Store) view(n *node) hemigraph.Node {
	out := n.n
	out.Aliases = slices.Clone(out.Aliases)
	out.CitedByCount = s.citedBy(n.id())
	return out
}

// relation returns e as a relation reached from its start node (outgoing)
// or its end node, with both end nodes filled in when ends is set (the
// projection of neo4jstore's relProjection; the neighbourhood's edges
// leave them out).
func (s *Store) relation(e *edge, outgoing, ends bool) hemigraph.Relation {
	r := hemigraph.Relation{ID: e.key, Edge: e.edgeValue(), Outgoing: outgoing}
	if ends {
		r.FromNode, r.ToNode = s.view(s.nodes[e.from]), s.view(s.nodes[e.to])
	}
	return r
}

// checkCtx returns ctx's error, wrapped with what was being done, when ctx
// is done.
func checkCtx(ctx context.Context, doing string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", doing, err)
	}
	return nil
}
