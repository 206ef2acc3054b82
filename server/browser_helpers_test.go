package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/hemigraph/hemigraph/internal/golden"
)

// The browser tests drive a headless Chromium through the explorer and
// GraphiQL. They run wherever a browser is found; where none is, they fail
// when CI or HEMIGRAPH_BROWSER_TESTS=1 is set (scripts/test.sh sets it,
// after installing Debian's chromium-headless-shell with apt when it is
// missing) and are skipped, saying why, otherwise.
const (
	envBrowser      = "HEMIGRAPH_BROWSER"       // path or name of the browser to drive
	envBrowserTests = "HEMIGRAPH_BROWSER_TESTS" // "1": a missing browser or unbuilt assets fail the tests
	envArtifacts    = "HEMIGRAPH_ARTIFACTS"     // where the screenshots and timings go; .cache/explorer-test by default
)

// browserNames are the executables tried, in order, on PATH: Debian's
// chromium-headless-shell and chromium first.
var browserNames = []string{"chromium-headless-shell", "headless-shell", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

func browserRequired() bool {
	return os.Getenv("CI") != "" || os.Getenv(envBrowserTests) == "1"
}

// unavailable fails the test when the browser tests are required, and
// skips it, saying why, otherwise.
func unavailable(t *testing.T, why string) {
	t.Helper()
	if browserRequired() {
		t.Fatalf("browser tests cannot run: %s", why)
	}
	t.Skipf("browser tests skipped: %s (they fail instead when CI or %s=1 is set, as scripts/test.sh does)", why, envBrowserTests)
}

// findBrowser returns the browser to drive: HEMIGRAPH_BROWSER, else the
// first of browserNames on PATH.
func findBrowser(t *testing.T) string {
	t.Helper()
	if p := os.Getenv(envBrowser); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			t.Fatalf("%s=%s: %v", envBrowser, p, err)
		}
		return path
	}
	for _, name := range browserNames {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	unavailable(t, "no headless browser found on PATH (tried "+strings.Join(browserNames, ", ")+
		"); install one with `apt-get install chromium-headless-shell` (scripts/browser.sh does) or set "+envBrowser)
	return ""
}

// startBrowser starts the browser for the test and returns the context of
// its first tab; every tab of the test is a child of it.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path := findBrowser(t)
	profile := t.TempDir() // removed after the browser ends (cleanups run last in, first out)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(viewportW, viewportH),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run its sandbox as root
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		if browserRequired() {
			t.Fatalf("start %s: %v", path, err)
		}
		unavailable(t, fmt.Sprintf("%s does not start: %v", path, err))
	}
	return ctx
}

const viewportW, viewportH = 1400, 900

// site is the real server, over HTTP, for a browser: it records every
// GraphQL request, so that tests can check that the explorer sends
// persisted queries only.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	requests []graphqlRequest
}

// graphqlRequest is what a request to /graphql carried.
type graphqlRequest struct {
	Method, Operation string
	Hash              string // persistedQuery.sha256Hash
	HasText           bool   // the query's text was sent
}

func newSite(t *testing.T, h http.Handler) *site {
	t.Helper()
	s := &site{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/graphql" {
			s.record(r)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	// Unbuilt explorer assets make a 503 page: say how to build them.
	res, err := http.Get(s.URL + "/explore")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode == http.StatusServiceUnavailable {
		unavailable(t, "the explorer's assets are not built: run `make assets` (scripts/explorer-assets.sh), then the tests")
	}
	return s
}

func (s *site) record(r *http.Request) {
	req := graphqlRequest{Method: r.Method}
	var body struct {
		Query         string          `json:"query"`
		OperationName string          `json:"operationName"`
		Extensions    json.RawMessage `json:"extensions"`
	}
	if r.Method == http.MethodPost {
		b, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(strings.NewReader(string(b)))
		json.Unmarshal(b, &body)
	} else {
		q := r.URL.Query()
		body.Query, body.OperationName = q.Get("query"), q.Get("operationName")
		body.Extensions = json.RawMessage(q.Get("extensions"))
	}
	var ext struct {
		PersistedQuery struct {
			Hash string `json:"sha256Hash"`
		} `json:"persistedQuery"`
	}
	json.Unmarshal(body.Extensions, &ext)
	req.Operation, req.Hash, req.HasText = body.OperationName, ext.PersistedQuery.Hash, body.Query != ""
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
}

// graphqlRequests returns the GraphQL requests made so far.
func (s *site) graphqlRequests() []graphqlRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// tab is one browser tab on a site, with the console errors it saw.
type tab struct {
	t    *testing.T
	ctx  context.Context
	site *site

	mu      sync.Mutex
	console []string // errors and exceptions, as the console shows them
}

// newTab opens a tab of the browser at ctx. When the test ends, it fails
// the test if the page wrote an error to the console or threw.
func newTab(t *testing.T, browserCtx context.Context, s *site) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	tb := &tab{t: t, ctx: ctx, site: s}
	messages := chromedp.Console(ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewportW, viewportH)); err != nil {
		cancel()
		t.Fatalf("open tab: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				tb.mu.Lock()
				tb.console = append(tb.console, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
				tb.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		time.Sleep(100 * time.Millisecond) // let the last messages arrive
		cancel()
		<-done
		tb.mu.Lock()
		defer tb.mu.Unlock()
		if len(tb.console) > 0 {
			t.Errorf("the page wrote %d errors to the console:\n%s", len(tb.console), strings.Join(tb.console, "\n"))
		}
	})
	return tb
}

