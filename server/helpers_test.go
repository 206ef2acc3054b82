package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/golden"
	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/memstore"
	"github.com/hemigraph/hemigraph/query"
	"github.com/hemigraph/hemigraph/server"
	"github.com/hemigraph/hemigraph/storetest"
)

// corpusFile is the bundled corpus of facts; the tests load it alone, so
// that documents added to data/corpus do not move their golden answers.
const corpusFile = "../data/corpus/oas-facts.jsonl"

// testOrigin is the one origin the test server allows (CORS).
const testOrigin = "http://app.example"

// store is what a fixture needs of a store: the reads the server makes and
// the writes the loader makes.
type store = storetest.Store

// fixture is the real server over a store holding the bundled corpus.
type fixture struct {
	store store
	h     http.Handler
	// stmts records what the server asked of the store: the Cypher
	// statements sent, on Neo4j; the calls of the store's methods, in
	// memory.
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

// eachStore runs test against the server over the in-memory store, and
// over the test Neo4j when one is enabled (neo4jtest.Enabled: always in CI),
// each holding the bundled corpus, with cfg (AllowedOrigins defaults to
// testOrigin).
func eachStore(t *testing.T, cfg server.Config, test func(t *testing.T, f *fixture)) {
	t.Helper()
	t.Run("memory", func(t *testing.T) { test(t, newMemoryFixture(t, cfg)) })
	if neo4jtest.Enabled() {
		t.Run("neo4j", func(t *testing.T) { test(t, newFixture(t, cfg)) })
	}
}

// newFixture opens the test Neo4j (wiped), loads the bundled corpus and
// assembles the server with cfg. Tests about the statements sent to Neo4j
// use it alone; the others run on every store with eachStore.
func newFixture(t testing.TB, cfg server.Config) *fixture {
	t.Helper()
	s := neo4jtest.Open(t)
	loadCorpus(t, s)
	stmts := &statementLog{}
	s.OnStatement(stmts.add)
	return assemble(t, s, stmts, cfg)
}

// newMemoryFixture is newFixture over the in-memory store; the log records
// the store's calls.
func newMemoryFixture(t testing.TB, cfg server.Config) *fixture {
	t.Helper()
	m := memstore.New()
	loadCorpus(t, m)
	stmts := &statementLog{}
	return assemble(t, recording{m, stmts}, stmts, cfg)
}

func assemble(t testing.TB, s store, stmts *statementLog, cfg server.Config) *fixture {
	if cfg.AllowedOrigins == nil {
		cfg.AllowedOrigins = []string{testOrigin}
	}
	return &fixture{store: s, h: server.New(cfg, s, s, neo4jtest.Logger(t)), stmts: stmts}
}

func loadCorpus(t testing.TB, s store) {
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

// recording is a store that logs the name of each read the server makes.
type recording struct {
	store
	log *statementLog
}

func (r recording) LookupNodes(ctx context.Context, ids []string, props query.NodeProps, e *query.Expand) ([]hemigraph.Node, query.Prefetch, error) {
	r.log.add("LookupNodes")
	return r.store.LookupNodes(ctx, ids, props, e)
}

func (r recording) LookupSymbol(ctx context.Context, symbol string, props query.NodeProps, e *query.Expand) (hemigraph.Node, query.Prefetch, error) {
	r.log.add("LookupSymbol")
	return r.store.LookupSymbol(ctx, symbol, props, e)
}

func (r recording) FindNodes(ctx context.Context, q query.FindQuery) (query.Page, error) {
	r.log.add("FindNodes")
	return r.store.FindNodes(ctx, q)
}

func (r recording) Facets(ctx context.Context, label string, f query.Filter) (query.Facets, error) {
	r.log.add("Facets")
	return r.store.Facets(ctx, label, f)
}

func (r recording) Search(ctx context.Context, q query.SearchQuery) (query.SearchPage, error) {
	r.log.add("Search")
	return r.store.Search(ctx, q)
}

func (r recording) Neighbourhood(ctx context.Context, q query.NeighbourhoodQuery) (query.Subgraph, error) {
	r.log.add("Neighbourhood")
	return r.store.Neighbourhood(ctx, q)
}

func (r recording) Paths(ctx context.Context, q query.PathsQuery) ([]query.Path, error) {
	r.log.add("Paths")
	return r.store.Paths(ctx, q)
}

func (r recording) Lineage(ctx context.Context, q query.LineageQuery) (query.Lineage, error) {
	r.log.add("Lineage")
	return r.store.Lineage(ctx, q)
}

func (r recording) Relations(ctx context.Context, ids []string, q query.RelQuery) (map[string][]hemigraph.Relation, error) {
	r.log.add("Relations")
	return r.store.Relations(ctx, ids, q)
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

// checkGolden compares the JSON body with testdata/name.json after
// indenting it, and rewrites the file under -update.
func checkGolden(t *testing.T, name string, body []byte) {
	t.Helper()
	golden.CheckJSON(t, filepath.Join("testdata", name+".json"), body)
}

// goldenName turns a subtest name into a file name.
func goldenName(prefix, name string) string {
	r := strings.NewReplacer(" ", "-", "/", "-", "(", "", ")", "", ".", "", ",", "")
	return prefix + "-" + strings.ToLower(r.Replace(name))
}
