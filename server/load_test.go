package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/loader/document"
	"github.com/hemigraph/hemigraph/memstore"
	"github.com/hemigraph/hemigraph/query"
	"github.com/hemigraph/hemigraph/server"
	"github.com/hemigraph/hemigraph/server/auth"
)

// Secrets of the tokens the load tests' server knows.
const (
	readSecret   = "hgt_read-secret-of-the-tests"
	writeSecret  = "hgt_write-secret-of-the-tests"
	adminSecret  = "hgt_admin-secret-of-the-tests"
	smallSecret  = "hgt_small-secret-of-the-tests"  // write, max-body=1KiB
	singleSecret = "hgt_single-secret-of-the-tests" // write, max-loads=1
)

func testTokens(t testing.TB) *auth.Set {
	t.Helper()
	tok := func(name string, scope auth.Scope, secret string) auth.Token {
		return auth.Token{Name: name, Scope: scope, Hash: sha256.Sum256([]byte(secret))}
	}
	small := tok("small", auth.ScopeWrite, smallSecret)
	small.MaxBodyBytes = 1 << 10
	single := tok("single", auth.ScopeWrite, singleSecret)
	single.MaxLoads = 1
	s, err := auth.NewSet(tok("reader", auth.ScopeRead, readSecret), tok("etl", auth.ScopeWrite, writeSecret),
		tok("admin", auth.ScopeAdmin, adminSecret), small, single)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// storeLoader is the loader cmd/hemigraph gives the server: a
// loader.Loader over the store, by the token's name.
type storeLoader struct{ s store }

func (l storeLoader) LoadInputs(ctx context.Context, by string, inputs []loader.Input, skip bool) (loader.Summary, []error, error) {
	ld := &loader.Loader{W: l.s, G: l.s, By: by}
	if skip {
		ld.Policy = loader.SkipInvalid
	}
	return ld.LoadInputs(ctx, inputs)
}

// loadServer is the server over s with the test tokens, loads into s, and
// its spool folder.
type loadServer struct {
	s     store
	h     http.Handler
	spool string
}

func newLoadServer(t testing.TB, s store, cfg server.Config) *loadServer {
	t.Helper()
	if cfg.AllowedOrigins == nil {
		cfg.AllowedOrigins = []string{testOrigin}
	}
	if cfg.Tokens == nil {
		cfg.Tokens = testTokens(t)
	}
	if cfg.Loader == nil {
		cfg.Loader = storeLoader{s}
	}
	cfg.SpoolDir = t.TempDir()
	return &loadServer{s: s, h: server.New(cfg, s, s, neo4jtest.Logger(t)), spool: cfg.SpoolDir}
}

// eachEmptyStore runs test on an empty in-memory store and, when enabled,
// on the test Neo4j; open gives an empty store of that kind (on Neo4j the
// one database, wiped).
func eachEmptyStore(t *testing.T, test func(t *testing.T, open func(t *testing.T) store)) {
	t.Helper()
	t.Run("memory", func(t *testing.T) { test(t, func(*testing.T) store { return memstore.New() }) })
	if neo4jtest.Enabled() {
		t.Run("neo4j", func(t *testing.T) { test(t, func(t *testing.T) store { return neo4jtest.Open(t) }) })
	}
}

// loadAnswer is the answer of POST /load.
type loadAnswer struct {
	Input struct {
		Name   string `json:"name"`
		Format string `json:"format"`
		Bytes  int64  `json:"bytes"`
		SHA256 string `json:"sha256"`
	} `json:"input"`
	Summary      loader.Summary `json:"summary"`
	RecordErrors []string       `json:"recordErrors"`
	Errors       []gqlError     `json:"errors"`
}

func (a *loadAnswer) codes() []string { return (&response{Errors: a.Errors}).codes() }

// loadReq is one POST /load.
type loadReq struct {
	secret      string // Authorization: Bearer secret, when set
	contentType string
	params      url.Values
	header      map[string]string
	body        io.Reader
}

func (ls *loadServer) post(t testing.TB, r loadReq) (*httptest.ResponseRecorder, *loadAnswer) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/load?"+r.params.Encode(), r.body)
	if r.secret != "" {
		req.Header.Set("Authorization", "Bearer "+r.secret)
	}
	req.Header.Set("Content-Type", r.contentType)
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	ls.h.ServeHTTP(w, req)
	var a loadAnswer
	if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil {
		t.Fatalf("status %d, answer not JSON: %v\n%s", w.Code, err, w.Body)
	}
	return w, &a
}

