// Package graphiql serves the GraphiQL in-browser IDE for hemigraph's GraphQL
// endpoint entirely from files embedded in the binary, so it works on
// networks without internet access (no CDN at run time).
//
// Only our own small page (assets/index.html.tmpl) and mount script
// (assets/graphiql-init.js) are committed. The third-party browser bundles
// (GraphiQL, React, ReactDOM) and their licenses are fetched from the npm
// registry at build time by scripts/graphiql-assets.sh (make assets), at the
// versions pinned in package-lock.json beside this file, into
// assets/vendor/, which is gitignored and embedded here. A binary built
// without running that script still serves "/", but with a 503 page that says
// how to build the assets.
package graphiql

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/hemigraph/hemigraph/server/internal/static"
)

// AssetPrefix is the URL path prefix under which Handler serves the page's
// scripts, styles and the vendored licenses.
const AssetPrefix = "/graphiql/"

// DefaultQuery is the query shown in the editor on a first visit: the
// project's headline lineage question. GraphiQL remembers the user's own
// edits in the browser, so this shows only when nothing is stored.
const DefaultQuery = `# Which instruments led to the 1998 San Salvador Regional Conference on
# Confidence- and Security-Building Measures, and why? Each entry comes with
# its distance and one chain of relations, each with its source.
{
  instrumentsLeadingTo(conference: "san-salvador-regional-conference-csbm-1998") {
    target { id title date place }
    truncated
    entries {
      distance
      node { id kind title date ... on Instrument { symbol } }
      path { type verb from { id } to { id } source evidence }
    }
  }
}
`

//go:embed all:assets
var embedded embed.FS

// asset is one file served under AssetPrefix.
type asset struct {
	name        string // path under AssetPrefix, e.g. "vendor/graphiql.min.js"
	contentType string
	required    bool // the page cannot work without it
	script      bool // loaded by the page with <script>, in list order
	style       bool // loaded by the page with <link rel="stylesheet">
}

// assets lists every file served under AssetPrefix. The vendor/ entries must
// match the files copied by scripts/graphiql-assets.sh.
var assets = []asset{
	{name: "vendor/graphiql.min.css", contentType: "text/css; charset=utf-8", required: true, style: true},
	{name: "vendor/react.production.min.js", contentType: "text/javascript; charset=utf-8", required: true, script: true},
	{name: "vendor/react-dom.production.min.js", contentType: "text/javascript; charset=utf-8", required: true, script: true},
	{name: "vendor/graphiql.min.js", contentType: "text/javascript; charset=utf-8", required: true, script: true},
	{name: "graphiql-init.js", contentType: "text/javascript; charset=utf-8", required: true, script: true},
	{name: "vendor/LICENSE.graphiql.txt", contentType: "text/plain; charset=utf-8"},
	{name: "vendor/LICENSE.react.txt", contentType: "text/plain; charset=utf-8"},
	{name: "vendor/LICENSE.react-dom.txt", contentType: "text/plain; charset=utf-8"},
	{name: "vendor/LICENSE.graphql.txt", contentType: "text/plain; charset=utf-8"},
}

const pageTemplate = "index.html.tmpl"

// Cache lifetimes. A URL carrying the file's content hash (?v=...) never
// changes meaning, so it may be cached for good; anything else revalidates.
const (
	cacheImmutable  = static.CacheImmutable
	cacheRevalidate = static.CacheRevalidate
)

// Handler returns an http.Handler serving the GraphiQL page at "/" and its
// assets under AssetPrefix ("/graphiql/"). The page's GraphiQL sends its
// requests to endpoint (a path such as "/graphql" or an absolute URL) and
// starts with defaultQuery in the editor (DefaultQuery is the project's; ""
// leaves GraphiQL's own). Other paths get 404, other methods than GET and
// HEAD get 405.
//
// If the vendored bundles were not embedded (the binary was built without
// running scripts/graphiql-assets.sh), "/" and the missing assets answer 503
// with a message saying how to build them.
//
// Handler panics only if the committed page template is malformed, which the
// package's tests catch.
func Handler(endpoint string, defaultQuery string) http.Handler {
	return New(Options{Endpoint: endpoint, DefaultQuery: defaultQuery})
}

// Options configure the page New serves.
type Options struct {
	// Endpoint is where GraphiQL sends its requests: a path such as
	// "/graphql" or an absolute URL.
	Endpoint string
	// DefaultQuery is the query of a new tab ("" leaves GraphiQL's own).
	DefaultQuery string
	// Tabs are the tabs GraphiQL opens with on a first visit (ExampleTabs
	// are the README's example queries); none opens one tab with
	// DefaultQuery. GraphiQL remembers the user's tabs afterwards.
	Tabs []Tab
	// Explorer is the path of the explorer page, linked from GraphiQL's
	// logo; "" for no link.
	Explorer string
}

