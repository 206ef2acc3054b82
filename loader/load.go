package loader

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/hemigraph/hemigraph"
)

// Writer is what the loader needs of the graph store.
type Writer interface {
	// MissingIDs returns those of ids that name no node in the graph.
	MissingIDs(ctx context.Context, ids []string) ([]string, error)
	// WriteNodes merges valid nodes; a rerun with the same nodes creates nothing.
	WriteNodes(ctx context.Context, nodes []hemigraph.Node) (hemigraph.WriteCounts, error)
	// WriteEdges merges valid edges between existing nodes.
	WriteEdges(ctx context.Context, edges []hemigraph.Edge) (hemigraph.WriteCounts, error)
}

// Graph is what loading documents needs of the graph besides writing: a
// snapshot for entity resolution, and the means to fold a placeholder node
// into the node it turns out to be.
type Graph interface {
	// Catalog returns the nodes references resolve onto — every node that
	// is not a resolution or a report, and those with the given ids or
	// symbol keys — with the FOLLOWS_UP edges among them and the CONVENES
	// edges from the given ids.
	Catalog(ctx context.Context, ids, symbolKeys []string) ([]hemigraph.Node, []hemigraph.Edge, error)
	// Unresolved returns the placeholder nodes of the graph.
	Unresolved(ctx context.Context) ([]hemigraph.Node, error)
	// EdgesOf returns every edge from or to id.
	EdgesOf(ctx context.Context, id string) ([]hemigraph.Edge, error)
	// DeleteNodes deletes nodes and their relationships.
	DeleteNodes(ctx context.Context, ids []string) (hemigraph.DeleteCounts, error)
	// DeleteStaleEdges deletes the relationships a document stated in an
	// earlier load whose keys are not in keep, and returns how many.
	DeleteStaleEdges(ctx context.Context, document string, keep []string) (int, error)
}

// BatchObserver is told of each batch the loader writes: its records
// ("nodes" or "edges"), rows, what the store did with them, the time it
// took and its error. Package obs counts them.
type BatchObserver interface {
	Batch(records string, rows int, c hemigraph.WriteCounts, took time.Duration, err error)
}

// Policy says what a load does with invalid records.
type Policy int

const (
	// RefuseAll refuses the whole load when any record is invalid: nothing
	// is written. It is the default.
	RefuseAll Policy = iota
	// SkipInvalid writes the valid records and reports the invalid ones.
	// An edge whose endpoint was an invalid node is invalid too.
	SkipInvalid
)

// String names the policy as the load's record keeps it: "refuse" or
// "skip-invalid".
func (p Policy) String() string {
	if p == SkipInvalid {
		return "skip-invalid"
	}
	return "refuse"
}

// DefaultBatchSize is the number of rows sent per UNWIND statement, each in
// its own transaction. Loading the 100,000-instrument benchmark corpus
// (619,552 rows) took 59 s in batches of 2,000 and 51 s in batches of
// 10,000 (bench/RESULTS.md has the sweep of the hand-written ceiling).
const DefaultBatchSize = 10000

// Loader validates batches of records and writes them.
type Loader struct {
	W Writer
	// G is needed to load documents and to fold placeholders; without it a
	// batch with documents is refused.
	G Graph
	// Log receives the load's progress: each batch written (at debug
	// level), placeholders folded and the summary. Nil logs nothing.
	Log       *slog.Logger
	Policy    Policy
	BatchSize int // rows per write; 0 means DefaultBatchSize
	// Progress, when set, is called after each written batch with the rows
	// written so far and the total.
	Progress func(done, total int)
	// Batches, when set, is told of each batch written (metrics).
	Batches BatchObserver
	// By names who loads, for the load's record: a token's name over
	// HTTP, the user at the command line.
	By string
	// Inputs describe, for the record of a load by Load, what its batch
	// was read from (DescribePaths); LoadInputs describes its own.
	Inputs []Input
	// TempDir is where a streamed load larger than memory keeps the sorted
	// runs of its edge keys while it validates (removed when it ends);
	// empty means the system's temporary folder.
	TempDir string
}

