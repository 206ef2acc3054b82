package resolvers

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/graph/model"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/server/auth"
)

// Writes is what the mutations and the loads queries need of a store: the
// loader's writes and graph operations, load records, and undo. A store
// without it serves a read-only API: the mutations answer that writes are
// not available.
type Writes interface {
	loader.Writer
	loader.Graph
	loader.Recorder
	Loads(ctx context.Context, first int, after string) ([]hemigraph.LoadRecord, error)
	Load(ctx context.Context, id string) (hemigraph.LoadRecord, error)
	LoadWrites(ctx context.Context, id string) (hemigraph.LoadWrites, error)
	Undo(ctx context.Context, id string, force bool) (hemigraph.UndoResult, error)
	DeleteEdges(ctx context.Context, refs []hemigraph.EdgeRef) (int, error)
}

// Limits of the loads API.
const (
	DefaultLoads    = 20
	MaxLoads        = 100
	DefaultWrites   = 100
	MaxWrites       = 1000
	MaxMutationRows = 1000 // nodes, relations or references of one mutation
)

// ErrReadOnly is returned by mutations on a server whose store takes no
// writes.
var ErrReadOnly = errors.New("this server takes no writes")

func (r *Resolver) writes() (Writes, error) {
	if r.Writes == nil {
		return nil, ErrReadOnly
	}
	return r.Writes, nil
}

