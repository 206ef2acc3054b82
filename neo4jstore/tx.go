package neo4jstore

import (
	"context"
	"errors"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/hemigraph/hemigraph/query"
)

// tx is one transaction of the store. Every statement the store sends goes
// through its run or exec: the one place that reports statements (the hook
// tests count them with, and the log of slow statements).
type tx struct {
	ctx   context.Context
	s     *Store
	t     runner
	kind  string // what the transaction is for (callerKind), for metrics and spans
	write bool
}

// runner sends a statement: a managed transaction, or a session sending
// auto-commit transactions (autoCommitRunner).
type runner interface {
	Run(ctx context.Context, query string, params map[string]any) (neo4j.ResultWithContext, error)
}

// autoCommitRunner sends each statement as a transaction of its own, with
// the given timeout.
type autoCommitRunner struct {
	sess    neo4j.SessionWithContext
	timeout time.Duration
}

func (r autoCommitRunner) Run(ctx context.Context, query string, params map[string]any) (neo4j.ResultWithContext, error) {
	return r.sess.Run(ctx, query, params, neo4j.WithTxTimeout(r.timeout))
}

// run sends one statement and collects its records.
func (t tx) run(query string, params map[string]any) ([]*neo4j.Record, error) {
	start := t.s.sent(query)
	end := t.s.observer.Statement(t.ctx, t.kind)
	res, err := t.t.Run(t.ctx, query, params)
	if err != nil {
		end(0, err)
		return nil, err
	}
	recs, err := res.Collect(t.ctx)
	end(len(recs), err)
	t.s.took(t.kind, t.write, query, start, len(recs))
	return recs, err
}

// exec sends one statement whose records are not wanted and returns the
// number of nodes and relationships it created.
func (t tx) exec(query string, params map[string]any) (int, error) {
	start := t.s.sent(query)
	end := t.s.observer.Statement(t.ctx, t.kind)
	res, err := t.t.Run(t.ctx, query, params)
	if err != nil {
		end(0, err)
		return 0, err
	}
	sum, err := res.Consume(t.ctx)
	end(0, err)
	if err != nil {
		return 0, err
	}
	t.s.took(t.kind, t.write, query, start, 0)
	c := sum.Counters()
	return c.NodesCreated() + c.RelationshipsCreated(), nil
}

// inTx runs work in one managed transaction — a read (routed to a follower
// on a cluster, bounded by TxTimeout) or a write — retried by the driver on
// transient errors, and maps the errors that mean a timeout (timeoutError).
// While the database is down it fails at once, and a transaction under
// way when it goes down fails as soon as that is known (availability);
// both errors wrap query.ErrUnavailable.
func (s *Store) inTx(ctx context.Context, write bool, work func(tx) (any, error)) (any, error) {
	return s.transact(ctx, write, false, work)
}

// transact runs work as inTx does. A read whose work is a single statement
// (single) is first sent as an auto-commit transaction: one round trip to
// the server (RUN and PULL), where a managed transaction takes three
// (BEGIN, which the driver waits for before it sends the statement; RUN
// and PULL; COMMIT). Neo4j runs a single statement with the same isolation
// either way, so the answer is the same. When that attempt fails with an
// error the driver would retry — a transient error, a lost connection, a
// cluster member that no longer serves reads — the work runs again in a
// managed transaction, retried as any other.
func (s *Store) transact(ctx context.Context, write, single bool, work func(tx) (any, error)) (out any, err error) {
	kind := callerKind()
	attempts := 0
	end := s.observer.Transaction(kind, write)
	defer func() { end(attempts, err) }()
	if err := s.avail.ready(); err != nil {
		return nil, err
	}
	parent := ctx
	ctx, watch, stop := s.avail.guard(ctx)
	defer stop()
	mode := neo4j.AccessModeRead
	if write {
		mode = neo4j.AccessModeWrite
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: mode})
	defer sess.Close(parent)
	var timeout time.Duration
	if !write {
		if timeout, err = s.TxTimeout(ctx); err != nil {
			return nil, err
		}
	}
	if !write && single {
		attempts++
		watch.inside()
		if err = s.autoCommitFault; err == nil {
			out, err = work(tx{ctx: ctx, s: s, t: autoCommitRunner{sess, timeout}, kind: kind})
		}
		watch.outside()
		switch {
		case err == nil:
			return out, nil
		case !neo4j.IsRetryable(err):
			return nil, s.txError(parent, ctx, err)
		}
	}
	do := func(t neo4j.ManagedTransaction) (any, error) {
		attempts++
		watch.inside()
		defer watch.outside()
		return work(tx{ctx: ctx, s: s, t: t, kind: kind, write: write})
	}
	if write {
		out, err = sess.ExecuteWrite(ctx, do)
	} else {
		out, err = sess.ExecuteRead(ctx, do, neo4j.WithTxTimeout(timeout))
	}
	if err != nil {
		return nil, s.txError(parent, ctx, err)
	}
	return out, nil
}

