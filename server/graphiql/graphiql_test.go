package graphiql

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// vendorBuilt reports whether scripts/graphiql-assets.sh had run when this
// test binary was built (the embedded FS holds the vendored bundles).
func vendorBuilt(t *testing.T) bool {
	t.Helper()
	for _, a := range assets {
		if !a.required {
			continue
		}
		if info, err := fs.Stat(embedded, "assets/"+a.name); err != nil || info.Size() == 0 {
			return false
		}
	}
	return true
}

const skipNotBuilt = "GraphiQL vendor assets are not built (server/graphiql/assets/vendor/ is empty); " +
	"run `make assets` or scripts/graphiql-assets.sh, then re-run the tests"

// fakeFS is a complete asset tree with tiny stand-ins for the vendored files.
func fakeFS(t *testing.T) fstest.MapFS {
	t.Helper()
	tmpl, err := fs.ReadFile(embedded, "assets/"+pageTemplate)
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{pageTemplate: {Data: tmpl}}
	for _, a := range assets {
		data := []byte("/* " + a.name + " */ " + strings.Repeat("x", 2048))
		if a.name == "graphiql-init.js" {
			data, _ = fs.ReadFile(embedded, "assets/graphiql-init.js")
		}
		m[a.name] = &fstest.MapFile{Data: data}
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

var assetURL = regexp.MustCompile(`(?:src|href)="(/graphiql/[^"?]+)\?v=([0-9a-f]+)"`)

func TestPage(t *testing.T) {
	type check func(t *testing.T, body string)
	contains := func(subs ...string) check {
		return func(t *testing.T, body string) {
			t.Helper()
			for _, s := range subs {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %q", s)
				}
			}
		}
	}
	tests := []struct {
		name         string
		endpoint     string
		defaultQuery string
		want         check
	}{
		{
			name:         "lists endpoint, title and default query",
			endpoint:     "/graphql",
			defaultQuery: DefaultQuery,
			want: contains(
				`data-endpoint="/graphql"`,
				"<title>hemigraph — GraphiQL</title>",
				"instrumentsLeadingTo(conference: &#34;san-salvador-regional-conference-csbm-1998&#34;)",
			),
		},
		{
			name:     "loads every asset, React before GraphiQL before our init script",
			endpoint: "/graphql",
			want: func(t *testing.T, body string) {
				var got []string
				for _, m := range assetURL.FindAllStringSubmatch(body, -1) {
					got = append(got, strings.TrimPrefix(m[1], AssetPrefix))
				}
				want := []string{
					"vendor/graphiql.min.css",
					"vendor/react.production.min.js",
					"vendor/react-dom.production.min.js",
					"vendor/graphiql.min.js",
					"graphiql-init.js",
				}
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("assets loaded = %q, want %q", got, want)
				}
				if strings.Contains(body, "://") && !strings.Contains(body, "example.org") {
					t.Errorf("page refers to an absolute URL; everything must be served locally:\n%s", body)
				}
			},
		},
		{
			name:         "escapes hostile endpoint and query",
			endpoint:     `/q"><script>alert(1)</script>`,
			defaultQuery: `"><script>alert(2)</script>`,
			want: func(t *testing.T, body string) {
				if strings.Contains(body, "<script>alert") {
					t.Errorf("unescaped input in page:\n%s", body)
				}
			},
		},
		{
			name:     "absolute endpoint URL",
			endpoint: "https://example.org/graphql",
			want:     contains(`data-endpoint="https://example.org/graphql"`),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := newHandler(fakeFS(t), tt.endpoint, tt.defaultQuery)
			if err != nil {
				t.Fatal(err)
			}
			rec := get(t, h, http.MethodGet, "/", nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET / = %d, want 200", rec.Code)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if cc := rec.Header().Get("Cache-Control"); cc != "no-cache" {
				t.Errorf("Cache-Control = %q, want no-cache", cc)
			}
			tt.want(t, rec.Body.String())
		})
	}
}