// loadModel maps a load record onto the API.
func loadModel(rec hemigraph.LoadRecord) *model.Load {
	m := &model.Load{ID: rec.ID, By: rec.By, Started: rec.Started.UTC().Format(time.RFC3339Nano),
		Outcome: model.LoadOutcome(upper(rec.Outcome)), Error: ptr(rec.Error), Invalid: rec.Invalid,
		Nodes: counts(rec.Nodes), Relations: counts(rec.Edges), Inputs: []model.LoadInput{}, Options: []model.LoadOption{}}
	if !rec.Finished.IsZero() {
		m.Finished = ptr(rec.Finished.UTC().Format(time.RFC3339Nano))
	}
	if !rec.Undone.IsZero() {
		m.Undone = ptr(rec.Undone.UTC().Format(time.RFC3339Nano))
	}
	for _, in := range rec.Inputs {
		m.Inputs = append(m.Inputs, model.LoadInput{Name: in.Name, Size: int(in.Size), Sha256: in.SHA256})
	}
	for _, k := range slices.Sorted(maps.Keys(rec.Options)) {
		m.Options = append(m.Options, model.LoadOption{Name: k, Value: rec.Options[k]})
	}
	return m
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func counts(c hemigraph.WriteCounts) *model.WriteCounts {
	return &model.WriteCounts{Created: c.Created, Updated: c.Updated, Unchanged: c.Unchanged, Deleted: c.Deleted}
}

// loads answers the loads query: a page of records, newest first; the
// cursor is the id of the last load of the previous page.
func (r *Resolver) loads(ctx context.Context, first *int, after *string) (*model.LoadConnection, error) {
	w, err := r.writes()
	if err != nil {
		return nil, err
	}
	n, err := pageSize("first", first, DefaultLoads, MaxLoads)
	if err != nil {
		return nil, err
	}
	a := ""
	if after != nil {
		a = *after
	}
	recs, err := w.Loads(ctx, n+1, a)
	if err != nil {
		return nil, err
	}
	c := &model.LoadConnection{PageInfo: &model.PageInfo{HasPreviousPage: a != ""}, Edges: []model.LoadEdge{}}
	if len(recs) > n {
		c.PageInfo.HasNextPage, recs = true, recs[:n]
	}
	for _, rec := range recs {
		c.Edges = append(c.Edges, model.LoadEdge{Cursor: rec.ID, Node: loadModel(rec)})
	}
	if len(c.Edges) > 0 {
		c.PageInfo.StartCursor, c.PageInfo.EndCursor = &c.Edges[0].Cursor, &c.Edges[len(c.Edges)-1].Cursor
	}
	return c, nil
}

// load answers the load query: nil for an unknown id.
func (r *Resolver) load(ctx context.Context, id string) (*model.Load, error) {
	w, err := r.writes()
	if err != nil {
		return nil, err
	}
	rec, err := w.Load(ctx, id)
	if errors.Is(err, hemigraph.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return loadModel(rec), nil
}

// loadWrites answers Load.writes.
func (r *Resolver) loadWrites(ctx context.Context, id string, first *int) (*model.LoadWrites, error) {
	w, err := r.writes()
	if err != nil {
		return nil, err
	}
	n, err := pageSize("first", first, DefaultWrites, MaxWrites)
	if err != nil {
		return nil, err
	}
	lw, err := w.LoadWrites(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &model.LoadWrites{}
	cut := func(l []string) []string {
		if len(l) > n {
			out.Truncated = true
			return l[:n]
		}
		if l == nil {
			return []string{}
		}
		return l
	}
	out.NodesCreated, out.NodesChanged, out.NodesDeleted = cut(lw.NodesCreated), cut(lw.NodesChanged), cut(lw.NodesDeleted)
	out.RelationsCreated, out.RelationsChanged, out.RelationsDeleted = cut(lw.EdgesCreated), cut(lw.EdgesChanged), cut(lw.EdgesDeleted)
	return out, nil
}

// write runs a mutation's records as a recorded load, by the caller's
// token.
func (r *Resolver) write(ctx context.Context, b *loader.Batch, skip *bool) (*model.WriteResult, error) {
	if n := len(b.Nodes) + len(b.Edges); n > MaxMutationRows {
		return nil, fmt.Errorf("a mutation writes at most %d records (this one %d): send more to POST /load: %w", MaxMutationRows, n, hemigraph.ErrInvalid)
	}
	return r.recorded(ctx, skip, func(w Writes, l *loader.Loader) (loader.Summary, []error, error) { return l.Load(ctx, b, nil) })
}

// deleteNodes runs deleteNodes as a recorded load: ids that are not node
// ids or name no node are invalid inputs.
func (r *Resolver) deleteNodes(ctx context.Context, ids []string, skip *bool) (*model.WriteResult, error) {
	if len(ids) > MaxMutationRows {
		return nil, fmt.Errorf("a mutation deletes at most %d nodes (this one %d): %w", MaxMutationRows, len(ids), hemigraph.ErrInvalid)
	}
	return r.recorded(ctx, skip, func(w Writes, l *loader.Loader) (loader.Summary, []error, error) {
		return l.Recorded(ctx, func(ctx context.Context) (loader.Summary, []error, error) {
			return deleteNodes(ctx, w, l, ids)
		})
	})
}

// deleteNodes checks ids and, unless the policy refuses, deletes the
// nodes of the valid ones, within the recorded load of ctx.
func deleteNodes(ctx context.Context, w Writes, l *loader.Loader, ids []string) (loader.Summary, []error, error) {
	valid := slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !hemigraph.ValidID(id) })
	missing, err := w.MissingIDs(ctx, valid)
	if err != nil {
		return loader.Summary{}, nil, err
	}
	gone := set(missing)
	var errs []error
	var del []string
	for i, id := range ids {
		switch {
		case !hemigraph.ValidID(id):
			errs = append(errs, mutationError(i, "id", fmt.Sprintf("%q is not a node id", id)))
		case gone[id]:
			errs = append(errs, mutationError(i, "id", fmt.Sprintf("no node %q", id)))
		default:
			del = append(del, id)
		}
	}
	sum := loader.Summary{Invalid: len(errs)}
	if err := l.Refusal(errs); err != nil {
		return sum, errs, err
	}
	dc, err := w.DeleteNodes(ctx, del)
	sum.Nodes.Deleted, sum.Edges.Deleted = dc.Nodes, dc.Edges
	return sum, errs, err
}

// deleteRelations runs deleteRelations as a recorded load: a reference
// that selects no relation is an invalid input.
func (r *Resolver) deleteRelations(ctx context.Context, in []model.RelationRef, skip *bool) (*model.WriteResult, error) {
	if len(in) > MaxMutationRows {
		return nil, fmt.Errorf("a mutation deletes the relations of at most %d references (this one %d): %w", MaxMutationRows, len(in), hemigraph.ErrInvalid)
	}
	return r.recorded(ctx, skip, func(w Writes, l *loader.Loader) (loader.Summary, []error, error) {
		return l.Recorded(ctx, func(ctx context.Context) (loader.Summary, []error, error) {
			return deleteRelations(ctx, w, l, in)
		})
	})
}

// deleteRelations checks the references and, unless the policy refuses,
// deletes the relations the valid ones select, within the recorded load of
// ctx.
func deleteRelations(ctx context.Context, w Writes, l *loader.Loader, in []model.RelationRef) (loader.Summary, []error, error) {
	var errs []error
	var refs []hemigraph.EdgeRef
	edgesOf := map[string][]hemigraph.Edge{}
	for i, x := range in {
		ref := hemigraph.EdgeRef{From: x.From, To: x.To, Key: deref(x.ID)}
		if x.Type != nil {
			ref.Type = hemigraph.RelType(*x.Type)
		}
		es, ok := edgesOf[ref.From]
		if !ok && hemigraph.ValidID(ref.From) {
			var err error
			if es, err = w.EdgesOf(ctx, ref.From); err != nil {
				return loader.Summary{}, nil, err
			}
			edgesOf[ref.From] = es
		}
		if !slices.ContainsFunc(es, func(e hemigraph.Edge) bool { return selects(ref, e) }) {
			errs = append(errs, mutationError(i, "from", "no relation "+describeRef(ref)))
			continue
		}
		refs = append(refs, ref)
	}
	sum := loader.Summary{Invalid: len(errs)}
	if err := l.Refusal(errs); err != nil {
		return sum, errs, err
	}
	n, err := w.DeleteEdges(ctx, refs)
	sum.Edges.Deleted = n
	return sum, errs, err
}

// selects reports whether ref selects the edge e.
func selects(ref hemigraph.EdgeRef, e hemigraph.Edge) bool {
	return e.From == ref.From && e.To == ref.To && (ref.Type == "" || e.Type == ref.Type) && (ref.Key == "" || e.Key() == ref.Key)
}

func describeRef(ref hemigraph.EdgeRef) string {
	s := fmt.Sprintf("from %q to %q", ref.From, ref.To)
	if ref.Type != "" {
		s += " of type " + string(ref.Type)
	}
	if ref.Key != "" {
		s += fmt.Sprintf(" with id %q", ref.Key)
	}
	return s
}

func mutationError(i int, field, msg string) error {
	return &loader.RecordError{Pos: loader.Pos{File: "mutation", Line: i + 1}, Field: field, Msg: msg}
}

func set(l []string) map[string]bool {
	m := make(map[string]bool, len(l))
	for _, s := range l {
		m[s] = true
	}
	return m
}

// recorded runs a mutation as a recorded load by the caller's token, under
// the policy skip asks for, and answers with the load's record and the
// invalid inputs.
func (r *Resolver) recorded(ctx context.Context, skip *bool, run func(Writes, *loader.Loader) (loader.Summary, []error, error)) (*model.WriteResult, error) {
	w, err := r.writes()
	if err != nil {
		return nil, err
	}
	l := &loader.Loader{W: w, G: w, Log: r.Log, By: caller(ctx)}
	if skip != nil && *skip {
		l.Policy = loader.SkipInvalid
	}
	sum, errs, err := run(w, l)
	if err != nil && !errors.Is(err, loader.ErrRefused) {
		return nil, err
	}
	if sum.Load == "" {
		return nil, errors.New("the store kept no record of the write")
	}
	rec, rerr := w.Load(ctx, sum.Load)
	if rerr != nil {
		return nil, rerr
	}
	res := &model.WriteResult{Load: loadModel(rec), Errors: []string{}}
	for _, e := range errs {
		res.Errors = append(res.Errors, e.Error())
	}
	return res, nil
}

// caller names who writes: the token's name.
func caller(ctx context.Context) string {
	if t, ok := auth.FromContext(ctx); ok {
		return t.Name
	}
	return "anonymous"
}

// nodesBatch turns mutation inputs into the loader's records, each at
// "mutation:N".
func nodesBatch(in []model.NodeInput) *loader.Batch {
	b := &loader.Batch{}
	for i, n := range in {
		node := hemigraph.Node{ID: n.ID, Kind: kindFromModel[n.Kind], Title: n.Title, Aliases: n.Aliases,
			Symbol: deref(n.Symbol), Date: deref(n.Date), Place: deref(n.Place), Source: deref(n.Source)}
		if node.Kind == "" {
			node.Kind = hemigraph.Kind(n.Kind)
		}
		b.Nodes = append(b.Nodes, loader.NodeRecord{Pos: loader.Pos{File: "mutation", Line: i + 1}, Node: node})
	}
	return b
}

func relationsBatch(in []model.RelationInput) *loader.Batch {
	b := &loader.Batch{}
	for i, e := range in {
		edge := hemigraph.Edge{From: e.From, To: e.To, Type: hemigraph.RelType(e.Type), Verb: deref(e.Verb), Through: deref(e.Through),
			Provenance: hemigraph.Provenance{Source: e.Source, Evidence: deref(e.Evidence)}}
		b.Edges = append(b.Edges, loader.EdgeRecord{Pos: loader.Pos{File: "mutation", Line: i + 1}, Edge: edge})
	}
	return b
}

// mayUndo returns an error wrapping auth.ErrForbidden unless the caller
// may undo the load id: a write token its own loads, an admin token any
// load, and only an admin token by force (which takes later loads' writes
// with it). A caller without a token (a server that checks none) may.
func mayUndo(ctx context.Context, w Writes, id string, force bool) error {
	tok, ok := auth.FromContext(ctx)
	if !ok || tok.Scope.Allows(auth.ScopeAdmin) {
		return nil
	}
	if force {
		return fmt.Errorf("undo load %s: %w: forcing an undo needs a token of scope admin", id, auth.ErrForbidden)
	}
	rec, err := w.Load(ctx, id)
	if err != nil {
		return fmt.Errorf("undo load %s: %w", id, err)
	}
	if rec.By != tok.Name {
		return fmt.Errorf("undo load %s: %w: it is %s's; undoing another's load needs a token of scope admin", id, auth.ErrForbidden, rec.By)
	}
	return nil
}

// undo answers undoLoad.
func (r *Resolver) undo(ctx context.Context, id string, force *bool) (*model.UndoResult, error) {
	w, err := r.writes()
	if err != nil {
		return nil, err
	}
	forced := force != nil && *force
	if err := mayUndo(ctx, w, id, forced); err != nil {
		return nil, err
	}
	res, err := w.Undo(ctx, id, forced)
	if err != nil {
		return nil, err
	}
	rec, err := w.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return &model.UndoResult{Load: loadModel(rec), NodesDeleted: res.NodesDeleted, RelationsDeleted: res.EdgesDeleted,
		NodesRestored: res.NodesRestored, RelationsRestored: res.EdgesRestored}, nil
}