// mediaOf is the media type a pipeline sends a file as.
func mediaOf(path string) string {
	switch filepath.Ext(path) {
	case ".jsonl":
		return "application/x-ndjson"
	case ".csv":
		return "text/csv"
	case ".html", ".htm":
		return "text/html"
	}
	return "text/plain; charset=utf-8"
}

// postFile sends the file at path, named by its path so that its errors
// read as the command line's.
func (ls *loadServer) postFile(t testing.TB, secret, path string, params url.Values) (*httptest.ResponseRecorder, *loadAnswer) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if params == nil {
		params = url.Values{}
	}
	params.Set("name", path)
	return ls.post(t, loadReq{secret: secret, contentType: mediaOf(path), params: params, body: bytes.NewReader(data)})
}

// cliLoad loads the file at path as `hemigraph load` does: a loader over
// the store, the file opened by loader.OpenFile.
func cliLoad(t testing.TB, s store, path string, ident document.Identity, skip bool) (loader.Summary, []string, error) {
	t.Helper()
	in, err := loader.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	in.Identity = ident
	l := &loader.Loader{W: s, G: s, By: "cli"}
	if skip {
		l.Policy = loader.SkipInvalid
	}
	sum, errs, err := l.LoadInputs(context.Background(), []loader.Input{in})
	return sum, errorStrings(errs), err
}

func errorStrings(errs []error) []string {
	out := []string{}
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// tally is what two loads of the same input must agree on.
type tally struct {
	Nodes, Edges                                   hemigraph.WriteCounts
	Invalid, Documents, Skipped, Retracted, Merged int
}

func tallyOf(s loader.Summary) tally {
	return tally{s.Nodes, s.Edges, s.Invalid, s.Documents, s.Skipped, s.Retracted, s.Merged}
}

// graphSnapshot is every node of a store and every relation from each,
// with the counts of nodes and relationships.
type graphSnapshot struct {
	Nodes, Rels int
	ByID        map[string]hemigraph.Node
	Out         map[string][]hemigraph.Relation
}

func snapshotOf(t testing.TB, s store) graphSnapshot {
	t.Helper()
	ctx := context.Background()
	var g graphSnapshot
	var err error
	if g.Nodes, g.Rels, err = s.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	g.ByID, g.Out = map[string]hemigraph.Node{}, map[string][]hemigraph.Relation{}
	var ids []string
	var after *query.Cursor
	for {
		page, err := s.FindNodes(ctx, query.FindQuery{Label: "Entity", First: 100, After: after})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range page.Nodes {
			g.ByID[n.ID] = n
			ids = append(ids, n.ID)
		}
		if !page.HasNext {
			break
		}
		after = &page.Cursors[len(page.Cursors)-1]
	}
	for len(ids) > 0 {
		k := min(100, len(ids))
		rels, err := s.Relations(ctx, ids[:k], query.RelQuery{Direction: query.Outgoing, First: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for id, l := range rels {
			if len(l) > 0 {
				g.Out[id] = l
			}
		}
		ids = ids[k:]
	}
	if len(g.ByID) != g.Nodes {
		t.Fatalf("read back %d nodes of %d", len(g.ByID), g.Nodes)
	}
	return g
}

func fileSHA256(t testing.TB, path string) (string, int64) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:]), int64(len(data))
}

const (
	documentFile = "../data/corpus/documents/ag-res-1412-xxvi-o-96.txt"
	csvNodes     = "../loader/testdata/nodes.csv"
	csvEdges     = "../loader/testdata/edges.csv"
	mixedFile    = "../loader/testdata/mixed.jsonl"
)