// Summary tells what a load did.
type Summary struct {
	Nodes   hemigraph.WriteCounts `json:"nodes"`
	Edges   hemigraph.WriteCounts `json:"edges"`
	Invalid int                   `json:"invalid"` // records refused or skipped
	// Documents counts the documents read; Merged the placeholder nodes
	// folded into the nodes they turned out to be.
	Documents int `json:"documents"`
	// Skipped counts the parts of the documents' texts that ended in no
	// clause — page furniture, navigation, lists of other documents — each
	// reported by the reader with its reason and offsets.
	Skipped int `json:"skipped"`
	// Retracted counts relationships that documents stated in an earlier
	// load and no longer state, deleted.
	Retracted int           `json:"retracted"`
	Merged    int           `json:"merged"`
	Took      time.Duration `json:"took"`
	// Load is the id of the load's record, when the writer keeps one.
	Load string `json:"load,omitempty"`
}

// ErrRefused is returned (joined with every record error) when a load under
// RefuseAll finds invalid records and writes nothing.
var ErrRefused = errors.New("load refused: nothing was written")

// Load validates b, then writes its nodes, its edges, and what its
// documents say, in batches. readErrs are the errors the readers returned
// for b's inputs; they count as invalid records. Under RefuseAll any invalid
// record stops the load before any write, and the error joins ErrRefused
// with each record's error. Under SkipInvalid the valid records are written
// and the record errors are returned in errs beside a nil error. Documents
// are resolved against the graph after the bulk records are written (see
// Resolve); then placeholder nodes that the new records name are folded
// into them. A write failure returns the summary so far: the batches
// written stay, and a rerun (idempotent) completes the load.
//
// When the writer keeps load records (Recorder), the load is recorded:
// who (By), when, the inputs, the policy, the counts and the outcome, and
// its writes carry its id (Summary.Load) so that it can be undone. Folding
// placeholders and retracting a document's stale edges delete what they
// replace, as part of the load: its undo brings those back.
func (l *Loader) Load(ctx context.Context, b *Batch, readErrs []error) (Summary, []error, error) {
	return l.recorded(ctx, l.Inputs, func(ctx context.Context) (Summary, []error, error) { return l.load(ctx, b, readErrs) })
}

// Recorder is what a writer that keeps load records offers: a load begins,
// then finishes with its counts and outcome (hemigraph.LoadRecord).
type Recorder interface {
	BeginLoad(ctx context.Context, rec hemigraph.LoadRecord) error
	FinishLoad(ctx context.Context, rec hemigraph.LoadRecord) error
}

// Recorded runs write as one recorded load of l's writer (as Load does),
// for writes other than loading records: the deletes of the API. write
// gets the context that marks its writes as the load's; its summary's
// counts and error decide the record's outcome (an error joining
// ErrRefused, refused). Without a Recorder, write runs unrecorded.
func (l *Loader) Recorded(ctx context.Context, write func(context.Context) (Summary, []error, error)) (Summary, []error, error) {
	return l.recorded(ctx, l.Inputs, write)
}

// Refusal returns the error of a load refused for the record errors errs,
// or nil when there are none or the policy skips invalid records.
func (l *Loader) Refusal(errs []error) error {
	if len(errs) == 0 || l.Policy == SkipInvalid {
		return nil
	}
	return errors.Join(append([]error{ErrRefused}, errs...)...)
}

// recorded runs load as a recorded load when the writer is a Recorder.
func (l *Loader) recorded(ctx context.Context, inputs []Input, load func(context.Context) (Summary, []error, error)) (Summary, []error, error) {
	rec, ok := l.W.(Recorder)
	if !ok {
		return load(ctx)
	}
	started := time.Now().UTC()
	r := hemigraph.LoadRecord{ID: hemigraph.NewLoadID(started), By: l.By, Started: started,
		Options: map[string]string{"policy": l.Policy.String()}, Outcome: hemigraph.LoadRunning}
	for _, in := range inputs {
		r.Inputs = append(r.Inputs, hemigraph.LoadInput{Name: in.Name, Size: in.Size, SHA256: in.SHA256})
	}
	if err := rec.BeginLoad(ctx, r); err != nil {
		return Summary{}, nil, fmt.Errorf("record the load: %w", err)
	}
	sum, errs, err := load(hemigraph.WithLoad(ctx, r.ID))
	sum.Load = r.ID
	r.Finished, r.Nodes, r.Edges, r.Invalid = time.Now().UTC(), sum.Nodes, sum.Edges, sum.Invalid
	switch {
	case errors.Is(err, ErrRefused):
		r.Outcome = hemigraph.LoadRefused
	case err != nil:
		r.Outcome, r.Error = hemigraph.LoadFailed, err.Error()
	default:
		r.Outcome = hemigraph.LoadDone
	}
	// The record is finished even when the load's context ended.
	if ferr := rec.FinishLoad(context.WithoutCancel(ctx), r); ferr != nil && err == nil {
		err = fmt.Errorf("record the end of load %s: %w", r.ID, ferr)
	}
	return sum, errs, err
}

