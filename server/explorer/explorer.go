// Package explorer serves hemigraph's graph explorer, the page at /explore:
// the lineage of a conference, the neighbourhood of a node, the paths
// between two nodes and a timeline, drawn with Cytoscape.js, each element
// with its provenance a click away, exportable as PNG, SVG, GraphML, GEXF
// and CSV, and readable as a table.
//
// Everything the page needs is embedded in the binary, so it works on a
// network without internet access. Only our own files are committed: the
// page template, the style sheet, the JavaScript modules under assets/js/
// and the GraphQL operations under queries/. The third-party modules
// (Cytoscape.js and dagre) and their licences are fetched from the npm
// registry at build time by scripts/explorer-assets.sh (make assets), at the
// versions pinned in package-lock.json beside this file, into
// assets/vendor/, which is gitignored and embedded here. A binary built
// without running that script still serves /explore, but with a 503 page
// that says how to build the assets.
//
// The page talks to the GraphQL endpoint only with persisted queries: it
// sends the SHA-256 of each operation, never its text, and the server
// registers the operations of PersistedQueries so that it knows them by
// hash from its start (an endpoint that does not falls back to Apollo's
// automatic persisted queries, sending the text once).
package explorer

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hemigraph/hemigraph/server/internal/static"
)

// Path is where Handler serves the page; AssetPrefix is the prefix of its
// scripts, style sheet and the vendored licences.
const (
	Path        = "/explore"
	AssetPrefix = "/explore/assets/"
)

//go:embed all:assets
var embedded embed.FS

//go:embed queries/*.graphql
var queryFiles embed.FS

// classic are the vendored scripts that are not modules (UMD bundles
// that set globals), loaded in this order before the page's modules.
var classic = []string{"vendor/layout-base.js", "vendor/cose-base.js", "vendor/cytoscape-fcose.js"}

// required lists the vendored files without which the page cannot work:
// the files scripts/explorer-assets.sh copies, less the licences.
var required = append([]string{"vendor/cytoscape.esm.min.js", "vendor/dagre.esm.js"}, classic...)

const pageTemplate = "index.html.tmpl"

// Cache lifetimes. A URL carrying the file's content hash (?v=...) never
// changes meaning, so it may be cached for good; anything else revalidates.
const (
	cacheImmutable  = static.CacheImmutable
	cacheRevalidate = static.CacheRevalidate
)

// Query is one of the explorer's GraphQL operations.
type Query struct {
	Name string // operation name, e.g. "Lineage"
	Text string // the document, as sent when the server does not know the hash
	Hash string // hex SHA-256 of Text, as Apollo's persisted queries use it
}

// queries are the explorer's operations, read once from queries/.
var queries = sync.OnceValue(func() []Query {
	entries, err := fs.ReadDir(queryFiles, "queries")
	if err != nil {
		panic(fmt.Sprintf("explorer: %v", err)) // embedded: cannot fail
	}
	var qs []Query
	for _, e := range entries {
		b, err := fs.ReadFile(queryFiles, "queries/"+e.Name())
		if err != nil {
			panic(fmt.Sprintf("explorer: %v", err))
		}
		sum := sha256.Sum256(b)
		qs = append(qs, Query{Name: strings.TrimSuffix(e.Name(), ".graphql"), Text: string(b), Hash: hex.EncodeToString(sum[:])})
	}
	return qs
})

// Queries returns the explorer's GraphQL operations, sorted by name.
func Queries() []Query { return slices.Clone(queries()) }

// PersistedQueries returns the text of the explorer's operations by their
// hash, for the server to register as persisted queries.
func PersistedQueries() map[string]string {
	m := make(map[string]string)
	for _, q := range queries() {
		m[q.Hash] = q.Text
	}
	return m
}

// Options say where the page finds the rest of the server.
type Options struct {
	// Endpoint is the GraphQL endpoint: a path such as "/graphql", or an
	// absolute URL (then allowed by the page's Content-Security-Policy).
	Endpoint string
	// GraphiQL is the path of the GraphiQL page, which the explorer links
	// to with the query behind a node's details; "" when the server has no
	// GraphiQL.
	GraphiQL string
}

// Handler returns an http.Handler serving the explorer page at Path and its
// assets under AssetPrefix; register it for both. Other paths get 404,
// other methods than GET and HEAD get 405. The page reads its view from
// its URL (see docs/frontend.md), so any query string is allowed.
//
// If the vendored modules were not embedded (the binary was built without
// running scripts/explorer-assets.sh), the page and the missing assets
// answer 503 with a message saying how to build them.
//
// Handler panics only if the committed page template is malformed, which
// the package's tests catch.
func Handler(opts Options) http.Handler {
	sub, err := fs.Sub(embedded, "assets")
	if err == nil {
		var h http.Handler
		if h, err = newHandler(sub, opts); err == nil {
			return h
		}
	}
	panic(fmt.Sprintf("explorer: %v", err))
}

// handler serves the page and the assets read from one file system.
type handler struct {
	page    []byte // rendered page, or nil when assets are missing
	csp     string // the page's Content-Security-Policy
	missing []string
	files   map[string]*static.File // by name under AssetPrefix
}