// TestLoadSameAsCLI: loading files over HTTP with a write token does what
// loading them at the command line does: the same summaries and record
// errors, and the same graph (every node and relation read back). The
// files: the bundled corpus (JSON Lines), CSV nodes and edges (with bad
// records, skipped), and a document with what is known of it in the query.
func TestLoadSameAsCLI(t *testing.T) {
	type step struct {
		path   string
		params url.Values
		ident  document.Identity
		skip   bool
	}
	steps := []step{
		{path: corpusFile},
		{path: csvNodes, skip: true, params: url.Values{"skipInvalid": {"true"}}},
		{path: csvEdges, skip: true, params: url.Values{"skipInvalid": {"true"}}},
		{path: documentFile, params: url.Values{"url": {"https://www.oas.org/juridico/english/ga-res96/eres1412.htm"}, "lang": {"en"}},
			ident: document.Identity{URL: "https://www.oas.org/juridico/english/ga-res96/eres1412.htm", Language: "en"}},
	}
	eachEmptyStore(t, func(t *testing.T, open func(t *testing.T) store) {
		cli := open(t)
		var cliSums []tally
		var cliErrs [][]string
		for _, st := range steps {
			sum, errs, err := cliLoad(t, cli, st.path, st.ident, st.skip)
			if err != nil {
				t.Fatalf("cli load %s: %v", st.path, err)
			}
			cliSums, cliErrs = append(cliSums, tallyOf(sum)), append(cliErrs, errs)
		}
		want := snapshotOf(t, cli)

		ls := newLoadServer(t, open(t), server.Config{})
		if n, _, _ := ls.s.Counts(context.Background()); n != 0 {
			t.Fatalf("the HTTP side starts with %d nodes", n)
		}
		for i, st := range steps {
			w, a := ls.postFile(t, writeSecret, st.path, st.params)
			if w.Code != http.StatusOK {
				t.Fatalf("POST %s: status %d: %s", st.path, w.Code, w.Body)
			}
			if diff := gocmp.Diff(cliSums[i], tallyOf(a.Summary)); diff != "" {
				t.Errorf("%s: summary (-cli +http):\n%s", st.path, diff)
			}
			if diff := gocmp.Diff(cliErrs[i], a.RecordErrors); diff != "" {
				t.Errorf("%s: record errors (-cli +http):\n%s", st.path, diff)
			}
			sum, size := fileSHA256(t, st.path)
			if a.Input.SHA256 != sum || a.Input.Bytes != size || a.Input.Name != st.path {
				t.Errorf("%s: input %+v, want sha256 %s and %d bytes", st.path, a.Input, sum, size)
			}
		}
		got := snapshotOf(t, ls.s)
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Errorf("graph (-cli +http):\n%s", diff)
		}
		if want.Nodes < 300 || want.Rels < 700 {
			t.Errorf("the graph holds %d nodes and %d relationships: the files did not load", want.Nodes, want.Rels)
		}
		checkSpoolEmpty(t, ls)
	})
}

func checkSpoolEmpty(t *testing.T, ls *loadServer) {
	t.Helper()
	left, err := os.ReadDir(ls.spool)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 {
		t.Errorf("%d files left in the spool folder", len(left))
	}
}

// TestLoadRefused: a file with invalid records is refused whole, with
// the command line's errors, and nothing is written; with skipInvalid
// the valid records are written, as at the command line.
func TestLoadRefused(t *testing.T) {
	eachEmptyStore(t, func(t *testing.T, open func(t *testing.T) store) {
		for _, skip := range []bool{false, true} {
			cli := open(t)
			cliSum, cliErrs, cliErr := cliLoad(t, cli, mixedFile, document.Identity{}, skip)
			if len(cliErrs) == 0 || (cliErr == nil) == !skip {
				t.Fatalf("cli load of %s, skip %v: %v, %d errors", mixedFile, skip, cliErr, len(cliErrs))
			}
			want := snapshotOf(t, cli)

			ls := newLoadServer(t, open(t), server.Config{})
			params := url.Values{}
			status, codes := http.StatusUnprocessableEntity, []string{server.CodeLoadRefused}
			if skip {
				params.Set("skipInvalid", "true")
				status, codes = http.StatusOK, nil
			}
			w, a := ls.postFile(t, writeSecret, mixedFile, params)
			if w.Code != status {
				t.Errorf("skip %v: status %d, want %d: %s", skip, w.Code, status, w.Body)
			}
			if diff := gocmp.Diff(codes, a.codes()); diff != "" {
				t.Errorf("skip %v: codes (-want +got):\n%s", skip, diff)
			}
			if diff := gocmp.Diff(cliErrs, a.RecordErrors); diff != "" {
				t.Errorf("skip %v: record errors (-cli +http):\n%s", skip, diff)
			}
			if diff := gocmp.Diff(tallyOf(cliSum), tallyOf(a.Summary)); diff != "" {
				t.Errorf("skip %v: summary (-cli +http):\n%s", skip, diff)
			}
			if diff := gocmp.Diff(want, snapshotOf(t, ls.s)); diff != "" {
				t.Errorf("skip %v: graph (-cli +http):\n%s", skip, diff)
			}
			if !skip && want.Nodes != 0 {
				t.Errorf("the refused load left %d nodes", want.Nodes)
			}
		}
	})
}

