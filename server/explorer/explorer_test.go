package explorer

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// fakeFS is the committed asset tree with small stand-ins for the vendored
// files, so that these tests do not need scripts/explorer-assets.sh.
func fakeFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(embedded, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "assets/vendor/") {
			return err
		}
		b, err := fs.ReadFile(embedded, p)
		m[strings.TrimPrefix(p, "assets/")] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range append(slices.Clone(required), "vendor/LICENSE.cytoscape.txt") {
		m[name] = &fstest.MapFile{Data: []byte("/* " + name + " */ " + strings.Repeat("x", 4096))}
	}
	return m
}

func get(t *testing.T, h http.Handler, method, target string, hdr map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func newTestHandler(t *testing.T, fsys fs.FS, opts Options) *handler {
	t.Helper()
	h, err := newHandler(fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

var (
	importMapRe = regexp.MustCompile(`(?s)<script type="importmap">(.*?)</script>`)
	configRe    = regexp.MustCompile(`(?s)<script type="application/json" id="explorer-config">(.*?)</script>`)
	scriptRe    = regexp.MustCompile(`<script (?:type="module" )?src="([^"]+)"`)
)

func TestPage(t *testing.T) {
	h := newTestHandler(t, fakeFS(t), Options{Endpoint: "/graphql", GraphiQL: "/"})
	rec := get(t, h, http.MethodGet, "/explore?conference=x&depth=2", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /explore = %d", rec.Code)
	}
	body := rec.Body.String()
	hdr := rec.Header()
	for k, want := range map[string]string{
		"Content-Type": "text/html; charset=utf-8", "Cache-Control": cacheRevalidate,
		"X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff",
	} {
		if got := hdr.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}

	t.Run("the policy allows the import map and nothing else inline", func(t *testing.T) {
		m := importMapRe.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no import map")
		}
		sum := sha256.Sum256([]byte(m[1]))
		csp := hdr.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self' 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'",
			"connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
			}
		}
		var im struct{ Imports map[string]string }
		if err := json.Unmarshal([]byte(m[1]), &im); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"js/main.js", "js/graph.js", "js/api.js", "vendor/cytoscape.esm.min.js", "vendor/dagre.esm.js"} {
			if got, want := im.Imports[AssetPrefix+name], h.url(name); got != want || !strings.Contains(got, "?v=") {
				t.Errorf("import map: %s -> %q, want %q", name, got, want)
			}
		}
	})

	t.Run("the scripts: the layout's UMD bundles, then the modules", func(t *testing.T) {
		var got []string
		for _, m := range scriptRe.FindAllStringSubmatch(body, -1) {
			u, _, _ := strings.Cut(strings.TrimPrefix(m[1], AssetPrefix), "?")
			got = append(got, u)
		}
		want := append(slices.Clone(classic), "js/main.js")
		if !slices.Equal(got, want) {
			t.Errorf("scripts %q, want %q", got, want)
		}
		if strings.Contains(body, "://") {
			t.Errorf("the page refers to an absolute URL; everything must be served by the server:\n%s", body)
		}
	})

	t.Run("the configuration names every query by its hash", func(t *testing.T) {
		m := configRe.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no configuration")
		}
		var cfg config
		if err := json.Unmarshal([]byte(m[1]), &cfg); err != nil {
			t.Fatal(err)
		}
		if cfg.Endpoint != "/graphql" || cfg.GraphiQL != "/" {
			t.Errorf("endpoint %q, graphiql %q", cfg.Endpoint, cfg.GraphiQL)
		}
		for _, q := range Queries() {
			if got := cfg.Queries[q.Name]; got.Hash != q.Hash || got.Query != q.Text {
				t.Errorf("query %s: %+v", q.Name, got)
			}
		}
		if len(cfg.Queries) != len(Queries()) {
			t.Errorf("%d queries in the page, want %d", len(cfg.Queries), len(Queries()))
		}
	})

	t.Run("links to GraphiQL only when there is one", func(t *testing.T) {
		if !strings.Contains(body, `class="graphiql-link" href="/"`) {
			t.Error("no link to GraphiQL")
		}
		h := newTestHandler(t, fakeFS(t), Options{Endpoint: "/graphql"})
		if b := get(t, h, http.MethodGet, Path, nil).Body.String(); strings.Contains(b, "graphiql-link") {
			t.Error("a link to a GraphiQL that is not there")
		}
	})
}

