package memstore

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hemigraph/hemigraph"
)

// change is what a recorded load overwrote or deleted: a node's or a
// relationship's properties (and a node's labels) as they were before it;
// a deleted relationship's endpoints and type too.
type change struct {
	edge     bool
	deleted  bool
	id       string // node id or relationship key
	before   props
	labels   []string
	from, to string
	typ      hemigraph.RelType
}

// BeginLoad records the start of a load. It returns an error wrapping
// hemigraph.ErrInvalid when the record has no id, or hemigraph.ErrConflict
// when a load of that id exists.
func (s *Store) BeginLoad(ctx context.Context, rec hemigraph.LoadRecord) error {
	if err := checkCtx(ctx, "begin load "+rec.ID); err != nil {
		return err
	}
	if rec.ID == "" {
		return fmt.Errorf("begin load: no id: %w", hemigraph.ErrInvalid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.loads[rec.ID] != nil {
		return fmt.Errorf("begin load %s: %w: it exists", rec.ID, hemigraph.ErrConflict)
	}
	r := rec
	s.loads[rec.ID] = &r
	return nil
}

// FinishLoad records how a load ended: its counts, outcome and finish
// time. It returns an error wrapping hemigraph.ErrNotFound for a load
// never begun.
func (s *Store) FinishLoad(ctx context.Context, rec hemigraph.LoadRecord) error {
	if err := checkCtx(ctx, "finish load "+rec.ID); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	have := s.loads[rec.ID]
	if have == nil {
		return fmt.Errorf("finish load %s: %w", rec.ID, hemigraph.ErrNotFound)
	}
	have.Finished, have.Nodes, have.Edges, have.Invalid = rec.Finished, rec.Nodes, rec.Edges, rec.Invalid
	have.Outcome, have.Error = rec.Outcome, rec.Error
	return nil
}

// Loads returns at most first load records, newest first (by start time,
// then id), starting after the load after ("" for the first page).
func (s *Store) Loads(ctx context.Context, first int, after string) ([]hemigraph.LoadRecord, error) {
	if err := checkCtx(ctx, "list loads"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	all := make([]hemigraph.LoadRecord, 0, len(s.loads))
	for _, r := range s.loads {
		all = append(all, *r)
	}
	slices.SortFunc(all, newestFirst)
	if after != "" {
		i := slices.IndexFunc(all, func(r hemigraph.LoadRecord) bool { return r.ID == after })
		if i < 0 {
			return nil, fmt.Errorf("list loads after %s: %w", after, hemigraph.ErrNotFound)
		}
		all = all[i+1:]
	}
	return all[:min(first, len(all))], nil
}

// newestFirst orders load records by start time, then id, both descending.
func newestFirst(a, b hemigraph.LoadRecord) int {
	return cmp.Or(b.Started.Compare(a.Started), strings.Compare(b.ID, a.ID))
}

// Load returns the record of the load id, or an error wrapping
// hemigraph.ErrNotFound.
func (s *Store) Load(ctx context.Context, id string) (hemigraph.LoadRecord, error) {
	if err := checkCtx(ctx, "get load "+id); err != nil {
		return hemigraph.LoadRecord{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := s.loads[id]
	if r == nil {
		return hemigraph.LoadRecord{}, fmt.Errorf("load %s: %w", id, hemigraph.ErrNotFound)
	}
	return *r, nil
}

// LoadWrites returns what the load id created, changed and deleted, each list in
// id or key order. It returns an error wrapping hemigraph.ErrNotFound for
// an unknown load.
func (s *Store) LoadWrites(ctx context.Context, id string) (hemigraph.LoadWrites, error) {
	if err := checkCtx(ctx, "writes of load "+id); err != nil {
		return hemigraph.LoadWrites{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.loads[id] == nil {
		return hemigraph.LoadWrites{}, fmt.Errorf("load %s: %w", id, hemigraph.ErrNotFound)
	}
	var w hemigraph.LoadWrites
	for nid, n := range s.nodes {
		if n.props.str("createdBy") == id {
			w.NodesCreated = append(w.NodesCreated, nid)
		}
	}
	for key, e := range s.edges {
		if e.props.str("createdBy") == id {
			w.EdgesCreated = append(w.EdgesCreated, key)
		}
	}
	for _, c := range s.changes[id] {
		switch {
		case c.edge && c.deleted:
			w.EdgesDeleted = appendNew(w.EdgesDeleted, c.id)
		case c.edge:
			w.EdgesChanged = appendNew(w.EdgesChanged, c.id)
		case c.deleted:
			w.NodesDeleted = appendNew(w.NodesDeleted, c.id)
		default:
			w.NodesChanged = appendNew(w.NodesChanged, c.id)
		}
	}
	for _, l := range [][]string{w.NodesCreated, w.NodesChanged, w.NodesDeleted, w.EdgesCreated, w.EdgesChanged, w.EdgesDeleted} {
		slices.Sort(l)
	}
	return w, nil
}

func appendNew(l []string, s string) []string {
	if slices.Contains(l, s) {
		return l
	}
	return append(l, s)
}

// Undo reverts the load id: it puts back what the load changed or deleted
// as it was, deletes what it created, then marks the load undone. It
// refuses, with an error wrapping hemigraph.ErrConflict that names what
// stands in the way, when a later load changed or deleted a record this one
// wrote, wrote a relationship on a node this one created, or wrote again
// what this one deleted; or when a relationship it deleted has lost a node
// — unless force, when those later writes go too (a relationship on a
// deleted node) or are overwritten, and what cannot come back stays away.
// Undoing a load twice is a conflict; an unknown load, hemigraph.ErrNotFound.
func (s *Store) Undo(ctx context.Context, id string, force bool) (hemigraph.UndoResult, error) {
	var res hemigraph.UndoResult
	if err := checkCtx(ctx, "undo load "+id); err != nil {
		return res, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.loads[id]
	switch {
	case rec == nil:
		return res, fmt.Errorf("undo load %s: %w", id, hemigraph.ErrNotFound)
	case rec.Outcome == hemigraph.LoadUndone:
		return res, fmt.Errorf("undo load %s: %w: it is undone already", id, hemigraph.ErrConflict)
	}
	if conflicts := s.undoConflicts(id); len(conflicts) > 0 && !force {
		return res, fmt.Errorf("undo load %s: %w: %s", id, hemigraph.ErrConflict, strings.Join(conflicts, "; "))
	}
	changes := s.changes[id]
	for i := len(changes) - 1; i >= 0; i-- {
		c := changes[i]
		if c.edge {
			e := s.edges[c.id]
			if e == nil && c.deleted && s.nodes[c.from] != nil && s.nodes[c.to] != nil {
				e = &edge{key: c.id, from: c.from, to: c.to, typ: c.typ}
				s.link(e)
			}
			if e != nil {
				e.props = maps.Clone(c.before)
				e.decode()
				res.EdgesRestored++
			}
			continue
		}
		n := s.nodes[c.id]
		if n == nil && c.deleted {
			n = &node{}
			s.nodes[c.id] = n
		}
		if n != nil {
			n.props, n.labels = maps.Clone(c.before), slices.Clone(c.labels)
			n.decode()
			res.NodesRestored++
		}
	}
	for _, e := range s.sortedEdges() {
		if e.props.str("createdBy") == id {
			s.unlink(e)
			res.EdgesDeleted++
		}
	}
	for nid, n := range s.nodes {
		if n.props.str("createdBy") != id {
			continue
		}
		for _, m := range []map[string]*edge{s.out[nid], s.in[nid]} {
			for _, e := range m {
				s.unlink(e) // a later load's, under force
			}
		}
		delete(s.nodes, nid)
		delete(s.out, nid)
		delete(s.in, nid)
		res.NodesDeleted++
	}
	rec.Outcome, rec.Undone = hemigraph.LoadUndone, time.Now().UTC()
	return res, nil
}

// undoConflicts lists, in order, what a later load wrote that undoing the
// load id would lose: at most 10 lines.
func (s *Store) undoConflicts(id string) []string {
	var out []string
	add := func(format string, args ...any) {
		if len(out) < 10 {
			out = append(out, fmt.Sprintf(format, args...))
		}
	}
	ids := slices.Sorted(maps.Keys(s.nodes))
	for _, nid := range ids {
		n := s.nodes[nid]
		if n.props.str("createdBy") != id {
			continue
		}
		if l := n.props.str("loadId"); l != id {
			add("node %s was changed by load %s", nid, l)
		}
		for _, m := range []map[string]*edge{s.out[nid], s.in[nid]} {
			for _, key := range slices.Sorted(maps.Keys(m)) {
				if by := m[key].props.str("createdBy"); by != id {
					add("relationship %s on node %s was written by %s", key, nid, orUnrecorded(by))
				}
			}
		}
	}
	for _, e := range s.sortedEdges() {
		if e.props.str("createdBy") == id && e.props.str("loadId") != id {
			add("relationship %s was changed by load %s", e.key, e.props.str("loadId"))
		}
	}
	for _, c := range s.changes[id] {
		if c.deleted {
			continue
		}
		var now props
		if c.edge {
			if e := s.edges[c.id]; e != nil {
				now = e.props
			}
		} else if n := s.nodes[c.id]; n != nil {
			now = n.props
		}
		switch {
		case now == nil:
			add("%s was deleted since", c.id)
		case now.str("loadId") != id:
			add("%s was changed again by %s", c.id, orUnrecorded(now.str("loadId")))
		}
	}
	for _, load := range slices.Sorted(maps.Keys(s.changes)) {
		if load == id || s.loads[load] == nil || s.loads[load].Outcome == hemigraph.LoadUndone {
			continue
		}
		for _, c := range s.changes[load] {
			if c.deleted && c.before.str("createdBy") == id {
				add("%s%s was deleted by load %s", map[bool]string{false: "node ", true: "relationship "}[c.edge], c.id, load)
			}
		}
	}
	deletedHere := map[string]bool{}
	for _, c := range s.changes[id] {
		if c.deleted && !c.edge {
			deletedHere[c.id] = true
		}
	}
	for _, c := range s.changes[id] {
		if !c.deleted {
			continue
		}
		what := "node "
		var now props
		if c.edge {
			what = "relationship "
			if e := s.edges[c.id]; e != nil {
				now = e.props
			}
		} else if n := s.nodes[c.id]; n != nil {
			now = n.props
		}
		if now != nil {
			add("%s%s was written again by %s", what, c.id, orUnrecorded(now.str("loadId")))
		}
		if c.edge {
			for _, end := range []string{c.from, c.to} {
				if s.nodes[end] == nil && !deletedHere[end] {
					add("relationship %s cannot come back: node %s is gone", c.id, end)
				}
			}
		}
	}
	return out
}

func orUnrecorded(load string) string {
	if load == "" {
		return "an unrecorded write"
	}
	return "load " + load
}

// sortedEdges returns the relationships in key order.
func (s *Store) sortedEdges() []*edge {
	out := make([]*edge, 0, len(s.edges))
	for _, key := range slices.Sorted(maps.Keys(s.edges)) {
		out = append(out, s.edges[key])
	}
	return out
}