// smallBody is a valid JSON Lines body of two nodes and an edge.
const smallBody = `{"node": {"id": "t-conf", "kind": "Conference", "title": "T Conference", "source": "test"}}
{"node": {"id": "t-res", "kind": "Resolution", "title": "T Resolution", "source": "test"}}
{"edge": {"from": "t-res", "to": "t-conf", "type": "CONVENES", "source": "test"}}
`

// TestLoadTokens: a load needs a token of scope write or admin; without
// one, with one the server does not know, or with a read token, it is
// refused (401 or 403, with a challenge) and nothing is written.
func TestLoadTokens(t *testing.T) {
	eachEmptyStore(t, func(t *testing.T, open func(t *testing.T) store) {
		tests := []struct {
			name          string
			authorization string
			status        int
			code          string
			challenge     string
		}{
			{name: "no token", status: 401, code: server.CodeUnauthenticated, challenge: `Bearer realm="hemigraph", scope="write"`},
			{name: "unknown secret", authorization: "Bearer hgt_not-a-token", status: 401, code: server.CodeUnauthenticated,
				challenge: `Bearer realm="hemigraph", error="invalid_token"`},
			{name: "secret without scheme", authorization: writeSecret, status: 401, code: server.CodeUnauthenticated,
				challenge: `Bearer realm="hemigraph", error="invalid_token"`},
			{name: "basic", authorization: "Basic " + writeSecret, status: 401, code: server.CodeUnauthenticated,
				challenge: `Bearer realm="hemigraph", error="invalid_token"`},
			{name: "read token", authorization: "Bearer " + readSecret, status: 403, code: server.CodeForbidden,
				challenge: `Bearer realm="hemigraph", error="insufficient_scope", scope="write"`},
			{name: "write token", authorization: "Bearer " + writeSecret, status: 200},
			{name: "lower-case scheme", authorization: "bearer " + writeSecret, status: 200},
			{name: "admin token", authorization: "Bearer " + adminSecret, status: 200},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				ls := newLoadServer(t, open(t), server.Config{})
				r := httptest.NewRequest(http.MethodPost, "/load", strings.NewReader(smallBody))
				r.Header.Set("Content-Type", "application/x-ndjson")
				if tc.authorization != "" {
					r.Header.Set("Authorization", tc.authorization)
				}
				w := httptest.NewRecorder()
				ls.h.ServeHTTP(w, r)
				if w.Code != tc.status {
					t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
				}
				resp := decode(t, w.Body.Bytes())
				var wantCodes []string
				if tc.code != "" {
					wantCodes = []string{tc.code}
				}
				if diff := gocmp.Diff(wantCodes, resp.codes()); diff != "" {
					t.Errorf("codes (-want +got):\n%s", diff)
				}
				if got := w.Header().Get("WWW-Authenticate"); got != tc.challenge {
					t.Errorf("WWW-Authenticate %q, want %q", got, tc.challenge)
				}
				n, rels, err := ls.s.Counts(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				want := [2]int{2, 1}
				if tc.status != 200 {
					want = [2]int{}
				}
				if [2]int{n, rels} != want {
					t.Errorf("graph holds %d nodes, %d relationships; want %v", n, rels, want)
				}
			})
		}
	})
}

const bigNodes = 40

