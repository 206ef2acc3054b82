package loader

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/hemigraph/hemigraph"
)

// A streamed load reads its bulk inputs three times and never holds them:
//
//  1. validate (reading the inputs twice: nodes, then edges): every record
//     is checked — fields, duplicate node ids, edge endpoints neither in the
//     load nor in the graph (asked of the graph in chunks as they come) —
//     keeping only what that needs: a 128-bit hash and the first position
//     of each node id (a sorted slice), of each edge key (sorted runs, on
//     disk beyond keyRunSize: keys.go), and of each endpoint id asked of
//     the graph, the positions of the records to skip, and the errors;
//  2. write the nodes, in batches of one kind, then what is left of every
//     kind in batches that mix them;
//  3. write the edges, likewise by type.
//
// Memory then grows with the number of distinct node ids (24 bytes each,
// while validating), not with the size of the inputs nor the number of
// edges, and holds three batches of rows at a time while writing (one
// written, one waiting, one read): the loader alone peaks at about 95 MB
// at 100,000 instruments and 125 MB at a million (6.2 million rows, 5.1
// million edge keys, 123 MB of them on disk while it validates;
// docs/loading.md).

// maxErrors bounds the record errors a streamed load keeps; it counts them
// all (Summary.Invalid).
const maxErrors = 10000

// endpointChunk is how many unknown endpoint ids a streamed load asks the
// graph about at once.
const endpointChunk = 5000

// streamState is what the validating pass keeps.
type streamState struct {
	inputs   []Input
	nodeIDs  idSet               // each node id of the load, with where it is first defined
	edgeKeys keyRuns             // each valid edge's key and position (5.1 million at 1M instruments)
	asked    map[hashID]struct{} // endpoint ids no node of the load defines, asked of the graph
	missing  map[string]bool     // endpoint ids no node has
	pending  []string            // endpoint ids to ask about
	held     []heldEdge          // edges waiting for the answer about their endpoints
	skip     map[pos]bool        // records not to write: invalid, or an edge seen before
	errs     []error
	invalid  int
	nodes    int // valid nodes
	valid    int // valid edges
}

// fail counts an invalid record and keeps its error if it is among the
// first maxErrors by position.
func (st *streamState) fail(err error) {
	st.invalid++
	st.errs = append(st.errs, err)
	if len(st.errs) >= 2*maxErrors {
		st.trimErrors()
	}
}

// trimErrors orders the errors kept and keeps the first maxErrors.
func (st *streamState) trimErrors() {
	sortErrors(st.errs, st.inputs)
	if len(st.errs) > maxErrors {
		clear(st.errs[maxErrors:])
		st.errs = st.errs[:maxErrors]
	}
}

// LoadStream loads bulk inputs, read as they are needed rather than held
// (see the passes above), and the documents of docs, with readErrs (those
// of reading the documents) counting as invalid records; it is Load for
// inputs of any size, with the same validation, policy, record and
// summary. Errors are in input order, then line order; at most 10,000 are
// returned, all are counted.
func (l *Loader) LoadStream(ctx context.Context, inputs []Input, docs *Batch, readErrs []error) (Summary, []error, error) {
	all := slices.Clone(l.Inputs)
	all = append(all, inputs...)
	return l.recorded(ctx, all, func(ctx context.Context) (Summary, []error, error) {
		return l.stream(ctx, inputs, docs, readErrs)
	})
}

