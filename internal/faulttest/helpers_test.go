package faulttest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/neo4jstore"
)

// root is the repository's root, from this package's folder.
const root = "../.."

// db is the throwaway Neo4j the fault tests start, kill and restart.
type db struct {
	port int
	dir  string
	uri  string
}

var (
	shared     *db
	sharedErr  error
	sharedOnce sync.Once
)

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.stop()
		os.RemoveAll(shared.dir)
	}
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// neo4jDB returns the fault tests' own Neo4j, started on first use. The
// test is skipped where integration tests do not run, and fails when
// Neo4j cannot be started.
func neo4jDB(t *testing.T) *db {
	t.Helper()
	if !neo4jtest.Enabled() {
		t.Skipf("%s is not set; run make test (fault tests start a Neo4j of their own)", neo4jtest.EnvURI)
	}
	sharedOnce.Do(func() {
		port, err := freePort()
		if err != nil {
			sharedErr = err
			return
		}
		dir, err := os.MkdirTemp("", "hemigraph-fault-neo4j-")
		if err != nil {
			sharedErr = err
			return
		}
		shared = &db{port: port, dir: dir}
		_, sharedErr = shared.start()
	})
	if sharedErr != nil {
		t.Fatalf("start the fault tests' Neo4j: %v", sharedErr)
	}
	if !shared.running() {
		if _, err := shared.start(); err != nil {
			t.Fatalf("restart Neo4j: %v", err)
		}
	}
	return shared
}

// script runs scripts/neo4j.sh with d's port and data directory.
func (d *db) script(arg string) (string, error) {
	cmd := exec.Command(filepath.Join(root, "scripts/neo4j.sh"), arg)
	cmd.Env = append(os.Environ(), "NEO4J_PORT="+strconv.Itoa(d.port), "NEO4J_DATA_DIR="+d.dir,
		"NEO4J_HEAP=1g", "NEO4J_PAGECACHE=512m", "NEO4J_START_TIMEOUT=300")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("neo4j.sh %s: %w: %s", arg, err, errb.String())
	}
	return strings.TrimSpace(out.String()), nil
}

// start starts Neo4j on d's data directory and returns how long it took
// to answer.
func (d *db) start() (time.Duration, error) {
	t0 := time.Now()
	out, err := d.script("start")
	if err != nil {
		return 0, err
	}
	lines := strings.Split(out, "\n")
	d.uri = lines[len(lines)-1]
	return time.Since(t0), nil
}

func (d *db) stop() { d.script("stop") }

// pid is the running server's process id, 0 when none.
func (d *db) pid() int {
	b, err := os.ReadFile(filepath.Join(d.dir, "neo4j.pid"))
	if err != nil {
		return 0
	}
	p, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return p
}

func (d *db) running() bool {
	p := d.pid()
	return p > 0 && syscall.Kill(p, 0) == nil
}

// kill sends SIGKILL to Neo4j and waits until it is gone.
func (d *db) kill(t *testing.T) {
	t.Helper()
	p := d.pid()
	if p == 0 {
		t.Fatal("kill: Neo4j is not running")
	}
	if err := syscall.Kill(p, syscall.SIGKILL); err != nil {
		t.Fatalf("kill Neo4j (pid %d): %v", p, err)
	}
	for i := 0; i < 100 && syscall.Kill(p, 0) == nil; i++ {
		time.Sleep(50 * time.Millisecond)
	}
}