// TestLoadBodyLimit: a body above the token's max-body is refused with
// 413, whether its length is announced or not, and whether it is
// compressed or not; nothing is written and nothing is left on disk.
func TestLoadBodyLimit(t *testing.T) {
	eachEmptyStore(t, func(t *testing.T, open func(t *testing.T) store) {
		var b strings.Builder // 3 KiB of nodes
		for i := range bigNodes {
			fmt.Fprintf(&b, `{"node": {"id": "t-node-%d", "kind": "Body", "title": "Test body %d", "source": "test"}}`+"\n", i, i)
		}
		big := b.String()
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write([]byte(big))
		zw.Close()
		if gz.Len() >= 1<<10 {
			t.Fatalf("the compressed body is %d bytes: it must fit under the limit", gz.Len())
		}
		tests := []struct {
			name   string
			secret string
			body   func() io.Reader
			header map[string]string
			status int
		}{
			{name: "small token, length announced", secret: smallSecret, body: func() io.Reader { return strings.NewReader(big) }, status: 413},
			{name: "small token, chunked", secret: smallSecret, body: func() io.Reader { return io.MultiReader(strings.NewReader(big)) }, status: 413},
			{name: "small token, gzip", secret: smallSecret, body: func() io.Reader { return bytes.NewReader(gz.Bytes()) },
				header: map[string]string{"Content-Encoding": "gzip"}, status: 413},
			{name: "small token, small body", secret: smallSecret, body: func() io.Reader { return strings.NewReader(smallBody) }, status: 200},
			{name: "write token", secret: writeSecret, body: func() io.Reader { return strings.NewReader(big) }, status: 200},
			{name: "write token, gzip", secret: writeSecret, body: func() io.Reader { return bytes.NewReader(gz.Bytes()) },
				header: map[string]string{"Content-Encoding": "gzip"}, status: 200},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				ls := newLoadServer(t, open(t), server.Config{})
				w, a := ls.post(t, loadReq{secret: tc.secret, contentType: "application/x-ndjson", body: tc.body(), header: tc.header})
				if w.Code != tc.status {
					t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
				}
				n, _, _ := ls.s.Counts(context.Background())
				if tc.status == 413 {
					if diff := gocmp.Diff([]string{server.CodeRequestTooLarge}, a.codes()); diff != "" {
						t.Errorf("codes (-want +got):\n%s", diff)
					}
					if n != 0 {
						t.Errorf("a refused load wrote %d nodes", n)
					}
				} else if created := a.Summary.Nodes.Created; n != created || (created != 2 && created != bigNodes) {
					t.Errorf("graph holds %d nodes, summary %+v", n, a.Summary)
				}
				checkSpoolEmpty(t, ls)
			})
		}
	})
}

// gate is a Loader that holds every load until released.
type gate struct {
	next    server.Loader
	started chan string
	release chan struct{}
}

func (g *gate) LoadInputs(ctx context.Context, by string, inputs []loader.Input, skip bool) (loader.Summary, []error, error) {
	g.started <- by
	<-g.release
	return g.next.LoadInputs(ctx, by, inputs, skip)
}

// TestLoadConcurrency: a token runs at most its max-loads loads at once;
// one more is refused with 429 and Retry-After, while other tokens still
// load, and once a load ends the token loads again.
func TestLoadConcurrency(t *testing.T) {
	eachEmptyStore(t, func(t *testing.T, open func(t *testing.T) store) {
		s := open(t)
		g := &gate{next: storeLoader{s}, started: make(chan string, 4), release: make(chan struct{})}
		ls := newLoadServer(t, s, server.Config{Loader: g, MaxLoads: 2})
		send := func(secret string) (*httptest.ResponseRecorder, *loadAnswer) {
			return ls.post(t, loadReq{secret: secret, contentType: "application/x-ndjson", body: strings.NewReader(smallBody)})
		}
		var wg sync.WaitGroup
		held := make(chan int, 1)
		wg.Go(func() {
			w, _ := send(singleSecret)
			held <- w.Code
		})
		if by := <-g.started; by != "single" {
			t.Fatalf("load started by %q", by)
		}
		w, a := send(singleSecret)
		if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
			t.Errorf("second load of a max-loads=1 token: status %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
		}
		if diff := gocmp.Diff([]string{server.CodeTooManyLoads}, a.codes()); diff != "" {
			t.Errorf("codes (-want +got):\n%s", diff)
		}

		// Another token (the server's MaxLoads of 2) is not held up.
		held2 := make(chan int, 2)
		for range 2 {
			wg.Go(func() {
				w, _ := send(writeSecret)
				held2 <- w.Code
			})
		}
		<-g.started
		<-g.started
		if w, _ := send(writeSecret); w.Code != http.StatusTooManyRequests {
			t.Errorf("third load of a token with the server's MaxLoads of 2: status %d", w.Code)
		}
		close(g.release)
		wg.Wait()
		if c := <-held; c != http.StatusOK {
			t.Errorf("held load: status %d", c)
		}
		for range 2 {
			if c := <-held2; c != http.StatusOK {
				t.Errorf("held load: status %d", c)
			}
		}
		g.started = make(chan string, 1)
		if w, _ := send(singleSecret); w.Code != http.StatusOK {
			t.Errorf("a load after the others ended: status %d: %s", w.Code, w.Body)
		}
		checkSpoolEmpty(t, ls)
	})
}