// file is an asset held in memory with its validators.

// contentTypes are the types of the files served, by extension; files of
// other extensions are not served.
var contentTypes = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".txt": "text/plain; charset=utf-8",
	".svg": "image/svg+xml",
}

// config is what the page's scripts read from the page (#explorer-config).
type config struct {
	Endpoint string                 `json:"endpoint"`
	GraphiQL string                 `json:"graphiql"`
	Queries  map[string]queryConfig `json:"queries"`
}

type queryConfig struct {
	Hash  string `json:"hash"`
	Query string `json:"query"`
}

// newHandler builds the handler from fsys, which holds the page template
// and the assets. It reads every file once, here.
func newHandler(fsys fs.FS, opts Options) (*handler, error) {
	if opts.Endpoint == "" {
		opts.Endpoint = "/graphql"
	}
	tmpl, err := template.ParseFS(fsys, pageTemplate)
	if err != nil {
		return nil, fmt.Errorf("parse page template: %w", err)
	}
	h := &handler{files: make(map[string]*static.File)}
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ct, ok := contentTypes[path.Ext(name)]
		if !ok {
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		h.files[name] = static.New(ct, data, gzip.BestCompression)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read assets: %w", err)
	}
	for _, name := range required {
		if f := h.files[name]; f == nil || len(f.Data) == 0 {
			h.missing = append(h.missing, name)
		}
	}
	if len(h.missing) > 0 {
		return h, nil
	}

	// Every module is loaded through the import map, by a URL carrying its
	// hash, so that all of them may be cached for good.
	imports := map[string]string{}
	for name := range h.files {
		if strings.HasSuffix(name, ".js") {
			imports[AssetPrefix+name] = h.url(name)
		}
	}
	importMap, err := json.Marshal(map[string]any{"imports": imports})
	if err != nil {
		return nil, fmt.Errorf("import map: %w", err)
	}
	cfg := config{Endpoint: opts.Endpoint, GraphiQL: opts.GraphiQL, Queries: map[string]queryConfig{}}
	for _, q := range queries() {
		cfg.Queries[q.Name] = queryConfig{Hash: q.Hash, Query: q.Text}
	}
	view := struct {
		CSS, Main string
		Scripts   []string
		ImportMap template.HTML // JSON, whose encoder escapes <, > and &
		Config    config
		GraphiQL  string
	}{CSS: h.url("explorer.css"), Main: h.url("js/main.js"), ImportMap: template.HTML(importMap), Config: cfg, GraphiQL: opts.GraphiQL}
	for _, name := range classic {
		view.Scripts = append(view.Scripts, h.url(name))
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, view); err != nil {
		return nil, fmt.Errorf("render page: %w", err)
	}
	h.page = buf.Bytes()

	connect := "'self'"
	if u, err := url.Parse(opts.Endpoint); err == nil && u.Scheme != "" && u.Host != "" {
		connect += " " + u.Scheme + "://" + u.Host
	}
	mapSum := sha256.Sum256(importMap)
	h.csp = strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' 'sha256-" + base64.StdEncoding.EncodeToString(mapSum[:]) + "'",
		// Cytoscape sets the style of the elements it creates.
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob:",
		"connect-src " + connect,
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; ")
	return h, nil
}

// url is the cache-busting URL of an asset.
func (h *handler) url(name string) string {
	f := h.files[name]
	if f == nil {
		return AssetPrefix + name
	}
	return AssetPrefix + name + "?v=" + f.Hash
}

// ServeHTTP implements http.Handler.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if p != Path && p != Path+"/" && !strings.HasPrefix(p, AssetPrefix) {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch p {
	case Path:
		h.servePage(w, r)
	case Path + "/":
		target := Path
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	default:
		h.serveAsset(w, r, strings.TrimPrefix(p, AssetPrefix))
	}
}

func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	if h.page == nil {
		h.serveNotBuilt(w, r)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Cache-Control", cacheRevalidate)
	hdr.Set("Content-Security-Policy", h.csp)
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("X-Frame-Options", "DENY")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(h.page))
}

// notBuiltPage is served at Path (503) when the vendored modules are missing.
const notBuiltPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>hemigraph — explorer assets not built</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; margin: 2rem; max-width: 50rem">
<h1>The explorer's assets were not built</h1>
<p>This server was built without the explorer's browser modules (Cytoscape.js
and dagre), so the explorer cannot be shown. The GraphQL API itself is
unaffected.</p>
<p>To fix it, build the assets and then rebuild the server:</p>
<pre>make assets        # or: scripts/explorer-assets.sh
go build ./...</pre>
<p>Missing files (under server/explorer/assets/):</p>
<ul>%s</ul>
</body>
</html>
`

func (h *handler) serveNotBuilt(w http.ResponseWriter, r *http.Request) {
	var items strings.Builder
	for _, m := range h.missing {
		items.WriteString("<li><code>" + template.HTMLEscapeString(m) + "</code></li>")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		fmt.Fprintf(w, notBuiltPage, items.String())
	}
}

func (h *handler) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	static.ServeNamed(w, r, h.files, name, h.missing, static.Unbuilt{What: "the explorer's assets", Script: "scripts/explorer-assets.sh"})
}