// open connects a store to d, with its schema.
func (d *db) open(t *testing.T) *neo4jstore.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: d.uri, TxTimeout: time.Minute}, neo4jtest.Logger(t))
	if err != nil {
		t.Fatalf("open %s: %v", d.uri, err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	return s
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

// graphState is what a graph holds: its entities and relationships
// counted, and a checksum over every label, property, type and endpoint,
// less the bookkeeping that names the load that wrote them (createdBy,
// loadId; the :Load and :Change nodes are not entities).
type graphState struct {
	Nodes, Rels         int
	DistinctIDs         int
	DistinctRelKeys     int
	Checksum            string
	LoadRecords, Change int
}

var bookkeeping = map[string]bool{"createdBy": true, "loadId": true}

const (
	stateNodesCypher = `MATCH (n:Entity) RETURN labels(n) AS labels, properties(n) AS props`
	stateRelsCypher  = `MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`
	stateOtherCypher = `OPTIONAL MATCH (l:Load) WITH count(l) AS loads OPTIONAL MATCH (c:Change) RETURN loads, count(c) AS changes`
)

// state reads the graph's state through a driver of its own.
func (d *db) state(t *testing.T) graphState {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	drv, err := neo4j.NewDriverWithContext(d.uri, neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	run := func(q string) []*neo4j.Record {
		res, err := neo4j.ExecuteQuery(ctx, drv, q, nil, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return res.Records
	}
	var lines []string
	ids := map[string]bool{}
	for _, r := range run(stateNodesCypher) {
		labels, _ := r.Get("labels")
		props, _ := r.Get("props")
		ls := toStrings(labels)
		slices.Sort(ls)
		p := clean(props)
		ids[fmt.Sprint(p["id"])] = true
		lines = append(lines, "N "+strings.Join(ls, ":")+" "+canonical(p))
	}
	st := graphState{Nodes: len(lines), DistinctIDs: len(ids)}
	keys := map[string]bool{}
	for _, r := range run(stateRelsCypher) {
		typ, _ := r.Get("type")
		from, _ := r.Get("from")
		to, _ := r.Get("to")
		props, _ := r.Get("props")
		p := clean(props)
		keys[fmt.Sprint(typ, from, to, p["key"])] = true
		lines = append(lines, fmt.Sprintf("R %v %v %v %s", typ, from, to, canonical(p)))
		st.Rels++
	}
	st.DistinctRelKeys = len(keys)
	slices.Sort(lines)
	h := sha256.New()
	for _, l := range lines {
		io.WriteString(h, l+"\n")
	}
	st.Checksum = hex.EncodeToString(h.Sum(nil))[:16]
	other := run(stateOtherCypher)
	if len(other) > 0 {
		l, _ := other[0].Get("loads")
		c, _ := other[0].Get("changes")
		st.LoadRecords, st.Change = int(l.(int64)), int(c.(int64))
	}
	return st
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

// clean drops the bookkeeping properties.
func clean(v any) map[string]any {
	m := map[string]any{}
	for k, x := range v.(map[string]any) {
		if !bookkeeping[k] {
			m[k] = x
		}
	}
	return m
}

// canonical writes a property map with sorted keys.
func canonical(m map[string]any) string {
	b, err := json.Marshal(m) // maps are written with sorted keys
	if err != nil {
		return fmt.Sprint(m)
	}
	return string(b)
}

// ---- the hemigraph binary ----

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// hemigraphBin builds cmd/hemigraph once per run.
func hemigraphBin(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "hemigraph-fault-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "hemigraph")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/hemigraph")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %w: %s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// serveProc is a running `hemigraph serve`.
type serveProc struct {
	cmd  *exec.Cmd
	base string
	log  *syncBuffer
	done chan error
}

// serve starts `hemigraph serve` against d on a free port and waits until
// it is ready.
func serve(t *testing.T, d *db, args ...string) *serveProc {
	t.Helper()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cmd := exec.Command(hemigraphBin(t), append([]string{"serve", "-addr", addr, "-no-graphiql"}, args...)...)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+d.uri)
	p := &serveProc{cmd: cmd, base: "http://" + addr, log: &syncBuffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.log, p.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		if t.Failed() {
			t.Logf("hemigraph serve's log:\n%s", p.log.String())
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if code, _ := p.get("/readyz"); code == http.StatusOK {
			return p
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("hemigraph serve not ready after 60 s:\n%s", p.log.String())
	return nil
}

var client = &http.Client{Timeout: 60 * time.Second}

// get returns the status and body of GET path.
func (p *serveProc) get(path string) (int, string) {
	resp, err := client.Get(p.base + path)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// gqlResult is the part of a GraphQL response the tests read.
type gqlResult struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// code is the code of the first error, "" when none.
func (r gqlResult) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// query posts one query and returns its answer and how long it took.
func (p *serveProc) query(q string) (gqlResult, time.Duration, error) {
	body, _ := json.Marshal(map[string]any{"query": q})
	t0 := time.Now()
	resp, err := client.Post(p.base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return gqlResult{}, time.Since(t0), err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	took := time.Since(t0)
	if err != nil {
		return gqlResult{}, took, err
	}
	var r gqlResult
	if err := json.Unmarshal(b, &r); err != nil {
		return gqlResult{}, took, fmt.Errorf("HTTP %d: %s", resp.StatusCode, b)
	}
	return r, took, nil
}

// syncBuffer is a bytes.Buffer safe for the writes of a process and the
// reads of a test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// metric returns the value of the sample of the metrics text whose line
// starts with prefix, summed over its lines.
func metric(text, prefix string) float64 {
	sum := 0.0
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, prefix) {
			f := strings.Fields(l)
			v, _ := strconv.ParseFloat(f[len(f)-1], 64)
			sum += v
		}
	}
	return sum
}