// TestLoadRequests: what a load request may say of its body, and the
// answers to requests refused before anything is read.
func TestLoadRequests(t *testing.T) {
	ls := newLoadServer(t, memstore.New(), server.Config{})
	tests := []struct {
		name        string
		method      string
		contentType string
		params      url.Values
		header      map[string]string
		status      int
		code        string
	}{
		{name: "GET", method: http.MethodGet, contentType: "application/x-ndjson", status: 405, code: server.CodeMethodNotAllowed},
		{name: "no content type", status: 415, code: server.CodeUnsupportedMediaType},
		{name: "JSON", contentType: "application/json", status: 415, code: server.CodeUnsupportedMediaType},
		{name: "brotli", contentType: "application/x-ndjson", header: map[string]string{"Content-Encoding": "br"}, status: 415, code: server.CodeUnsupportedMediaType},
		{name: "bad skipInvalid", contentType: "application/x-ndjson", params: url.Values{"skipInvalid": {"maybe"}}, status: 400, code: server.CodeBadUserInput},
		{name: "identity of a bulk file", contentType: "application/x-ndjson", params: url.Values{"symbol": {"AG/RES. 1 (I-O/71)"}}, status: 400, code: server.CodeBadUserInput},
		{name: "unknown kind", contentType: "text/plain", params: url.Values{"kind": {"Treaty"}}, status: 400, code: server.CodeBadUserInput},
		{name: "unknown kind in a header", contentType: "text/plain", header: map[string]string{"Document-Kind": "Treaty"}, status: 400, code: server.CodeBadUserInput},
		{name: "name with a newline", contentType: "application/x-ndjson", params: url.Values{"name": {"a\nb"}}, status: 400, code: server.CodeBadUserInput},
		{name: "empty body", contentType: "application/x-ndjson", status: 200},
		{name: "JSON Lines with a charset", contentType: "application/x-ndjson; charset=utf-8", status: 200},
		{name: "empty CSV", contentType: "text/csv", status: 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method := tc.method
			if method == "" {
				method = http.MethodPost
			}
			r := httptest.NewRequest(method, "/load?"+tc.params.Encode(), nil)
			r.Header.Set("Authorization", "Bearer "+writeSecret)
			if tc.contentType != "" {
				r.Header.Set("Content-Type", tc.contentType)
			}
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			ls.h.ServeHTTP(w, r)
			if w.Code != tc.status {
				t.Errorf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			var want []string
			if tc.code != "" {
				want = []string{tc.code}
			}
			if diff := gocmp.Diff(want, decode(t, w.Body.Bytes()).codes()); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
			if w.Header().Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id")
			}
		})
	}
}