func (l *Loader) load(ctx context.Context, b *Batch, readErrs []error) (sum Summary, errs []error, err error) {
	start := time.Now()
	defer func() { sum.Took = time.Since(start) }()
	if len(b.Docs) > 0 && l.G == nil {
		return sum, nil, errors.New("load documents: the loader has no graph to resolve references against")
	}
	sum, errs, err = l.writeBatch(ctx, &Batch{Nodes: b.Nodes, Edges: b.Edges}, readErrs, l.Progress)
	if err != nil {
		return sum, errs, err
	}
	if len(b.Docs) > 0 {
		if err := l.loadDocuments(ctx, b.Docs, &sum, &errs); err != nil {
			return sum, errs, err
		}
	}
	if len(b.Nodes) > 0 && l.G != nil {
		n, err := l.fold(ctx)
		sum.Merged = n
		if err != nil {
			return sum, errs, err
		}
	}
	l.log().Info("load done", "documents", sum.Documents, "merged", sum.Merged,
		"nodes_created", sum.Nodes.Created, "nodes_updated", sum.Nodes.Updated,
		"edges_created", sum.Edges.Created, "edges_updated", sum.Edges.Updated, "invalid", sum.Invalid,
		"took", time.Since(start).Round(time.Millisecond))
	return sum, errs, nil
}

// log returns the loader's logger, or one that discards.
func (l *Loader) log() *slog.Logger {
	if l.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l.Log
}

// LoadInputs loads inputs as Load does — everything validated before
// anything is written, under the loader's policy — reading the bulk ones
// as they are needed rather than holding them (LoadStream); documents are
// read first. It returns an error, before writing anything, when an input
// cannot be read.
func (l *Loader) LoadInputs(ctx context.Context, inputs []Input) (Summary, []error, error) {
	docs := &Batch{}
	var bulk []Input
	var readErrs []error
	for _, in := range inputs {
		if in.Format != FormatDocument {
			bulk = append(bulk, in)
			continue
		}
		b, errs, err := in.read()
		if err != nil {
			return Summary{}, nil, err
		}
		docs.Append(b)
		readErrs = append(readErrs, errs...)
	}
	all := slices.Clone(l.Inputs)
	all = append(all, inputs...)
	return l.recorded(ctx, all, func(ctx context.Context) (Summary, []error, error) {
		return l.stream(ctx, bulk, docs, readErrs)
	})
}

