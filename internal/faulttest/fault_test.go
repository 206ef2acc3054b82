package faulttest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/hemigraph/hemigraph/bench/corpus"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/query"
)

// loadCorpus is the synthetic corpus of TestKillDuringLoad: more than
// 50,000 rows.
func loadCorpus(t *testing.T) (*loader.Batch, int) {
	t.Helper()
	c := corpus.Generate(corpus.Config{Instruments: 9000, Seed: 12})
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := loader.WriteJSONL(w, c.Nodes, c.Edges); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	b, errs, err := loader.ReadPaths([]string{path})
	if err != nil || len(errs) > 0 {
		t.Fatalf("read corpus: %v %v", err, errs)
	}
	rows := len(b.Nodes) + len(b.Edges)
	if rows < 50000 {
		t.Fatalf("the corpus has %d rows, want at least 50,000", rows)
	}
	return b, rows
}

// TestKillDuringLoad kills Neo4j (SIGKILL) while a load of more than
// 50,000 rows is under way; after the restart, the same load run again
// must give exactly the graph of a clean load.
func TestKillDuringLoad(t *testing.T) {
	d := neo4jDB(t)
	b, rows := loadCorpus(t)
	ctx := context.Background()

	s := d.open(t)
	if err := s.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	var (
		killed   atomic.Bool
		killedAt time.Time
		killDone = make(chan struct{})
		doneRows atomic.Int64
	)
	l := &loader.Loader{W: s, G: s, BatchSize: 2000, Progress: func(done, total int) {
		doneRows.Store(int64(done))
		if done >= total*2/5 && killed.CompareAndSwap(false, true) {
			// The next batch is on its way: kill Neo4j under it.
			go func() {
				time.Sleep(50 * time.Millisecond)
				killedAt = time.Now()
				d.kill(t)
				close(killDone)
			}()
		}
	}}
	_, _, err := l.Load(ctx, b, nil)
	failedAt := time.Now()
	if !killed.Load() {
		t.Fatalf("the load ended before Neo4j was killed: %v", err)
	}
	<-killDone
	if err == nil {
		t.Fatal("the load succeeded although Neo4j was killed under it")
	}
	if !errors.Is(err, query.ErrUnavailable) {
		t.Errorf("load error = %v, want one wrapping query.ErrUnavailable", err)
	}
	t.Logf("killed after %d of %d rows; the load failed %s after the kill: %v",
		doneRows.Load(), rows, failedAt.Sub(killedAt).Round(time.Millisecond), err)
	if failedAt.Sub(killedAt) > 5*time.Second {
		t.Errorf("the load took %s to fail after the kill, want under 5 s", failedAt.Sub(killedAt))
	}

	took, err := d.start()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Neo4j restarted on the same data in %s", took.Round(time.Millisecond))
	s2 := d.open(t)
	if _, errs, err := (&loader.Loader{W: s2, G: s2, BatchSize: 2000}).Load(ctx, b, nil); err != nil || len(errs) > 0 {
		t.Fatalf("rerun of the load: %v %v", err, errs)
	}
	recovered := d.state(t)

	if err := s2.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s2.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if _, errs, err := (&loader.Loader{W: s2, G: s2, BatchSize: 2000}).Load(ctx, b, nil); err != nil || len(errs) > 0 {
		t.Fatalf("clean load: %v %v", err, errs)
	}
	clean := d.state(t)
	t.Logf("after the kill and the rerun: %d nodes, %d relationships, checksum %s; clean load: %d nodes, %d relationships, checksum %s",
		recovered.Nodes, recovered.Rels, recovered.Checksum, clean.Nodes, clean.Rels, clean.Checksum)
	if recovered.Nodes != recovered.DistinctIDs {
		t.Errorf("%d nodes but %d distinct ids: duplicated nodes", recovered.Nodes, recovered.DistinctIDs)
	}
	if recovered.Nodes != clean.Nodes || recovered.Rels != clean.Rels || recovered.Checksum != clean.Checksum ||
		recovered.DistinctRelKeys != clean.DistinctRelKeys {
		t.Errorf("the graph after the kill and the rerun differs from a clean load:\n got %+v\nwant %+v", recovered, clean)
	}
	if want := len(b.Nodes); clean.Nodes != want {
		t.Errorf("clean load: %d nodes, want %d", clean.Nodes, want)
	}
}