// TestLoadDocumentIdentity: a document's identity comes from the query
// parameters, or else from the Document-* headers, as from the load
// command's flags.
func TestLoadDocumentIdentity(t *testing.T) {
	text := "RESOLUTION ON A TEST MATTER\n\nTHE GENERAL ASSEMBLY,\n\nRESOLVES:\n\n1. To note the test.\n"
	for _, tc := range []struct {
		name   string
		params url.Values
		header map[string]string
	}{
		{name: "query", params: url.Values{"id": {"test-doc-query"}, "kind": {"Declaration"}, "date": {"1996-06-07"}}},
		{name: "headers", header: map[string]string{"Document-Id": "test-doc-query", "Document-Kind": "Declaration", "Document-Date": "1996-06-07"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := memstore.New()
			ls := newLoadServer(t, s, server.Config{})
			w, a := ls.post(t, loadReq{secret: writeSecret, contentType: "text/plain", params: tc.params, header: tc.header,
				body: strings.NewReader(text)})
			if w.Code != http.StatusOK || a.Summary.Documents != 1 {
				t.Fatalf("status %d, summary %+v: %s", w.Code, a.Summary, w.Body)
			}
			nodes, _, err := s.LookupNodes(context.Background(), []string{"test-doc-query"}, 0, nil)
			if err != nil || len(nodes) != 1 {
				t.Fatalf("the document's node: %v %v", nodes, err)
			}
			if n := nodes[0]; n.Kind != hemigraph.KindDeclaration || n.Date != "1996-06-07" {
				t.Errorf("node %+v", n)
			}
		})
	}
}

// TestLoadCORS: a browser may send a load from an allowed origin (the
// preflight allows Authorization), and from no other.
func TestLoadCORS(t *testing.T) {
	ls := newLoadServer(t, memstore.New(), server.Config{})
	for _, tc := range []struct {
		origin string
		allow  bool
	}{{testOrigin, true}, {"http://evil.example", false}} {
		r := httptest.NewRequest(http.MethodOptions, "/load", nil)
		r.Header.Set("Origin", tc.origin)
		r.Header.Set("Access-Control-Request-Method", "POST")
		r.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		w := httptest.NewRecorder()
		ls.h.ServeHTTP(w, r)
		got := w.Header().Get("Access-Control-Allow-Origin")
		if (got == tc.origin) != tc.allow {
			t.Errorf("preflight from %s: Access-Control-Allow-Origin %q", tc.origin, got)
		}
		if tc.allow && !strings.Contains(strings.ToLower(w.Header().Get("Access-Control-Allow-Headers")), "authorization") {
			t.Errorf("preflight from %s: Access-Control-Allow-Headers %q", tc.origin, w.Header().Get("Access-Control-Allow-Headers"))
		}

		r = httptest.NewRequest(http.MethodPost, "/load", strings.NewReader(smallBody))
		r.Header.Set("Origin", tc.origin)
		r.Header.Set("Authorization", "Bearer "+writeSecret)
		r.Header.Set("Content-Type", "application/x-ndjson")
		w = httptest.NewRecorder()
		ls.h.ServeHTTP(w, r)
		if got := w.Header().Get("Access-Control-Allow-Origin"); (got == tc.origin) != tc.allow {
			t.Errorf("load from %s: Access-Control-Allow-Origin %q", tc.origin, got)
		}
	}
}

// TestQueryTokens: a query needs no token unless RequireReadToken is set,
// then any scope; a token the server does not know is refused either
// way.
func TestQueryTokens(t *testing.T) {
	q := request{Query: `{ __typename }`}
	tests := []struct {
		name        string
		requireRead bool
		auth        string
		status      int
		code        string
	}{
		{name: "anonymous", status: 200},
		{name: "read token", auth: "Bearer " + readSecret, status: 200},
		{name: "unknown token", auth: "Bearer hgt_nope", status: 401, code: server.CodeUnauthenticated},
		{name: "anonymous, read token required", requireRead: true, status: 401, code: server.CodeUnauthenticated},
		{name: "read token, read token required", requireRead: true, auth: "Bearer " + readSecret, status: 200},
		{name: "write token, read token required", requireRead: true, auth: "Bearer " + writeSecret, status: 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ls := newLoadServer(t, memstore.New(), server.Config{RequireReadToken: tc.requireRead})
			body, _ := json.Marshal(q)
			r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			if tc.auth != "" {
				r.Header.Set("Authorization", tc.auth)
			}
			w := httptest.NewRecorder()
			ls.h.ServeHTTP(w, r)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			var want []string
			if tc.code != "" {
				want = []string{tc.code}
			}
			if diff := gocmp.Diff(want, decode(t, w.Body.Bytes()).codes()); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
			if (tc.status == 401) != (w.Header().Get("WWW-Authenticate") != "") {
				t.Errorf("WWW-Authenticate %q with status %d", w.Header().Get("WWW-Authenticate"), w.Code)
			}
		})
	}
}
