package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph/server"
	"github.com/hemigraph/hemigraph/server/explorer"
)

// explorerVariables are variables with which each of the explorer's
// operations finds something in the bundled corpus, as large as the
// explorer sends them (main.js: ids by 25 for LineageSteps, by 100 for
// Flags), so that they are checked against the complexity limit.
var explorerVariables = map[string]map[string]any{
	"Lineage":       {"conference": sanSalvador, "maxDepth": 8, "first": 500},
	"LineageSteps":  {"ids": repeat(25, res1412, santiagoDecl)},
	"Neighbourhood": {"id": res1412, "depth": 3, "limit": 500},
	"Flags":         {"ids": repeat(100, res1412, santiagoDecl)},
	"Paths":         {"from": santiagoDecl, "to": sanSalvador, "maxDepth": 6, "first": 16},
	"Timeline":      {"from": "1995", "to": "1998", "first": 500},
	"Search":        {"text": "AG/RES. 1412 (XXVI-O/96)"},
	"NodeDetails":   {"id": res1412},
}

// repeat returns n ids, the given ones over and over.
func repeat(n int, ids ...string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = ids[i%len(ids)]
	}
	return out
}

// getPersisted runs a registered operation by its hash alone, over GET, as
// the explorer does.
func getPersisted(t *testing.T, f *fixture, q explorer.Query, vars map[string]any) *response {
	t.Helper()
	ext, _ := json.Marshal(map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": q.Hash}})
	v, _ := json.Marshal(vars)
	w := f.get(t, url.Values{"operationName": {q.Name}, "extensions": {string(ext)}, "variables": {string(v)}}, nil)
	return decode(t, w.Body.Bytes())
}

// TestExplorerQueriesArePersisted: the server knows the explorer's
// operations by their hash from its start, each answers without an error
// within the limits (the neighbourhood at its largest), and none is known
// when the explorer is switched off.
func TestExplorerQueriesArePersisted(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		for _, q := range explorer.Queries() {
			t.Run(q.Name, func(t *testing.T) {
				vars, ok := explorerVariables[q.Name]
				if !ok {
					t.Fatalf("no variables for the explorer's operation %s: add them to explorerVariables", q.Name)
				}
				resp := getPersisted(t, f, q, vars)
				if len(resp.Errors) > 0 {
					t.Fatalf("errors %v", resp.Errors)
				}
				if strings.Count(string(resp.Data), "\"id\"") < 1 && q.Name != "Flags" {
					t.Errorf("%s finds nothing: %s", q.Name, resp.Data)
				}
			})
		}
	})
	t.Run("explorer off", func(t *testing.T) {
		f := newMemoryFixture(t, server.Config{DisableExplorer: true})
		q := explorer.Queries()[0]
		if codes := getPersisted(t, f, q, explorerVariables[q.Name]).codes(); len(codes) != 1 || codes[0] != "PERSISTED_QUERY_NOT_FOUND" {
			t.Errorf("codes %v, want PERSISTED_QUERY_NOT_FOUND", codes)
		}
	})
}

// TestExplorerMounted: /explore is served beside GraphiQL, which links to
// it; switched off, neither the page nor the link is there.
func TestExplorerMounted(t *testing.T) {
	tests := []struct {
		name        string
		cfg         server.Config
		explore     int
		graphiqlHas string
	}{
		{"on", server.Config{}, http.StatusOK, `data-explorer="/explore"`},
		{"off", server.Config{DisableExplorer: true}, http.StatusNotFound, `data-explorer=""`},
		{"without GraphiQL", server.Config{DisableGraphiQL: true}, http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newMemoryFixture(t, tt.cfg)
			serve := func(path string) *httptest.ResponseRecorder {
				w := httptest.NewRecorder()
				f.h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
				return w
			}
			// An unbuilt explorer answers 503, which says it is mounted.
			if w := serve("/explore?conference=" + sanSalvador); w.Code != tt.explore && !(tt.explore == http.StatusOK && w.Code == http.StatusServiceUnavailable) {
				t.Errorf("GET /explore = %d, want %d", w.Code, tt.explore)
			}
			if tt.graphiqlHas == "" {
				if w := serve("/"); w.Code != http.StatusNotFound {
					t.Errorf("GET / = %d without GraphiQL, want 404", w.Code)
				}
				if w := serve("/explore"); strings.Contains(w.Body.String(), "graphiql-link") {
					t.Error("the explorer links to a GraphiQL that is not there")
				}
				return
			}
			if w := serve("/"); w.Code == http.StatusOK && !strings.Contains(w.Body.String(), tt.graphiqlHas) {
				t.Errorf("GraphiQL's page lacks %s", tt.graphiqlHas)
			}
		})
	}
}