const lookupQuery = `{ instrument(id: "ag-res-1412-xxvi-o-96") { id title cites(first: 5) { node { id } } } }`

// TestNeo4jDownWhileServing kills Neo4j under a running `hemigraph serve`
// with queries in flight: they and the queries after them must fail at
// once with SERVICE_UNAVAILABLE, /readyz must answer 503 and /healthz 200;
// after Neo4j restarts, queries must succeed within 5 s, without
// restarting hemigraph.
func TestNeo4jDownWhileServing(t *testing.T) {
	d := neo4jDB(t)
	s := d.open(t)
	ctx := context.Background()
	if err := s.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	b, errs, err := loader.ReadPaths([]string{filepath.Join(root, "data/corpus/oas-facts.jsonl")})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if _, _, err := (&loader.Loader{W: s, G: s}).Load(ctx, b, nil); err != nil {
		t.Fatal(err)
	}
	p := serve(t, d)
	if r, _, err := p.query(lookupQuery); err != nil || r.code() != "" {
		t.Fatalf("before the kill: %v %+v", err, r)
	}

	// Workers query all along; each request is timed.
	type sample struct {
		start, end time.Time
		code       string
		err        error
	}
	var (
		mu      sync.Mutex
		samples []sample
		stop    atomic.Bool
		wg      sync.WaitGroup
	)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				t0 := time.Now()
				r, _, err := p.query(lookupQuery)
				mu.Lock()
				samples = append(samples, sample{t0, time.Now(), r.code(), err})
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	killedAt := time.Now()
	d.kill(t)

	r, took, err := p.query(lookupQuery)
	if err != nil || r.code() != "SERVICE_UNAVAILABLE" {
		t.Errorf("first query after the kill: %v %+v, want the code SERVICE_UNAVAILABLE", err, r)
	}
	if rid, _ := firstExt(r, "requestId"); rid == "" {
		t.Errorf("SERVICE_UNAVAILABLE without a requestId: %+v", r)
	}
	firstAfter := took
	var worst time.Duration
	for range 20 {
		r, took, err := p.query(lookupQuery)
		if err != nil || r.code() != "SERVICE_UNAVAILABLE" {
			t.Errorf("query while Neo4j is down: %v %+v", err, r)
		}
		worst = max(worst, took)
	}
	t0 := time.Now()
	readyCode, _ := p.get("/readyz")
	readyTook := time.Since(t0)
	healthCode, _ := p.get("/healthz")
	if readyCode != http.StatusServiceUnavailable || healthCode != http.StatusOK {
		t.Errorf("while Neo4j is down: /readyz %d (want 503), /healthz %d (want 200)", readyCode, healthCode)
	}
	t.Logf("Neo4j killed: the first query after it answered SERVICE_UNAVAILABLE in %s, the next 20 in at most %s; /readyz 503 in %s, /healthz 200",
		firstAfter.Round(100*time.Microsecond), worst.Round(100*time.Microsecond), readyTook.Round(100*time.Microsecond))
	if firstAfter > 2*time.Second || worst > time.Second {
		t.Errorf("queries took %s (first) and up to %s (next) to fail: not fast", firstAfter, worst)
	}

	// Requests in flight at the kill: none may hang.
	time.Sleep(time.Second)
	mu.Lock()
	var inflight, slowest time.Duration
	n := 0
	for _, s := range samples {
		if s.start.Before(killedAt) && s.end.After(killedAt) {
			n++
			inflight = max(inflight, s.end.Sub(killedAt))
		}
		if s.start.After(killedAt) {
			slowest = max(slowest, s.end.Sub(s.start))
		}
	}
	mu.Unlock()
	t.Logf("%d requests in flight at the kill ended at most %s after it; requests sent after it took at most %s",
		n, inflight.Round(time.Millisecond), slowest.Round(time.Millisecond))
	if inflight > 3*time.Second || slowest > 3*time.Second {
		t.Errorf("requests hung: in flight at the kill ended up to %s after it, later ones took up to %s", inflight, slowest)
	}

	startTook, err := d.start()
	if err != nil {
		t.Fatal(err)
	}
	readyAt := time.Now()
	var recovered time.Duration
	for {
		r, _, err := p.query(lookupQuery)
		if err == nil && r.code() == "" {
			recovered = time.Since(readyAt)
			break
		}
		if time.Since(readyAt) > 30*time.Second {
			t.Fatalf("queries still fail 30 s after Neo4j is back: %v %+v", err, r)
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop.Store(true)
	wg.Wait()
	code, _ := p.get("/readyz")
	t.Logf("Neo4j restarted in %s; queries succeeded %s after it was ready (without restarting hemigraph); /readyz %d",
		startTook.Round(time.Millisecond), recovered.Round(time.Millisecond), code)
	if recovered > 5*time.Second {
		t.Errorf("queries succeeded %s after Neo4j was back, want within 5 s", recovered)
	}
	if code != http.StatusOK {
		t.Errorf("/readyz = %d after Neo4j is back, want 200", code)
	}
	_, metrics := p.get("/metrics")
	if metric(metrics, "hemigraph_neo4j_unavailable_total") < 1 ||
		metric(metrics, `hemigraph_graphql_requests_total{code="SERVICE_UNAVAILABLE"`) < 1 ||
		metric(metrics, "hemigraph_neo4j_up") != 1 {
		t.Errorf("the metrics do not show the outage:\n%s", grep(metrics, "hemigraph_neo4j_up", "unavailable", "SERVICE_UNAVAILABLE"))
	}
}

// firstExt returns extension key of the first error.
func firstExt(r gqlResult, key string) (string, bool) {
	if len(r.Errors) == 0 {
		return "", false
	}
	v, ok := r.Errors[0].Extensions[key].(string)
	return v, ok
}

// grep returns the lines of text holding any of words.
func grep(text string, words ...string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		for _, w := range words {
			if strings.Contains(l, w) && !strings.HasPrefix(l, "#") {
				b.WriteString(l + "\n")
				break
			}
		}
	}
	return b.String()
}

// TestShutdownDuringRequests sends SIGTERM to `hemigraph serve` while a
// request is in flight (its body half sent): the request must finish with
// its data, new connections must be refused, and the process must exit 0.
func TestShutdownDuringRequests(t *testing.T) {
	d := neo4jDB(t)
	p := serve(t, d)
	if _, _, err := p.query(lookupQuery); err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimPrefix(p.base, "http://")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := fmt.Sprintf(`{"query": %q}`, lookupQuery)
	half := len(body) / 2
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", addr, len(body), body[:half])
	time.Sleep(200 * time.Millisecond) // the server has read the headers: the request is in flight

	signalled := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// New connections are refused once the listener closes.
	refused := false
	var refusedAfter time.Duration
	for time.Since(signalled) < 5*time.Second {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			refused, refusedAfter = true, time.Since(signalled)
			break
		}
		c.Close()
		time.Sleep(20 * time.Millisecond)
	}
	if !refused {
		t.Error("new connections are still accepted 5 s after SIGTERM")
	}
	select {
	case err := <-p.done:
		t.Fatalf("hemigraph exited with a request in flight: %v", err)
	default:
	}

	// The request in flight finishes.
	io.WriteString(conn, body[half:])
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v", err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(data), `"ag-res-1412-xxvi-o-96"`) || strings.Contains(string(data), `"errors"`) {
		t.Errorf("the request in flight answered %d %s", resp.StatusCode, data)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("hemigraph exited with %v, want 0", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("hemigraph did not exit 10 s after its last request")
	}
	exited := time.Since(signalled)
	if !strings.Contains(p.log.String(), "shut down cleanly") {
		t.Errorf("no clean shutdown in the log:\n%s", p.log.String())
	}
	t.Logf("SIGTERM with a request in flight: new connections refused after %s, the request answered 200 with its data, exit 0 %s after the signal",
		refusedAfter.Round(time.Millisecond), exited.Round(time.Millisecond))
}