// txError maps the error of a transaction run under gctx (the guarded
// context of parent): an error wrapping query.ErrUnavailable when the
// database is down, else one that tells a timeout (timeoutError). It
// returns nil for nil.
func (s *Store) txError(parent, gctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if err := s.avail.failed(gctx, err); errors.Is(err, query.ErrUnavailable) {
		return err
	}
	return timeoutError(parent, err)
}

// read runs one statement as a read transaction of its own (sent as an
// auto-commit transaction first: transact) and returns its records.
func (s *Store) read(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	out, err := s.transact(ctx, false, true, func(t tx) (any, error) { return t.run(query, params) })
	if err != nil {
		return nil, err
	}
	return out.([]*neo4j.Record), nil
}

// readStatement fills st's fragments and runs it as read does.
func (s *Store) readStatement(ctx context.Context, st statement, f frags, params map[string]any) ([]*neo4j.Record, error) {
	q, err := st.fill(f)
	if err != nil {
		return nil, err
	}
	return s.read(ctx, q, params)
}

// write runs one statement in its own write transaction and returns its
// records.
func (s *Store) write(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	out, err := s.inTx(ctx, true, func(t tx) (any, error) { return t.run(query, params) })
	if err != nil {
		return nil, err
	}
	return out.([]*neo4j.Record), nil
}

// autoCommit runs one statement in an implicit transaction: the only way
// Neo4j runs CALL { ... } IN TRANSACTIONS, which commits as it goes.
func (s *Store) autoCommit(ctx context.Context, query string) error {
	if err := s.avail.ready(); err != nil {
		return err
	}
	kind := callerKind()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	start := s.sent(query)
	end := s.observer.Statement(ctx, kind)
	res, err := sess.Run(ctx, query, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	end(0, err)
	s.took(kind, true, query, start, 0)
	return err
}

// sent reports a statement about to be sent and returns the time it was.
func (s *Store) sent(query string) time.Time {
	if s.onStatement != nil {
		s.onStatement(query)
	}
	return time.Now()
}

// slowWriteFactor scales the slow threshold for the statements of write
// transactions: a load's batch of 10,000 rows takes about a second when
// all is well, and a log line per batch would bury the slow reads.
const slowWriteFactor = 10

// took logs a statement that ran for longer than the store's slow
// threshold (slowWriteFactor times it in a write transaction), by its
// first line (never its parameters).
func (s *Store) took(kind string, write bool, query string, start time.Time, records int) {
	slow := s.slow
	if write {
		slow *= slowWriteFactor
	}
	if d := time.Since(start); slow > 0 && d >= slow {
		s.log.Warn("slow statement", "kind", kind, "statement", statementName(query), "took", d, "records", records)
	}
}

// statementName is the first non-blank line of a statement, cut short:
// enough to tell which statement it was in a log.
func statementName(q string) string {
	for len(q) > 0 && (q[0] == '\n' || q[0] == ' ' || q[0] == '\t') {
		q = q[1:]
	}
	for i := 0; i < len(q); i++ {
		if q[i] == '\n' {
			q = q[:i]
			break
		}
	}
	if len(q) > 80 {
		q = q[:80] + "…"
	}
	return q
}