// do runs actions, failing the test on an error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// wait waits until a JavaScript expression is true, at most 30 s.
func (tb *tab) wait(what, expr string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		alert, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(document.querySelector('#alert') || {}).textContent || ''`))
		tb.t.Fatalf("waiting for %s: %v %s", what, err, alert)
	}
}

// open navigates to a path of the site and waits for the explorer to draw
// the view (or to show its welcome page).
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.site.URL + path))
	tb.settled(0)
}

// settled waits until the explorer has drawn more than draws times and is
// not loading; it fails the test when the page shows an error.
func (tb *tab) settled(draws int) {
	tb.t.Helper()
	tb.wait("the explorer to draw", fmt.Sprintf(`window.hemigraph && (
		(document.querySelector('#cy').dataset.state === 'drawn' && window.hemigraph.draws > %d) ||
		['idle', 'error'].includes(document.querySelector('#cy').dataset.state))`, draws))
	if state := eval[string](tb, `document.querySelector('#cy').dataset.state`); state == "error" {
		tb.t.Fatalf("the explorer shows an error: %s", eval[string](tb, `document.querySelector('#alert').textContent`))
	}
}

func (tb *tab) draws() int {
	return eval[int](tb, `window.hemigraph.draws`)
}

// point is a place on the page, in CSS pixels.
type point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// elementPoint returns where an element of the graph is drawn on the page:
// a node's centre, an edge's midpoint.
func (tb *tab) elementPoint(id string) point {
	tb.t.Helper()
	return eval[point](tb, fmt.Sprintf(`(() => {
		const cy = window.hemigraph.cy, e = cy.getElementById(%q);
		if (e.empty()) throw new Error('no element ' + %q);
		const p = e.isNode() ? e.renderedPosition() : e.renderedMidpoint();
		const r = cy.container().getBoundingClientRect();
		return { x: r.left + p.x, y: r.top + p.y };
	})()`, id, id))
}

// clickElement clicks a node or an edge of the graph as a person would.
func (tb *tab) clickElement(id string) {
	tb.t.Helper()
	p := tb.elementPoint(id)
	tb.do(chromedp.MouseClickXY(p.X, p.Y))
}

// ids returns the ids of the nodes (or edges) in the page's Cytoscape
// instance, sorted.
func (tb *tab) ids(group string) []string {
	tb.t.Helper()
	ids := eval[[]string](tb, fmt.Sprintf(`window.hemigraph.cy.%s().map(e => e.id())`, group))
	slices.Sort(ids)
	return ids
}

// screenshot saves the page as an artifact under name (a PNG); with
// -update it also becomes docs/<name>, the image the README shows.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	// Let the last frame be painted.
	tb.wait("a painted frame", `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Fatal(err)
	}
	writeArtifact(tb.t, name, png)
	if golden.Update() {
		if err := os.WriteFile(filepath.Join("..", "docs", name), png, 0o644); err != nil {
			tb.t.Fatal(err)
		}
	}
}

// artifactDir is where the browser tests leave their screenshots and
// timings: HEMIGRAPH_ARTIFACTS, else .cache/explorer-test at the root of the
// repository.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv(envArtifacts)
	if dir == "" {
		dir = filepath.Join("..", ".cache", "explorer-test")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeArtifact(t *testing.T, name string, data []byte) {
	t.Helper()
	path := filepath.Join(artifactDir(t), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// download clicks the button sel and returns the name and content of the
// file the page makes the browser download.
func (tb *tab) download(sel string) (string, []byte) {
	tb.t.Helper()
	dir := tb.t.TempDir()
	_, err := chromedp.CallBrowser(tb.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
	})
	if err != nil {
		tb.t.Fatalf("set download behaviour: %v", err)
	}
	tb.do(chromedp.Click(chromedp.CSS(sel)))
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".crdownload") || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err == nil && len(b) > 0 {
				time.Sleep(50 * time.Millisecond) // a finished download is renamed whole: read it again to be sure
				if b2, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && len(b2) == len(b) {
					return e.Name(), b
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.t.Fatalf("clicking %s downloaded nothing within 20 s", sel)
	return "", nil
}