func (l *Loader) stream(ctx context.Context, inputs []Input, docs *Batch, readErrs []error) (sum Summary, errs []error, err error) {
	start := time.Now()
	defer func() { sum.Took = time.Since(start) }()
	if docs == nil {
		docs = &Batch{}
	}
	if len(docs.Docs) > 0 && l.G == nil {
		return sum, nil, errors.New("load documents: the loader has no graph to resolve references against")
	}
	st := &streamState{inputs: inputs, edgeKeys: keyRuns{dir: l.TempDir, runSize: keyRunSize},
		asked: map[hashID]struct{}{}, missing: map[string]bool{}, skip: map[pos]bool{}}
	defer func() {
		if cerr := st.edgeKeys.close(); err == nil {
			err = cerr
		}
	}()
	for _, e := range readErrs {
		st.fail(e)
	}
	if err := l.validateStream(ctx, st); err != nil {
		st.trimErrors()
		return sum, st.errs, err
	}
	st.trimErrors()
	sum.Invalid = st.invalid
	if st.invalid > 0 && l.Policy == RefuseAll {
		return sum, st.errs, errors.Join(append([]error{ErrRefused}, st.errs...)...)
	}
	if err := l.writeStream(ctx, st, &sum); err != nil {
		return sum, st.errs, err
	}
	errs = st.errs
	if len(docs.Docs) > 0 {
		if err := l.loadDocuments(ctx, docs.Docs, &sum, &errs); err != nil {
			return sum, errs, err
		}
	}
	if st.nodes > 0 && l.G != nil {
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

// scan reads input i, handing its records and errors to v.
func scan(in Input, v visitor) error {
	rc, err := in.Open()
	if err != nil {
		return fmt.Errorf("open %s: %w", in.Name, err)
	}
	defer rc.Close()
	var rerr error
	r := &errReader{r: rc, err: &rerr}
	switch in.Format {
	case FormatJSONL:
		scanJSONL(r, in.Name, v)
	case FormatCSV:
		scanCSV(r, in.Name, v)
	default:
		return fmt.Errorf("%s: format %q cannot be streamed", in.Name, in.Format)
	}
	if rerr != nil {
		return fmt.Errorf("read %s: %w", in.Name, rerr)
	}
	return nil
}

// validateStream is the first pass, in two reads: the nodes first, so
// that every id the load defines is known, in whichever input it is; then
// the edges, whose endpoints that neither the load nor (asked in chunks)
// the graph holds make them invalid. A third read, only when some node id
// is defined twice, words those errors. Each line is decoded in one of the
// two reads: the first passes over the lines of edges, the second decodes
// only those (visitor.edgesOnly), and an error both report (a line too
// long, a file neither of nodes nor of edges) is counted once.
func (l *Loader) validateStream(ctx context.Context, st *streamState) error {
	var failure error
	recordErr := func(i int) func(error) {
		return func(e error) {
			var re *RecordError
			if !errors.As(e, &re) {
				failure = e // the reader itself failed
				return
			}
			if at := packPos(i, re.Line); !st.skip[at] {
				st.skip[at] = true
				st.fail(e)
			}
		}
	}
	for i, in := range st.inputs {
		v := visitor{
			node: func(r NodeRecord) {
				st.nodeIDs.add(hashOf(r.Node.ID), packPos(i, r.Line))
				st.nodes++
			},
			edge:      func(EdgeRecord) {},
			skipEdges: true,
			err:       recordErr(i),
		}
		if err := scan(in, v); err != nil {
			return err
		}
		if failure != nil {
			return failure
		}
	}
	if err := st.sealNodes(); err != nil {
		return err
	}
	for i, in := range st.inputs {
		v := visitor{
			node:      func(NodeRecord) {},
			edgesOnly: true,
			edge: func(r EdgeRecord) {
				if failure != nil {
					return
				}
				st.held = append(st.held, heldEdge{r, i})
				for _, id := range []string{r.Edge.From, r.Edge.To} {
					h := hashOf(id)
					if st.nodeIDs.has(h) {
						continue
					}
					if _, ok := st.asked[h]; !ok {
						st.asked[h] = struct{}{}
						st.pending = append(st.pending, id)
					}
				}
				if len(st.pending) >= endpointChunk || len(st.held) >= 4*endpointChunk {
					failure = l.settleEdges(ctx, st)
				}
			},
			err: recordErr(i),
		}
		if err := scan(in, v); err != nil {
			return err
		}
		if failure != nil {
			return failure
		}
	}
	if err := l.settleEdges(ctx, st); err != nil {
		return err
	}
	distinct, err := st.edgeKeys.repeats(func(at pos) {
		st.skip[at] = true // the same fact twice in one load is one edge
	})
	st.valid = distinct
	// What only validation needs goes before the writes: the keys' file,
	// and the ids (26 MB at 1M instruments) to the garbage collector.
	st.nodeIDs, st.asked, st.missing, st.held, st.pending = idSet{}, nil, nil, nil, nil
	return errors.Join(err, st.edgeKeys.close())
}

// sealNodes sorts the node ids read and refuses every node whose id an
// earlier one defined, reading the inputs' nodes again (only then) to say
// which id.
func (st *streamState) sealNodes() error {
	firstOf := map[pos]pos{}
	st.nodeIDs.seal(func(first, at pos) {
		firstOf[at] = first
		st.skip[at] = true
		st.nodes--
	})
	if len(firstOf) == 0 {
		return nil
	}
	for i, in := range st.inputs {
		v := visitor{
			node: func(r NodeRecord) {
				if first, ok := firstOf[packPos(i, r.Line)]; ok {
					st.fail(&RecordError{Pos: r.Pos, Field: "node.id",
						Msg: fmt.Sprintf("duplicate id %q, first defined at %s", r.Node.ID, st.posString(first))})
				}
			},
			edge:      func(EdgeRecord) {},
			skipEdges: true,
			err:       func(error) {}, // told in the first read
		}
		if err := scan(in, v); err != nil {
			return err
		}
	}
	return nil
}

// heldEdge is an edge waiting for the answer about its endpoints, with the
// index of its input.
type heldEdge struct {
	EdgeRecord
	input int
}

// settleEdges asks the graph about the pending endpoint ids, which no node
// of the load defines, and judges the held edges.
func (l *Loader) settleEdges(ctx context.Context, st *streamState) error {
	for ask := st.pending; len(ask) > 0; {
		n := min(len(ask), endpointChunk)
		m, err := l.W.MissingIDs(ctx, ask[:n])
		if err != nil {
			return fmt.Errorf("check edge endpoints: %w", err)
		}
		for _, id := range m {
			st.missing[id] = true
		}
		ask = ask[n:]
	}
	st.pending = st.pending[:0]
	for _, r := range st.held {
		e := r.Edge
		switch {
		case st.missing[e.From]:
			st.skip[packPos(r.input, r.Line)] = true
			st.fail(&RecordError{Pos: r.Pos, Field: "edge.from", Msg: fmt.Sprintf("no node has id %q", e.From)})
		case st.missing[e.To]:
			st.skip[packPos(r.input, r.Line)] = true
			st.fail(&RecordError{Pos: r.Pos, Field: "edge.to", Msg: fmt.Sprintf("no node has id %q", e.To)})
		default:
			if err := st.edgeKeys.add(hashOf(e.Key()), packPos(r.input, r.Line)); err != nil {
				return err
			}
		}
	}
	st.held = st.held[:0]
	return nil
}

func (st *streamState) posString(p pos) string {
	return Pos{File: st.inputs[p.input()].Name, Line: p.line()}.String()
}

// sortErrors orders errors by input, then line; errors without a position
// (a reader's failure) keep their place at the end.
func sortErrors(errs []error, inputs []Input) {
	index := func(e error) (int, int) {
		var re *RecordError
		if !errors.As(e, &re) {
			return len(inputs), 0
		}
		for i, in := range inputs {
			if in.Name == re.File {
				return i, re.Line
			}
		}
		return -1, re.Line // a document's, read before
	}
	slices.SortStableFunc(errs, func(a, b error) int {
		ai, al := index(a)
		bi, bl := index(b)
		return cmp.Or(cmp.Compare(ai, bi), cmp.Compare(al, bl))
	})
}

// writeStream is the second and third passes: nodes, then edges, each
// kind or type gathered into batches of its own, and what is left of them
// at the end into batches that mix them.
func (l *Loader) writeStream(ctx context.Context, st *streamState, sum *Summary) (err error) {
	size := l.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	total, done := st.nodes+st.valid, 0
	log := l.log()
	// The batches are written in order by one goroutine while this one
	// reads and groups the next: reading overlaps writing.
	w := startPipe(writeAhead)
	defer func() {
		if werr := w.close(); err == nil {
			err = werr
		}
	}()
	report := func(n int) {
		done += n
		if l.Progress != nil {
			l.Progress(done, total)
		}
	}
	// send queues the write of one batch of rows: the pipe runs it, logs
	// it, adds its counts to into and reports its rows, or returns failed's
	// error.
	send := func(records string, rows int, write func() (hemigraph.WriteCounts, error), into *hemigraph.WriteCounts, failed func(error) error) {
		w.send(func() error {
			start := time.Now()
			c, err := write()
			log.Debug("batch written", "records", records, "rows", rows, "created", c.Created, "updated", c.Updated,
				"unchanged", c.Unchanged, "took", time.Since(start).Round(time.Millisecond), "err", err)
			into.Add(c)
			if err != nil {
				return failed(err)
			}
			report(rows)
			return nil
		})
	}
	nodes := newBatches[hemigraph.Kind](size, func(b []hemigraph.Node) {
		send("nodes", len(b), func() (hemigraph.WriteCounts, error) { return l.W.WriteNodes(ctx, b) }, &sum.Nodes,
			func(err error) error { return fmt.Errorf("after %d of %d nodes: %w", done, st.nodes, err) })
	})
	edges := newBatches[hemigraph.RelType](size, func(b []hemigraph.Edge) {
		send("edges", len(b), func() (hemigraph.WriteCounts, error) { return l.W.WriteEdges(ctx, b) }, &sum.Edges,
			func(err error) error { return fmt.Errorf("after %d of %d edges: %w", done-st.nodes, st.valid, err) })
	})
	for _, pass := range []string{"nodes", "edges"} {
		for i, in := range st.inputs {
			v := visitor{
				node: func(r NodeRecord) {
					if pass != "nodes" || st.skip[packPos(i, r.Line)] || w.failed() {
						return
					}
					nodes.add(r.Node.Kind, r.Node)
				},
				edge: func(r EdgeRecord) {
					if pass != "edges" || st.skip[packPos(i, r.Line)] || w.failed() {
						return
					}
					edges.add(r.Edge.Type, r.Edge)
				},
				err:       func(error) {}, // told in the first pass
				skipNodes: pass == "edges",
				skipEdges: pass == "nodes",
			}
			if err := scan(in, v); err != nil {
				return err
			}
			if w.failed() {
				return nil // the pipe's error, when it closes
			}
		}
		// A relationship's nodes are written before it: the pipe writes in
		// the order it is sent.
		if pass == "nodes" {
			nodes.flushAll(hemigraph.Kinds)
		} else {
			edges.flushAll(hemigraph.RelTypes)
		}
	}
	return nil
}

// batches gathers rows by their kind or type into batches of one size, and
// hands each full batch, and at flush what is left of one, to write.
type batches[K comparable, T any] struct {
	size  int
	rows  map[K][]T
	write func([]T)
}

func newBatches[K comparable, T any](size int, write func([]T)) *batches[K, T] {
	return &batches[K, T]{size: size, rows: map[K][]T{}, write: write}
}

func (b *batches[K, T]) add(k K, row T) {
	b.rows[k] = append(b.rows[k], row)
	if len(b.rows[k]) >= b.size {
		b.flush(k)
	}
}

// flush writes what is gathered for k, if anything.
func (b *batches[K, T]) flush(k K) {
	rows := b.rows[k]
	if len(rows) == 0 {
		return
	}
	b.rows[k] = make([]T, 0, b.size)
	b.write(rows)
}

// flushAll writes what is left of every key, in the order of keys, in
// batches of up to the size that mix them: the store writes a batch in one
// transaction whatever kinds or types it holds, and a small load, whose
// kinds and types are all leftovers, is then one commit of nodes and one
// of edges rather than one per kind and type.
func (b *batches[K, T]) flushAll(keys []K) {
	var out []T
	for _, k := range keys {
		for _, row := range b.rows[k] {
			if out == nil {
				out = make([]T, 0, b.size)
			}
			out = append(out, row)
			if len(out) == b.size {
				b.write(out)
				out = nil
			}
		}
		delete(b.rows, k)
	}
	if len(out) > 0 {
		b.write(out)
	}
}

// writeAhead is how many batches may wait for the writer while the next
// one is read: one keeps the writer busy, and bounds the memory held to
// three batches (the one written, the one waiting, the one read).
const writeAhead = 1

// pipe runs writes in the order they are sent, on a goroutine of its own.
// After a write fails it runs no more, and close returns that error.
type pipe struct {
	jobs chan func() error
	done chan struct{}
	err  error // the first failure; read after done is closed
	fail atomic.Bool
}

func startPipe(depth int) *pipe {
	p := &pipe{jobs: make(chan func() error, depth), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for job := range p.jobs {
			if p.err != nil {
				continue
			}
			if err := job(); err != nil {
				p.err = err
				p.fail.Store(true)
			}
		}
	}()
	return p
}

// send queues a write, waiting while the queue is full.
func (p *pipe) send(job func() error) { p.jobs <- job }

// failed reports whether a write has failed.
func (p *pipe) failed() bool { return p.fail.Load() }

// close waits for the writes sent and returns the first error.
func (p *pipe) close() error {
	close(p.jobs)
	<-p.done
	return p.err
}
