package harness

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/hemigraph/hemigraph/bench/loadgen"
	"github.com/hemigraph/hemigraph/neo4jstore"
	"github.com/hemigraph/hemigraph/server"
)

// The three targets of the server benchmark.
const (
	targetHemigraph = "hemigraph"
	targetRaw       = "raw driver"
	targetPeer      = "@neo4j/graphql"
)

// query is one of the representative queries, as each target asks it.
// An empty text means the target has no such query.
type query struct {
	name      string
	hemigraph string
	peer      string
	rawPath   string // endpoint of the raw baseline
	// arg returns the argument of the i-th request: an instrument id, a
	// conference id or a search word.
	arg     func(i int) string
	argName string // GraphQL variable and raw query parameter
	peerArg func(s string) string
	want    string
}

// searchWords are the full-text search queries, one per request in turn.
var searchWords = []string{"terrorism", "firearms", "landmines", "caribbean", "cyber", "trafficking", "disarmament", "maritime"}

// queries returns the representative queries of the server benchmark,
// their arguments drawn from cf's instruments and conferences.
func queries(cf corpusFile) []query {
	pick := func(ids []string, stride int) func(i int) string {
		return func(i int) string { return ids[(i*stride+17)%len(ids)] }
	}
	instr, conf := pick(cf.instruments, 7919), pick(cf.conferences, 31)
	word := func(i int) string { return searchWords[i%len(searchWords)] }
	title := func(i int) string { return []string{"security", "terrorism", "cooperation", "firearms"}[i%4] }
	capital := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	return []query{
		{
			name:      "lookup",
			hemigraph: `query($id: ID!) { instrument(id: $id) { id kind symbol title date year } }`,
			peer:      `query($id: ID!) { instruments(where: {id: {eq: $id}}) { id kind symbol title date year } }`,
			rawPath:   "/lookup", arg: instr, argName: "id", want: `"title"`,
		},
		{
			name: "nested relations",
			hemigraph: `query($id: ID!) { instrument(id: $id) { id title
  cites(first: 10) { verb source node { id title } }
  citedBy(first: 10) { verb source node { id title } }
  adoptedAt(first: 5) { node { id title } } } }`,
			peer: `query($id: ID!) { instruments(where: {id: {eq: $id}}) { id title
  citesConnection(first: 10, sort: [{node: {id: ASC}}]) { edges { properties { verb source } node { id title } } }
  citedByConnection(first: 10, sort: [{node: {id: ASC}}]) { edges { properties { verb source } node { id title } } }
  adoptedAtConnection(first: 5) { edges { node { id title } } } } }`,
			rawPath: "/nested", arg: instr, argName: "id", want: `"title"`,
		},
		{
			name: "filtered list page",
			hemigraph: `query($title: String!) { instruments(first: 20, filter: {title: $title, kinds: [RESOLUTION]}) {
  edges { node { id title date } } pageInfo { hasNextPage endCursor } } }`,
			// Titles are capitalized, so a case-sensitive CONTAINS on the
			// capitalized word selects what hemigraph's case-insensitive
			// filter selects.
			peer: `query($title: String!) { instrumentsConnection(first: 20, where: {kind: {eq: "Resolution"}, title: {contains: $title}}, sort: [{id: ASC}]) {
  edges { node { id title date } } pageInfo { hasNextPage endCursor } } }`,
			rawPath: "/list", arg: title, argName: "title", peerArg: capital, want: `"title"`,
		},
		{
			name:      "full-text search",
			hemigraph: `query($text: String!) { search(text: $text, first: 20) { edges { node { id title } } } }`,
			peer:      `query($text: String!) { searchInstruments(phrase: $text, first: 20) { edges { score node { id title } } } }`,
			rawPath:   "/search", arg: word, argName: "text", want: `"title"`,
		},
		{
			name: "lineage (depth 4)",
			hemigraph: `query($id: ID!) { instrumentsLeadingTo(conference: $id, maxDepth: 4, first: 50) { truncated
  entries { distance node { id title } path { type source from { id } to { id } } } } }`,
			peer:    `query($id: ID!) { instrumentsLeadingTo(conference: $id) { id title } }`,
			rawPath: "/lineage", arg: conf, argName: "id",
		},
		{
			name:      "neighbourhood",
			hemigraph: `query($id: ID!) { neighbourhood(id: $id, depth: 1, limit: 100) { nodes { id } edges { id type from to } } }`,
			rawPath:   "/neighbourhood", arg: instr, argName: "id",
		},
	}
}