func TestAssets(t *testing.T) {
	tests := []struct {
		name     string
		embedded bool // uses the real embedded FS; skipped when not built
		path     string
		hdr      map[string]string
		code     int
		ctype    string
		cache    string
		encoding string
	}{
		{name: "embedded graphiql js", embedded: true, path: "/graphiql/vendor/graphiql.min.js", code: 200, ctype: "text/javascript; charset=utf-8", cache: "no-cache"},
		{name: "embedded graphiql css", embedded: true, path: "/graphiql/vendor/graphiql.min.css", code: 200, ctype: "text/css; charset=utf-8", cache: "no-cache"},
		{name: "embedded react", embedded: true, path: "/graphiql/vendor/react.production.min.js", code: 200, ctype: "text/javascript; charset=utf-8", cache: "no-cache"},
		{name: "embedded react-dom", embedded: true, path: "/graphiql/vendor/react-dom.production.min.js", code: 200, ctype: "text/javascript; charset=utf-8", cache: "no-cache"},
		{name: "embedded license", embedded: true, path: "/graphiql/vendor/LICENSE.graphiql.txt", code: 200, ctype: "text/plain; charset=utf-8", cache: "no-cache"},
		{name: "embedded gzip", embedded: true, path: "/graphiql/vendor/graphiql.min.js", hdr: map[string]string{"Accept-Encoding": "br, gzip"}, code: 200, ctype: "text/javascript; charset=utf-8", cache: "no-cache", encoding: "gzip"},
		{name: "init script", path: "/graphiql/graphiql-init.js", code: 200, ctype: "text/javascript; charset=utf-8", cache: "no-cache"},
		{name: "gzip refused", path: "/graphiql/vendor/graphiql.min.js", hdr: map[string]string{"Accept-Encoding": "gzip;q=0"}, code: 200, ctype: "text/javascript; charset=utf-8", cache: "no-cache"},
		{name: "unknown asset", path: "/graphiql/vendor/nope.js", code: 404},
		{name: "template not served", path: "/graphiql/index.html.tmpl", code: 404},
		{name: "traversal", path: "/graphiql/vendor/../graphiql-init.js", code: 404},
		{name: "other path", path: "/graphql", code: 404},
		{name: "prefix redirects to page", path: "/graphiql/", code: 302},
	}
	fake, err := newHandler(fakeFS(t), "/graphql", DefaultQuery)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Handler(fake)
			if tt.embedded {
				if !vendorBuilt(t) {
					t.Skip(skipNotBuilt)
				}
				h = Handler("/graphql", DefaultQuery)
			}
			rec := get(t, h, http.MethodGet, tt.path, tt.hdr)
			if rec.Code != tt.code {
				t.Fatalf("GET %s = %d, want %d: %s", tt.path, rec.Code, tt.code, rec.Body)
			}
			if tt.code != 200 {
				return
			}
			if got := rec.Header().Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", got, tt.ctype)
			}
			if got := rec.Header().Get("Cache-Control"); got != tt.cache {
				t.Errorf("Cache-Control = %q, want %q", got, tt.cache)
			}
			if got := rec.Header().Get("Content-Encoding"); got != tt.encoding {
				t.Errorf("Content-Encoding = %q, want %q", got, tt.encoding)
			}
			if rec.Header().Get("ETag") == "" {
				t.Error("no ETag")
			}
			body := rec.Body.Bytes()
			if tt.encoding == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if len(body) == 0 {
				t.Error("empty body")
			}
		})
	}
}

// TestEmbeddedPageAssets follows every asset URL on the real page, as a
// browser would, and checks each is served with a long-lived cache.
func TestEmbeddedPageAssets(t *testing.T) {
	if !vendorBuilt(t) {
		t.Skip(skipNotBuilt)
	}
	h := Handler("/graphql", DefaultQuery)
	page := get(t, h, http.MethodGet, "/", nil)
	if page.Code != http.StatusOK {
		t.Fatalf("GET / = %d: %s", page.Code, page.Body)
	}
	urls := assetURL.FindAllStringSubmatch(page.Body.String(), -1)
	if len(urls) != 5 {
		t.Fatalf("page loads %d assets, want 5", len(urls))
	}
	for _, m := range urls {
		u := m[1] + "?v=" + m[2]
		rec := get(t, h, http.MethodGet, u, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s = %d", u, rec.Code)
			continue
		}
		if got := rec.Header().Get("Cache-Control"); got != cacheImmutable {
			t.Errorf("GET %s: Cache-Control = %q, want %q", u, got, cacheImmutable)
		}
		etag := rec.Header().Get("ETag")
		again := get(t, h, http.MethodGet, u, map[string]string{"If-None-Match": etag})
		if again.Code != http.StatusNotModified {
			t.Errorf("GET %s with If-None-Match %s = %d, want 304", u, etag, again.Code)
		}
	}
}

func TestNotBuilt(t *testing.T) {
	fsys := fakeFS(t)
	delete(fsys, "vendor/graphiql.min.js")
	fsys["vendor/react.production.min.js"] = &fstest.MapFile{Data: nil} // empty counts as missing
	h, err := newHandler(fsys, "/graphql", DefaultQuery)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, path string
		code               int
		want               []string
	}{
		{"page explains", http.MethodGet, "/", 503, []string{
			"GraphiQL assets were not built", "make assets", "scripts/graphiql-assets.sh",
			"vendor/graphiql.min.js", "vendor/react.production.min.js",
		}},
		{"page head", http.MethodHead, "/", 503, nil},
		{"missing asset explains", http.MethodGet, "/graphiql/vendor/graphiql.min.js", 503, []string{
			"GraphiQL assets were not built", "make assets",
		}},
		{"present asset still served", http.MethodGet, "/graphiql/vendor/graphiql.min.css", 200, nil},
		{"unknown asset", http.MethodGet, "/graphiql/vendor/nope.js", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, tt.method, tt.path, nil)
			if rec.Code != tt.code {
				t.Fatalf("%s %s = %d, want %d", tt.method, tt.path, rec.Code, tt.code)
			}
			if tt.code == 503 && rec.Header().Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", rec.Header().Get("Cache-Control"))
			}
			for _, s := range tt.want {
				if !strings.Contains(rec.Body.String(), s) {
					t.Errorf("body lacks %q:\n%s", s, rec.Body)
				}
			}
		})
	}
}

func TestMethods(t *testing.T) {
	h, err := newHandler(fakeFS(t), "/graphql", "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, path string
		code         int
	}{
		{http.MethodHead, "/", 200},
		{http.MethodPost, "/", 405},
		{http.MethodPut, "/graphiql/graphiql-init.js", 405},
		{http.MethodPost, "/elsewhere", 404},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := get(t, h, tt.method, tt.path, nil)
			if rec.Code != tt.code {
				t.Errorf("%s %s = %d, want %d", tt.method, tt.path, rec.Code, tt.code)
			}
		})
	}
}

func TestBadTemplate(t *testing.T) {
	fsys := fakeFS(t)
	fsys[pageTemplate] = &fstest.MapFile{Data: []byte("{{.Nope")}
	if _, err := newHandler(fsys, "/graphql", ""); err == nil {
		t.Error("newHandler accepted a malformed template")
	}
}