func TestEndpoints(t *testing.T) {
	tests := []struct {
		name, endpoint string
		check          func(t *testing.T, body, csp string)
	}{
		{"hostile endpoint is escaped", `/q"></script><script>alert(1)</script>`, func(t *testing.T, body, csp string) {
			if strings.Contains(body, "<script>alert") {
				t.Errorf("unescaped endpoint in the page:\n%s", body)
			}
		}},
		{"absolute endpoint is allowed to connect to", "https://api.example.org/graphql", func(t *testing.T, body, csp string) {
			if !strings.Contains(csp, "connect-src 'self' https://api.example.org") {
				t.Errorf("Content-Security-Policy %q does not allow the endpoint", csp)
			}
			if !strings.Contains(body, `"endpoint":"https://api.example.org/graphql"`) {
				t.Error("the page does not name the endpoint")
			}
		}},
		{"empty endpoint means /graphql", "", func(t *testing.T, body, csp string) {
			if !strings.Contains(body, `"endpoint":"/graphql"`) {
				t.Error("the page does not default to /graphql")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newTestHandler(t, fakeFS(t), Options{Endpoint: tt.endpoint})
			rec := get(t, h, http.MethodGet, Path, nil)
			tt.check(t, rec.Body.String(), rec.Header().Get("Content-Security-Policy"))
		})
	}
}

func TestAssets(t *testing.T) {
	h := newTestHandler(t, fakeFS(t), Options{})
	tests := []struct {
		name, contentType string
	}{
		{"js/main.js", "text/javascript; charset=utf-8"},
		{"explorer.css", "text/css; charset=utf-8"},
		{"vendor/cytoscape.esm.min.js", "text/javascript; charset=utf-8"},
		{"vendor/LICENSE.cytoscape.txt", "text/plain; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := h.url(tt.name)
			rec := get(t, h, http.MethodGet, u, map[string]string{"Accept-Encoding": "gzip"})
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s = %d", u, rec.Code)
			}
			if got := rec.Header().Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type %q, want %q", got, tt.contentType)
			}
			if got := rec.Header().Get("Cache-Control"); got != cacheImmutable {
				t.Errorf("Cache-Control %q, want %q", got, cacheImmutable)
			}
			body := rec.Body.Bytes()
			if rec.Header().Get("Content-Encoding") == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(body, h.files[tt.name].Data) {
				t.Error("the asset served is not the file")
			}
			again := get(t, h, http.MethodGet, u, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": rec.Header().Get("ETag")})
			if again.Code != http.StatusNotModified {
				t.Errorf("revalidation = %d, want 304", again.Code)
			}
			plain := get(t, h, http.MethodGet, AssetPrefix+tt.name, nil)
			if got := plain.Header().Get("Cache-Control"); got != cacheRevalidate {
				t.Errorf("without its hash: Cache-Control %q, want %q", got, cacheRevalidate)
			}
		})
	}
	for _, p := range []string{"index.html.tmpl", "vendor/.stamp", "nope.js"} {
		if rec := get(t, h, http.MethodGet, AssetPrefix+p, nil); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", AssetPrefix+p, rec.Code)
		}
	}
}

func TestNotBuilt(t *testing.T) {
	fsys := fakeFS(t)
	delete(fsys, "vendor/cytoscape.esm.min.js")
	fsys["vendor/dagre.esm.js"] = &fstest.MapFile{Data: nil} // empty counts as missing
	h := newTestHandler(t, fsys, Options{})
	tests := []struct {
		name, method, path string
		code               int
		want               []string
	}{
		{"page explains", http.MethodGet, Path, 503, []string{"assets were not built", "make assets", "scripts/explorer-assets.sh", "vendor/cytoscape.esm.min.js", "vendor/dagre.esm.js"}},
		{"page head", http.MethodHead, Path, 503, nil},
		{"missing asset explains", http.MethodGet, AssetPrefix + "vendor/cytoscape.esm.min.js", 503, []string{"make assets"}},
		{"present asset still served", http.MethodGet, AssetPrefix + "js/main.js", 200, nil},
		{"unknown asset", http.MethodGet, AssetPrefix + "vendor/nope.js", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, tt.method, tt.path, nil)
			if rec.Code != tt.code {
				t.Fatalf("%s %s = %d, want %d", tt.method, tt.path, rec.Code, tt.code)
			}
			for _, s := range tt.want {
				if !strings.Contains(rec.Body.String(), s) {
					t.Errorf("body lacks %q:\n%s", s, rec.Body)
				}
			}
		})
	}
}

func TestMethodsAndPaths(t *testing.T) {
	h := newTestHandler(t, fakeFS(t), Options{})
	tests := []struct {
		method, path string
		code         int
		location     string
	}{
		{http.MethodHead, Path, 200, ""},
		{http.MethodPost, Path, 405, ""},
		{http.MethodPut, AssetPrefix + "js/main.js", 405, ""},
		{http.MethodGet, Path + "/?node=a&depth=2", 301, Path + "?node=a&depth=2"},
		{http.MethodGet, "/explorer", 404, ""},
		{http.MethodGet, "/elsewhere", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := get(t, h, tt.method, tt.path, nil)
			if rec.Code != tt.code {
				t.Errorf("%s %s = %d, want %d", tt.method, tt.path, rec.Code, tt.code)
			}
			if got := rec.Header().Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
		})
	}
}

func TestBadTemplate(t *testing.T) {
	fsys := fakeFS(t)
	fsys[pageTemplate] = &fstest.MapFile{Data: []byte("{{.Nope")}
	if _, err := newHandler(fsys, Options{}); err == nil {
		t.Error("newHandler accepted a malformed template")
	}
}

// TestQueries checks the explorer's operations against the schema: each
// file holds one operation named as the file, valid against
// schema.graphqls, and its hash is the SHA-256 of its text.
func TestQueries(t *testing.T) {
	src, err := os.ReadFile("../../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	if gerr != nil {
		t.Fatal(gerr)
	}
	qs := Queries()
	if len(qs) < 8 {
		t.Errorf("%d queries", len(qs))
	}
	for _, q := range qs {
		t.Run(q.Name, func(t *testing.T) {
			doc, errs := gqlparser.LoadQuery(schema, q.Text)
			if len(errs) > 0 {
				t.Fatalf("invalid against the schema: %v", errs)
			}
			if len(doc.Operations) != 1 || doc.Operations[0].Name != q.Name || doc.Operations[0].Operation != ast.Query {
				t.Errorf("want one query named %s", q.Name)
			}
			sum := sha256.Sum256([]byte(q.Text))
			if q.Hash != hex.EncodeToString(sum[:]) {
				t.Error("hash is not the SHA-256 of the text")
			}
			if PersistedQueries()[q.Hash] != q.Text {
				t.Error("not among the persisted queries")
			}
		})
	}
}