// writeBatch validates and writes the bulk records of b, reporting to
// progress when it is not nil.
func (l *Loader) writeBatch(ctx context.Context, b *Batch, readErrs []error, progress func(done, total int)) (sum Summary, errs []error, err error) {
	nodes, edges, errs, err := l.validate(ctx, b, readErrs)
	if err != nil {
		return sum, errs, err
	}
	sum.Invalid = len(errs)
	if err := l.Refusal(errs); err != nil {
		return sum, errs, err
	}
	size := l.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	// The store writes a chunk in one transaction, and may need a
	// statement per type in it (neo4jstore: CITES, and the other types).
	// Grouping the edges by type first keeps most chunks to one.
	slices.SortStableFunc(edges, func(x, y hemigraph.Edge) int { return cmp.Compare(x.Type, y.Type) })
	total, done := len(nodes)+len(edges), 0
	report := func(n int) {
		done += n
		if progress != nil {
			progress(done, total)
		}
	}
	log := l.log()
	for chunk := range chunks(nodes, size) {
		t := time.Now()
		c, err := l.W.WriteNodes(ctx, chunk)
		log.Debug("batch written", "records", "nodes", "rows", len(chunk), "created", c.Created, "updated", c.Updated,
			"unchanged", c.Unchanged, "took", time.Since(t).Round(time.Millisecond), "err", err)
		if l.Batches != nil {
			l.Batches.Batch("nodes", len(chunk), c, time.Since(t), err)
		}
		sum.Nodes.Add(c)
		if err != nil {
			return sum, errs, fmt.Errorf("after %d of %d nodes: %w", done, len(nodes), err)
		}
		report(len(chunk))
	}
	for chunk := range chunks(edges, size) {
		t := time.Now()
		c, err := l.W.WriteEdges(ctx, chunk)
		log.Debug("batch written", "records", "edges", "rows", len(chunk), "created", c.Created, "updated", c.Updated,
			"unchanged", c.Unchanged, "took", time.Since(t).Round(time.Millisecond), "err", err)
		if l.Batches != nil {
			l.Batches.Batch("edges", len(chunk), c, time.Since(t), err)
		}
		sum.Edges.Add(c)
		if err != nil {
			return sum, errs, fmt.Errorf("after %d of %d edges: %w", done-len(nodes), len(edges), err)
		}
		report(len(chunk))
	}
	return sum, errs, nil
}

// validate checks what the readers could not: duplicate node ids within the
// load, and edge endpoints that are neither in the load nor in the graph.
// Records are already valid one by one (the readers validated them). It
// returns the records to write and every record error, readErrs first.
func (l *Loader) validate(ctx context.Context, b *Batch, readErrs []error) ([]hemigraph.Node, []hemigraph.Edge, []error, error) {
	errs := append([]error(nil), readErrs...)
	seen := make(map[string]Pos, len(b.Nodes))
	nodes := make([]hemigraph.Node, 0, len(b.Nodes))
	for _, r := range b.Nodes {
		if err := r.Node.Validate(); err != nil {
			errs = append(errs, recordError(r.Pos, "node.", err))
			continue
		}
		if first, dup := seen[r.Node.ID]; dup {
			errs = append(errs, &RecordError{Pos: r.Pos, Field: "node.id",
				Msg: fmt.Sprintf("duplicate id %q, first defined at %s", r.Node.ID, first)})
			continue
		}
		seen[r.Node.ID] = r.Pos
		nodes = append(nodes, r.Node)
	}

	// Endpoints not defined in this load must already be in the graph.
	var outside []string
	asked := map[string]bool{}
	for _, r := range b.Edges {
		for _, id := range []string{r.Edge.From, r.Edge.To} {
			if _, ok := seen[id]; !ok && !asked[id] {
				asked[id] = true
				outside = append(outside, id)
			}
		}
	}
	missing := map[string]bool{}
	if len(outside) > 0 {
		m, err := l.W.MissingIDs(ctx, outside)
		if err != nil {
			return nil, nil, errs, fmt.Errorf("check edge endpoints: %w", err)
		}
		for _, id := range m {
			missing[id] = true
		}
	}
	edges := make([]hemigraph.Edge, 0, len(b.Edges))
	keys := make(map[string]Pos, len(b.Edges))
	for _, r := range b.Edges {
		e := r.Edge
		if err := e.Validate(); err != nil {
			errs = append(errs, recordError(r.Pos, "edge.", err))
			continue
		}
		if missing[e.From] {
			errs = append(errs, &RecordError{Pos: r.Pos, Field: "edge.from", Msg: fmt.Sprintf("no node has id %q", e.From)})
			continue
		}
		if missing[e.To] {
			errs = append(errs, &RecordError{Pos: r.Pos, Field: "edge.to", Msg: fmt.Sprintf("no node has id %q", e.To)})
			continue
		}
		k := e.Key()
		if _, dup := keys[k]; dup {
			continue // the same fact twice in one load is one edge
		}
		keys[k] = r.Pos
		edges = append(edges, e)
	}
	return nodes, edges, errs, nil
}

// chunks yields s in slices of at most n.
func chunks[T any](s []T, n int) func(func([]T) bool) {
	return func(yield func([]T) bool) {
		for len(s) > 0 {
			k := min(n, len(s))
			if !yield(s[:k]) {
				return
			}
			s = s[k:]
		}
	}
}
