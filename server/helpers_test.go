package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/neo4jstore"
	"github.com/hemigraph/hemigraph/server"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// corpusFile is the bundled corpus of facts; the tests load it alone, so
// that documents added to data/corpus do not move their golden answers.
const corpusFile = "../data/corpus/oas-facts.jsonl"

// testOrigin is the one origin the test server allows (CORS).
const testOrigin = "http://app.example"

// fixture is the real server over the real Neo4j holding the bundled corpus.
type fixture struct {
	store *neo4jstore.Store
	h     http.Handler
	stmts *statementLog
}

// statementLog records the statements the store sends; tests reset it
// before the request they measure.
type statementLog struct {
	mu sync.Mutex
	qs []string
}

func (l *statementLog) add(q string) {
	l.mu.Lock()
	l.qs = append(l.qs, q)
	l.mu.Unlock()
}

func (l *statementLog) reset() {
	l.mu.Lock()
	l.qs = nil
	l.mu.Unlock()
}

func (l *statementLog) list() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.qs...)
}

// newFixture opens the test Neo4j (wiped), loads the bundled corpus and
// assembles the server with cfg (AllowedOrigins defaults to testOrigin).
func newFixture(t testing.TB, cfg server.Config) *fixture {
	t.Helper()
	s := neo4jtest.Open(t)
	loadCorpus(t, s)
	stmts := &statementLog{}
	s.OnStatement(stmts.add)
	if cfg.AllowedOrigins == nil {
		cfg.AllowedOrigins = []string{testOrigin}
	}
	return &fixture{store: s, h: server.New(cfg, s, s, neo4jtest.Logger(t)), stmts: stmts}
}

func loadCorpus(t testing.TB, s *neo4jstore.Store) {
	t.Helper()
	b, errs, err := loader.ReadPaths([]string{corpusFile})
	if err != nil || len(errs) > 0 {
		t.Fatalf("read corpus: %v %v", err, errs)
	}
	l := &loader.Loader{W: s}
	if _, errs, err := l.Load(context.Background(), b, nil); err != nil || len(errs) > 0 {
		t.Fatalf("load corpus: %v %v", err, errs)
	}
}

// response is a GraphQL response as sent on the wire.
type response struct {
	Data       json.RawMessage `json:"data"`
	Errors     []gqlError      `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// codes returns the extensions.code of every error, in order.
func (r *response) codes() []string {
	var out []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

// request is a GraphQL request body.
type request struct {
	Query         string         `json:"query,omitempty"`
	OperationName string         `json:"operationName,omitempty"`
	Variables     map[string]any `json:"variables,omitempty"`
	Extensions    map[string]any `json:"extensions,omitempty"`
}

// post sends req to /graphql as JSON and returns the recorder.
func (f *fixture) post(t testing.TB, req request) *httptest.ResponseRecorder {
	t.Helper()
	body, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// query posts query with vars and decodes the response; it fails the test
// unless the status is 200.
func (f *fixture) query(t testing.TB, query string, vars map[string]any) *response {
	t.Helper()
	w := f.post(t, request{Query: query, Variables: vars})
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	return decode(t, w.Body.Bytes())
}

// data posts query and decodes its data into v; it fails the test on any
// error in the response.
func (f *fixture) data(t testing.TB, query string, vars map[string]any, v any) {
	t.Helper()
	resp := f.query(t, query, vars)
	if len(resp.Errors) > 0 {
		t.Fatalf("errors: %+v", resp.Errors)
	}
	if err := json.Unmarshal(resp.Data, v); err != nil {
		t.Fatalf("decode data: %v\n%s", err, resp.Data)
	}
}

func decode(t testing.TB, body []byte) *response {
	t.Helper()
	var resp response
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatalf("decode response: %v\n%s", err, body)
	}
	return &resp
}

// golden compares the JSON body with testdata/name.json after indenting it,
// and rewrites the file under -update.
func golden(t *testing.T, name string, body []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, body, "", "  "); err != nil {
		t.Fatalf("indent %s: %v\n%s", name, err, body)
	}
	buf.WriteByte('\n')
	path := filepath.Join("testdata", name+".json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./server -run %s -update to create it)", err, t.Name())
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// goldenName turns a subtest name into a file name.
func goldenName(prefix, name string) string {
	r := strings.NewReplacer(" ", "-", "/", "-", "(", "", ")", "", ".", "", ",", "")
	return prefix + "-" + strings.ToLower(r.Replace(name))
}