// proc is a server process started by the benchmark.
type proc struct {
	name string
	cmd  *exec.Cmd
	url  string
	log  *bytes.Buffer
}

// stop ends p: SIGTERM, then SIGKILL after 10 seconds.
func (p *proc) stop() {
	if p == nil || p.cmd.Process == nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
}

// peakRSSMB returns the process's peak resident set (VmHWM) in MB.
func (p *proc) peakRSSMB() float64 { return statusMB(p.cmd.Process.Pid, "VmHWM:") }

// statusMB returns a field of /proc/PID/status given in kB ("VmHWM:",
// "VmRSS:"), in MB; 0 when it cannot be read.
func statusMB(pid int, field string) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, field); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// watchPeakRSS reads the peak resident set (VmHWM) of the process pid
// every 20 ms until stop is called, and stop returns the last reading in
// MB. The rusage of a child that Go started (ru_maxrss) is no use for
// this: the child is cloned sharing the parent's memory until it execs,
// and Linux counts the parent's resident set at that moment into the
// child's maximum — the benchmark's own, holding a whole corpus.
func watchPeakRSS(pid int) (stop func() float64) {
	var peak float64
	done, quit := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			if v := statusMB(pid, "VmHWM:"); v > peak {
				peak = v
			}
			select {
			case <-quit:
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 {
		close(quit)
		<-done
		return peak
	}
}

// freePort returns a TCP port free on 127.0.0.1 at the time of asking.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// start runs cmd and waits until ready answers true.
func (b *bench) start(ctx context.Context, name string, cmd *exec.Cmd, env []string, baseURL string, ready func() bool) (*proc, error) {
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	cmd.Env = append(append(os.Environ(), "NEO4J_URI="+b.cfg.Neo4j.URI), env...)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &proc{name: name, cmd: cmd, url: baseURL, log: &buf}
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if ctx.Err() != nil {
			p.stop()
			return nil, ctx.Err()
		}
		if ready() {
			return p, nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	p.stop()
	return nil, fmt.Errorf("%s did not become ready: %s", name, tail(buf.String()))
}

// httpOK reports whether a request to u answers 200 within 2 seconds.
func httpOK(method, u, body string) bool {
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json")
	c := &http.Client{Timeout: 2 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// startHemigraph starts `hemigraph serve` on a free port.
func (b *bench) startHemigraph(ctx context.Context) (*proc, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	cmd := exec.CommandContext(ctx, b.cfg.Hemigraph, "serve", "-addr", fmt.Sprintf("127.0.0.1:%d", port), "-log-level", "warn", "-no-graphiql")
	return b.start(ctx, targetHemigraph, cmd, nil, base+"/graphql", func() bool { return httpOK("GET", base+"/readyz", "") })
}

// startRaw starts the raw baseline, this executable's rawserve command,
// on a free port.
func (b *bench) startRaw(ctx context.Context) (*proc, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, self, "rawserve", "-addr", fmt.Sprintf("127.0.0.1:%d", port))
	return b.start(ctx, targetRaw, cmd, nil, base, func() bool { return httpOK("GET", base+"/stats", "") })
}

// startPeer starts the @neo4j/graphql peer on a free port; counting, it
// counts its statements and serves the count on the next port.
func (b *bench) startPeer(ctx context.Context, counting bool) (*proc, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("http://127.0.0.1:%d/", port)
	cmd := exec.CommandContext(ctx, "node", "server.mjs")
	cmd.Dir = b.cfg.Peer
	count := "0"
	if counting {
		count = "1"
	}
	return b.start(ctx, targetPeer, cmd, []string{"PORT=" + strconv.Itoa(port), "COUNT_STATEMENTS=" + count},
		base, func() bool { return httpOK("POST", base, `{"query":"{ __typename }"}`) })
}

// request returns the loadgen request of q against target, or nil when
// the target has no such query.
func (q query) request(target, base string) loadgen.Request {
	switch target {
	case targetHemigraph, targetPeer:
		text := q.hemigraph
		argf := q.arg
		if target == targetPeer {
			text = q.peer
			if q.peerArg != nil {
				argf = func(i int) string { return q.peerArg(q.arg(i)) }
			}
		}
		if text == "" {
			return nil
		}
		return loadgen.GraphQL{URL: base, Query: text, Want: q.want,
			Vars: func(i int) map[string]any { return map[string]any{q.argName: argf(i)} }}
	default:
		return loadgen.Get{Want: q.want, URL: func(i int) string {
			return base + q.rawPath + "?" + url.Values{q.argName: {q.arg(i)}}.Encode()
		}}
	}
}

// QueryWarmup is how long each target answers a query, unmeasured, before
// the query's first measured cell (warmQuery): what `hemigraph-bench run`
// and `compare` use unless told otherwise.
const QueryWarmup = 3 * time.Second

// warmQuery sends each of reqs, one target after the other, for d at the
// highest of concs up to 16, and measures nothing; nothing when d is 0.
// Without it, the first target measured on a query pays for warming what
// the next ones find warm: Neo4j compiling the statements and its JIT the
// code that runs them (the raw baseline sends hemigraph's statements),
// the targets' connection pools. Each cell's own warm-up is too short for
// that at c = 1.
func warmQuery(ctx context.Context, concs []int, d time.Duration, reqs []loadgen.Request) {
	if d <= 0 {
		return
	}
	conc := 1
	for _, c := range concs {
		conc = max(conc, min(c, 16))
	}
	client := loadgen.Client(conc)
	for _, r := range reqs {
		loadgen.Do(ctx, client, loadgen.Run{Concurrency: conc, Duration: d}, r)
	}
}

// leftoverAge is how long a statement may still run after a server cell
// before it is ended: longer than any request of a cell that kept up.
const leftoverAge = time.Second

// servers measures the three targets on the graph of n instruments, which
// hemigraph has just loaded. After each cell it ends the statements still
// running (terminateRunning), so that a cell whose requests timed out does
// not slow the cells after it.
func (b *bench) servers(ctx context.Context, n int) error {
	cf := b.files[n]
	sr := &serverResult{Instruments: n, Duration: b.cfg.Duration.String(), Warmup: b.cfg.Warmup.String(), Concurrency: b.cfg.Concurrency}
	if b.cfg.QueryWarmup > 0 {
		sr.QueryWarmup = b.cfg.QueryWarmup.String()
	}
	b.res.Server = sr
	qs := queries(cf)

	// Statements per request, hemigraph: in process, through the real
	// handler, counting with the store's statement hook.
	stmts, err := b.hemigraphStatements(ctx, qs)
	if err != nil {
		return err
	}
	sr.Statements = map[string]map[string]float64{targetHemigraph: stmts}

	// Statements per request, @neo4j/graphql: a counting instance.
	peerCount, err := b.startPeer(ctx, true)
	if err != nil {
		return err
	}
	sr.Statements[targetPeer] = b.remoteStatements(ctx, qs, targetPeer, peerCount.url, peerStatsURL(peerCount.url))
	peerCount.stop()

	hg, err := b.startHemigraph(ctx)
	if err != nil {
		return err
	}
	defer hg.stop()
	rw, err := b.startRaw(ctx)
	if err != nil {
		return err
	}
	defer rw.stop()
	peer, err := b.startPeer(ctx, false)
	if err != nil {
		return err
	}
	defer peer.stop()
	sr.Statements[targetRaw] = b.remoteStatements(ctx, qs, targetRaw, rw.url, rw.url+"/stats")
	procs := []*proc{hg, rw, peer}

	for _, q := range qs {
		// Probe each target once: a query a target cannot answer (not in
		// its schema yet) is reported, not measured.
		usable := map[string]string{}
		for _, p := range procs {
			req := q.request(p.name, p.url)
			if req == nil {
				usable[p.name] = "no such query"
				continue
			}
			c := loadgen.Client(1)
			st := loadgen.Do(ctx, c, loadgen.Run{Concurrency: 1, Duration: time.Second, MaxRequests: 1}, req)
			if st.Errors > 0 {
				usable[p.name] = st.FirstErr
			}
		}
		var warm []loadgen.Request
		for _, p := range procs {
			if _, bad := usable[p.name]; !bad {
				warm = append(warm, q.request(p.name, p.url))
			}
		}
		warmQuery(ctx, b.cfg.Concurrency, b.cfg.QueryWarmup, warm)
		if _, err := terminateRunning(ctx, b.driver, b.db, leftoverAge); err != nil {
			return err
		}
		for _, conc := range b.cfg.Concurrency {
			c := loadgen.Client(conc)
			for _, p := range procs {
				cell := serverCell{Query: q.name, Concurrency: conc, Target: p.name}
				if why, bad := usable[p.name]; bad {
					cell.NA = shorten(why)
				} else {
					b.log.Info("server", "query", q.name, "concurrency", conc, "target", p.name)
					cell.Stats = loadgen.Do(ctx, c, loadgen.Run{Concurrency: conc, Duration: b.cfg.Duration,
						Warmup: b.cfg.Warmup, MaxRequests: 200000}, q.request(p.name, p.url))
					// The statements of requests the load generator gave up
					// on can run on in Neo4j, taking the next cells' CPU.
					ended, err := terminateRunning(ctx, b.driver, b.db, leftoverAge)
					if err != nil {
						return err
					}
					if ended > 0 {
						b.res.Notes = append(b.res.Notes, fmt.Sprintf("%s, c = %d, %s: %d statements were still running %s after the cell and were ended before the next one",
							q.name, conc, p.name, ended, leftoverAge))
					}
				}
				sr.Cells = append(sr.Cells, cell)
			}
		}
	}
	sr.PeakRSSMB = map[string]float64{}
	for _, p := range procs {
		sr.PeakRSSMB[p.name] = p.peakRSSMB()
	}
	return nil
}

// shorten collapses the white space of s and cuts it at 160 bytes.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

// peerStatsURL is where a counting peer at base serves its count: the
// port after base's.
func peerStatsURL(base string) string {
	u, _ := url.Parse(base)
	port, _ := strconv.Atoi(u.Port())
	return fmt.Sprintf("http://127.0.0.1:%d/", port+1)
}

// hemigraphStatements sends each query five times through hemigraph's
// handler, in process, and returns the mean statements per request.
func (b *bench) hemigraphStatements(ctx context.Context, qs []query) (map[string]float64, error) {
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: b.cfg.Neo4j.URI, Database: b.db, TxTimeout: time.Minute},
		slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, err
	}
	defer store.Close(context.Background())
	var count atomic.Int64
	store.OnStatement(func(string) { count.Add(1) })
	h := server.New(server.Config{DisableGraphiQL: true}, store, store, slog.New(slog.DiscardHandler))
	ts := httptest.NewServer(h)
	defer ts.Close()
	out := map[string]float64{}
	for _, q := range qs {
		req := q.request(targetHemigraph, ts.URL+"/graphql")
		if req == nil {
			continue
		}
		c := loadgen.Client(1)
		count.Store(0)
		st := loadgen.Do(ctx, c, loadgen.Run{Concurrency: 1, Duration: 30 * time.Second, MaxRequests: 5}, req)
		if st.Errors > 0 || st.Requests == 0 {
			continue
		}
		out[q.name] = float64(count.Load()) / float64(st.Requests)
	}
	return out, nil
}

// remoteStatements sends each query five times to a server that counts
// the statements it sends at statsURL, and returns the mean per request.
func (b *bench) remoteStatements(ctx context.Context, qs []query, target, base, statsURL string) map[string]float64 {
	read := func() (int, error) {
		resp, err := http.Get(statsURL)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return strconv.Atoi(strings.TrimSpace(string(body)))
	}
	out := map[string]float64{}
	for _, q := range qs {
		req := q.request(target, base)
		if req == nil {
			continue
		}
		before, err := read()
		if err != nil {
			continue
		}
		st := loadgen.Do(ctx, loadgen.Client(1), loadgen.Run{Concurrency: 1, Duration: 30 * time.Second, MaxRequests: 5}, req)
		after, err := read()
		if err != nil || st.Errors > 0 || st.Requests == 0 {
			continue
		}
		out[q.name] = float64(after-before) / float64(st.Requests)
	}
	return out
}

// lineage measures instrumentsLeadingTo at depth 6 through hemigraph's
// server, one request at a time, over distinct conferences, and the raw
// baseline walking the same levels to the same bound over the same
// conferences, right after.
func (b *bench) lineage(ctx context.Context, n int) error {
	cf := b.files[n]
	count := min(b.cfg.LineageN, len(cf.conferences))
	conf := func(i int) string { return cf.conferences[(i*31+5)%len(cf.conferences)] }
	const text = `query($id: ID!) { instrumentsLeadingTo(conference: $id, maxDepth: 6) { truncated
  entries { distance node { id title } path { type source from { id } to { id } } } } }`
	measure := func(start func(context.Context) (*proc, error), req func(base string) loadgen.Request) (loadgen.Stats, error) {
		p, err := start(ctx)
		if err != nil {
			return loadgen.Stats{}, err
		}
		defer p.stop()
		c := loadgen.Client(1)
		// Warm, with one pass over the same conferences, not measured: the
		// first requests compile the plans, and the first walk up from a
		// conference brings its upstream into Neo4j's caches. Without it,
		// the target measured first paid that for both
		// (docs/performance.md).
		loadgen.Do(ctx, c, loadgen.Run{Concurrency: 1, Duration: 2 * time.Minute, MaxRequests: count}, req(p.url))
		return loadgen.Do(ctx, c, loadgen.Run{Concurrency: 1, Duration: 2 * time.Minute, MaxRequests: count}, req(p.url)), nil
	}
	st, err := measure(b.startHemigraph, func(base string) loadgen.Request {
		return loadgen.GraphQL{URL: base, Query: text, Vars: func(i int) map[string]any { return map[string]any{"id": conf(i)} }}
	})
	if err != nil {
		return err
	}
	raw, err := measure(b.startRaw, func(base string) loadgen.Request {
		return loadgen.Get{URL: func(i int) string {
			return base + "/lineage?" + url.Values{"id": {conf(i)}, "depth": {"6"}, "first": {"200"}}.Encode()
		}}
	})
	if err != nil {
		return err
	}
	// A request that hits the server's request timeout is an error, not a
	// latency: it is counted, and the percentiles cover the others.
	b.res.Lineage = append(b.res.Lineage, lineageResult{Instruments: n, Depth: 6, Requests: st.Requests,
		Errors: st.Errors, FirstErr: shorten(st.FirstErr),
		P50: st.P50, P95: st.P95, P99: st.P99, Conferences: len(cf.conferences),
		RawRequests: raw.Requests, RawErrors: raw.Errors, RawP50: raw.P50, RawP95: raw.P95, RawRPS: raw.RPS, RPS: st.RPS})
	return nil
}
