package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/hemigraph/hemigraph/query"
)

// Defaults of the availability check (Config.SuspectAfter).
const (
	DefaultSuspectAfter = 500 * time.Millisecond
	dialTimeout         = time.Second
	dialTries           = 3 // dials that time out before the server is taken as down
	probeEvery          = 200 * time.Millisecond
)

// availability tells whether the database can be reached, so that a
// transaction fails at once when it cannot instead of waiting out the
// driver's retries (30 s) or the request's timeout.
//
// A transaction that has spent SuspectAfter outside its statements —
// connecting, beginning, committing, or sleeping before a retry — makes
// the store dial the server's address. Only a dial that fails marks the
// database down — refused, or timed out three times in a row, since a
// starved machine can miss one dial's deadline (it cost a 1M-instrument
// load a quarter of an hour in): a busy pool, a slow commit or a cluster
// electing a leader still accepts connections, and the transaction goes on. Once
// down, every transaction under way is cancelled and every new one fails
// at once with query.ErrUnavailable, while a prober dials every 200 ms;
// when the server accepts a connection and the driver's connectivity
// check passes, the database is up again.
type availability struct {
	addr    string // host:port dialed
	suspect time.Duration
	verify  func(ctx context.Context) error
	onDown  func(up bool, why error)
	down    atomic.Bool

	mu     sync.Mutex
	epoch  context.Context // cancelled, with errDown, when the database is found down
	cancel context.CancelCauseFunc
	closed chan struct{}
	closer sync.Once
}

var errDown = fmt.Errorf("neo4j does not accept connections: %w", query.ErrUnavailable)

func newAvailability(uri string, suspect time.Duration, verify func(context.Context) error, on func(up bool, why error)) *availability {
	a := &availability{addr: dialAddr(uri), suspect: suspect, verify: verify, onDown: on, closed: make(chan struct{})}
	a.epoch, a.cancel = context.WithCancelCause(context.Background())
	return a
}

// dialAddr is the host and port of a Neo4j URI, the port 7687 when the URI
// names none; "" when the URI cannot be read (the check is then off).
func dialAddr(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	port := u.Port()
	if port == "" {
		port = "7687"
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// enabled reports whether the check runs.
func (a *availability) enabled() bool { return a != nil && a.addr != "" && a.suspect > 0 }

// ready returns an error wrapping query.ErrUnavailable while the database
// is down.
func (a *availability) ready() error {
	if a.enabled() && a.down.Load() {
		return errDown
	}
	return nil
}

// guard returns ctx, cancelled with errDown when the database is found
// down, and a watch whose outside and inside mark the time the
// transaction spends outside its work (when the watchdog runs) and inside
// it. stop releases both.
func (a *availability) guard(ctx context.Context) (context.Context, *watch, func()) {
	if !a.enabled() {
		return ctx, nil, func() {}
	}
	a.mu.Lock()
	epoch := a.epoch
	a.mu.Unlock()
	gctx, cancel := context.WithCancelCause(ctx)
	release := context.AfterFunc(epoch, func() { cancel(errDown) })
	w := &watch{a: a}
	w.timer = time.AfterFunc(a.suspect, w.fire)
	return gctx, w, func() {
		w.stop()
		release()
		cancel(nil)
	}
}

// watch is the watchdog of one transaction.
type watch struct {
	a       *availability
	mu      sync.Mutex
	timer   *time.Timer
	stopped bool
}

// fire dials the server after SuspectAfter outside the transaction's work:
// a failed dial marks the database down; else the watch starts again.
func (w *watch) fire() {
	if err := w.a.dial(); err != nil {
		w.a.markDown(err)
		return
	}
	w.mu.Lock()
	if !w.stopped {
		w.timer.Reset(w.a.suspect)
	}
	w.mu.Unlock()
}

// inside pauses the watch while the transaction's work runs.
func (w *watch) inside() {
	if w == nil {
		return
	}
	w.mu.Lock()
	w.timer.Stop()
	w.mu.Unlock()
}

// outside restarts the watch when the work returns: the commit, or a
// retry, follows.
func (w *watch) outside() {
	if w == nil {
		return
	}
	w.mu.Lock()
	if !w.stopped {
		w.timer.Reset(w.a.suspect)
	}
	w.mu.Unlock()
}

func (w *watch) stop() {
	w.mu.Lock()
	w.stopped = true
	w.timer.Stop()
	w.mu.Unlock()
}

// dial connects to the server and hangs up: an error when it refuses, or
// when dialTries dials in a row time out.
func (a *availability) dial() error {
	var err error
	for range dialTries {
		var c net.Conn
		c, err = net.DialTimeout("tcp", a.addr, dialTimeout)
		if err == nil {
			c.Close()
			return nil
		}
		if ne, ok := errors.AsType[net.Error](err); !ok || !ne.Timeout() {
			return err
		}
	}
	return err
}

// failed looks at a transaction's error: a connectivity error from a
// server that no longer accepts connections marks the database down. It
// returns err, wrapping query.ErrUnavailable when the database is down.
func (a *availability) failed(gctx context.Context, err error) error {
	if !a.enabled() || err == nil {
		return err
	}
	if errors.Is(context.Cause(gctx), errDown) {
		return fmt.Errorf("%w (%w)", errDown, err)
	}
	if neo4j.IsConnectivityError(err) || neo4j.IsTransactionExecutionLimit(err) {
		if derr := a.dial(); derr != nil {
			a.markDown(derr)
			return fmt.Errorf("%w (%w)", errDown, err)
		}
	}
	return err
}

// markDown takes the database as down: it cancels the transactions under
// way and starts the prober, once.
func (a *availability) markDown(why error) {
	if !a.down.CompareAndSwap(false, true) {
		return
	}
	a.mu.Lock()
	a.cancel(errDown)
	a.mu.Unlock()
	if a.onDown != nil {
		a.onDown(false, why)
	}
	go a.probe()
}

// probe dials the server until it answers and the driver connects, then
// marks the database up.
func (a *availability) probe() {
	t := time.NewTicker(probeEvery)
	defer t.Stop()
	for {
		select {
		case <-a.closed:
			return
		case <-t.C:
		}
		if a.dial() != nil {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err := a.verify(ctx)
		cancel()
		if err != nil {
			continue
		}
		a.mu.Lock()
		a.epoch, a.cancel = context.WithCancelCause(context.Background())
		a.mu.Unlock()
		a.down.Store(false)
		if a.onDown != nil {
			a.onDown(true, nil)
		}
		return
	}
}

// close stops the prober.
func (a *availability) close() {
	if a != nil {
		a.closer.Do(func() { close(a.closed) })
	}
}