// New returns an http.Handler serving the GraphiQL page at "/" and its
// assets under AssetPrefix, as Handler does, with the tabs and the link of
// opts. The page opens a tab with the query and variables of its URL
// (?query=...&variables=...), which is how the explorer links a node's data
// to GraphiQL.
//
// New panics only if the committed page template is malformed, which the
// package's tests catch.
func New(opts Options) http.Handler {
	sub, err := fs.Sub(embedded, "assets")
	if err == nil {
		var h http.Handler
		if h, err = build(sub, opts); err == nil {
			return h
		}
	}
	panic(fmt.Sprintf("graphiql: %v", err))
}

// handler serves the page and the assets read from one file system.
type handler struct {
	page    []byte // rendered page, or nil when assets are missing
	missing []string
	files   map[string]*static.File // by name under AssetPrefix; only files present
}

// file is an asset held in memory with its validators.

// newHandler builds the handler from fsys, which holds the page template and
// the assets at the paths named in assets. It reads every file once, here.
func newHandler(fsys fs.FS, endpoint, defaultQuery string) (*handler, error) {
	return build(fsys, Options{Endpoint: endpoint, DefaultQuery: defaultQuery})
}

// build builds the handler of opts from fsys, as newHandler does.
func build(fsys fs.FS, opts Options) (*handler, error) {
	tmpl, err := template.ParseFS(fsys, pageTemplate)
	if err != nil {
		return nil, fmt.Errorf("parse page template: %w", err)
	}
	h := &handler{files: make(map[string]*static.File)}
	for _, a := range assets {
		data, err := fs.ReadFile(fsys, a.name)
		if err != nil || len(data) == 0 {
			if a.required {
				h.missing = append(h.missing, a.name)
			}
			continue
		}
		h.files[a.name] = static.New(a.contentType, data, gzip.DefaultCompression)
	}
	if len(h.missing) > 0 {
		return h, nil
	}

	tabs := ""
	if len(opts.Tabs) > 0 {
		b, err := json.Marshal(opts.Tabs)
		if err != nil {
			return nil, fmt.Errorf("tabs: %w", err)
		}
		tabs = string(b)
	}
	view := struct {
		Endpoint, DefaultQuery, CSS, Tabs, Explorer string
		Scripts                                     []string
	}{Endpoint: opts.Endpoint, DefaultQuery: opts.DefaultQuery, Tabs: tabs, Explorer: opts.Explorer}
	for _, a := range assets {
		f := h.files[a.name]
		u := AssetPrefix + a.name + "?v=" + f.Hash
		switch {
		case a.style:
			view.CSS = u
		case a.script:
			view.Scripts = append(view.Scripts, u)
		}
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, view); err != nil {
		return nil, fmt.Errorf("render page: %w", err)
	}
	h.page = buf.Bytes()
	return h, nil
}

// ServeHTTP implements http.Handler.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	root := strings.TrimSuffix(AssetPrefix, "/") // "/graphiql"
	if p != "/" && p != root && !strings.HasPrefix(p, AssetPrefix) {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch {
	case p == "/":
		h.servePage(w, r)
	case p == root || p == AssetPrefix:
		http.Redirect(w, r, "/", http.StatusFound)
	default:
		h.serveAsset(w, r, strings.TrimPrefix(p, AssetPrefix))
	}
}

func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	if h.page == nil {
		h.serveNotBuilt(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", cacheRevalidate)
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Frame-Options", "DENY")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(h.page))
}

// notBuiltPage is served at "/" (503) when the vendored bundles are missing.
const notBuiltPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>hemigraph — GraphiQL assets not built</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; margin: 2rem; max-width: 50rem">
<h1>GraphiQL assets were not built</h1>
<p>This server was built without GraphiQL's browser bundles, so the GraphiQL
page cannot be shown. The GraphQL API itself is unaffected.</p>
<p>To fix it, build the assets and then rebuild the server:</p>
<pre>make assets        # or: scripts/graphiql-assets.sh
go build ./...</pre>
<p>Missing files (under server/graphiql/assets/):</p>
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
	static.ServeNamed(w, r, h.files, name, h.missing, static.Unbuilt{What: "GraphiQL assets", Script: "scripts/graphiql-assets.sh"})
}
