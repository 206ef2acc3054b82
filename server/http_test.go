package server_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph/server"
)

// get sends a GET request to /graphql with the given URL parameters.
func (f *fixture) get(t testing.TB, params url.Values, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "/graphql?"+params.Encode(), nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// TestGET: GET runs queries, and refuses mutations and subscriptions with
// 405 before anything runs, although the schema has neither (it is read
// only): a GET must be safe to repeat and to cache.
func TestGET(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		tests := []struct {
			name      string
			params    url.Values
			status    int
			code      string
			wantAllow string
		}{
			{name: "query", params: url.Values{"query": {`{ instrument(id: "` + res1412 + `") { id } }`}}, status: 200},
			{name: "query with variables", params: url.Values{
				"query":     {`query($id: ID!) { instrument(id: $id) { id } }`},
				"variables": {`{"id": "` + res1412 + `"}`},
			}, status: 200},
			{name: "mutation", params: url.Values{"query": {`mutation { deleteEverything }`}},
				status: 405, code: server.CodeMethodNotAllowed, wantAllow: "POST"},
			{name: "named mutation among queries", params: url.Values{
				"query":         {`query Q { __typename } mutation M { deleteEverything }`},
				"operationName": {"M"},
			}, status: 405, code: server.CodeMethodNotAllowed, wantAllow: "POST"},
			{name: "subscription", params: url.Values{"query": {`subscription { changes }`}},
				status: 405, code: server.CodeMethodNotAllowed, wantAllow: "POST"},
			{name: "bad variables", params: url.Values{"query": {`{ __typename }`}, "variables": {`{`}},
				status: 400, code: server.CodeBadRequest},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				f.stmts.reset()
				w := f.get(t, tc.params, nil)
				if w.Code != tc.status {
					t.Errorf("status %d, want %d: %s", w.Code, tc.status, w.Body)
				}
				resp := decode(t, w.Body.Bytes())
				var want []string
				if tc.code != "" {
					want = []string{tc.code}
				}
				if diff := gocmp.Diff(want, resp.codes()); diff != "" {
					t.Errorf("codes (-want +got):\n%s", diff)
				}
				if got := w.Header().Get("Allow"); got != tc.wantAllow {
					t.Errorf("Allow %q, want %q", got, tc.wantAllow)
				}
				if tc.status != 200 && len(f.stmts.list()) > 0 {
					t.Errorf("a refused request sent %d statements", len(f.stmts.list()))
				}
			})
		}
		t.Run("POST mutation", func(t *testing.T) {
			w := f.post(t, request{Query: `mutation { deleteEverything }`})
			resp := decode(t, w.Body.Bytes())
			if w.Code != http.StatusUnprocessableEntity || len(resp.codes()) != 1 || resp.codes()[0] != "GRAPHQL_VALIDATION_FAILED" {
				t.Errorf("status %d, %s: want 422 GRAPHQL_VALIDATION_FAILED, the schema has no mutations", w.Code, w.Body)
			}
		})
	})
}

// TestMediaTypes: the response is application/graphql-response+json when
// asked for, with 400 for a request that cannot run; application/json
// otherwise, with 422.
func TestMediaTypes(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		tests := []struct {
			accept, query, wantType string
			wantStatus              int
		}{
			{"", `{ __typename }`, "application/json", 200},
			{"application/json", `{ __typename }`, "application/json", 200},
			{"application/graphql-response+json", `{ __typename }`, "application/graphql-response+json", 200},
			{"application/graphql-response+json, application/json;q=0.9", `{ __typename }`, "application/graphql-response+json", 200},
			{"application/json", `{ __typename `, "application/json", 422},
			{"application/graphql-response+json", `{ __typename `, "application/graphql-response+json", 400},
			{"application/graphql-response+json", `{ nope }`, "application/graphql-response+json", 400},
		}
		for _, tc := range tests {
			for _, method := range []string{"GET", "POST"} {
				t.Run(method+" "+tc.accept+" "+tc.query, func(t *testing.T) {
					var r *http.Request
					if method == "GET" {
						r = httptest.NewRequest(method, "/graphql?"+url.Values{"query": {tc.query}}.Encode(), nil)
					} else {
						body, _ := json.Marshal(request{Query: tc.query})
						r = httptest.NewRequest(method, "/graphql", strings.NewReader(string(body)))
						r.Header.Set("Content-Type", "application/json")
					}
					if tc.accept != "" {
						r.Header.Set("Accept", tc.accept)
					}
					w := httptest.NewRecorder()
					f.h.ServeHTTP(w, r)
					if got := w.Header().Get("Content-Type"); got != tc.wantType {
						t.Errorf("Content-Type %q, want %q", got, tc.wantType)
					}
					if w.Code != tc.wantStatus {
						t.Errorf("status %d, want %d: %s", w.Code, tc.wantStatus, w.Body)
					}
				})
			}
		}
	})
}

// TestPersistedQueries: automatic persisted queries, over POST and GET.
// The hash alone is refused until the query has been sent once with it;
// after that, the hash alone runs the query.
func TestPersistedQueries(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		query := `query Lineage($c: ID!) { instrumentsLeadingTo(conference: $c, maxDepth: 1) { entries { node { id } } } }`
		sum := sha256.Sum256([]byte(query))
		hash := hex.EncodeToString(sum[:])
		ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}
		extJSON, _ := json.Marshal(ext)
		vars := map[string]any{"c": sanSalvador}
		varsJSON, _ := json.Marshal(vars)
		hashOnlyGET := url.Values{"extensions": {string(extJSON)}, "variables": {string(varsJSON)}}

		steps := []struct {
			name string
			send func() *httptest.ResponseRecorder
			code string
		}{
			{"hash only, unknown", func() *httptest.ResponseRecorder {
				return f.post(t, request{Extensions: ext, Variables: vars})
			}, "PERSISTED_QUERY_NOT_FOUND"},
			{"GET hash only, unknown", func() *httptest.ResponseRecorder { return f.get(t, hashOnlyGET, nil) }, "PERSISTED_QUERY_NOT_FOUND"},
			{"query with a wrong hash", func() *httptest.ResponseRecorder {
				bad := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": strings.Repeat("0", 64)}}
				return f.post(t, request{Query: query, Extensions: bad, Variables: vars})
			}, server.CodeBadRequest},
			{"query and hash", func() *httptest.ResponseRecorder {
				return f.post(t, request{Query: query, Extensions: ext, Variables: vars})
			}, ""},
			{"hash only", func() *httptest.ResponseRecorder {
				return f.post(t, request{Extensions: ext, Variables: vars})
			}, ""},
			{"GET hash only", func() *httptest.ResponseRecorder { return f.get(t, hashOnlyGET, nil) }, ""},
		}
		for _, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				w := s.send()
				resp := decode(t, w.Body.Bytes())
				var want []string
				if s.code != "" {
					want = []string{s.code}
				}
				if diff := gocmp.Diff(want, resp.codes()); diff != "" {
					t.Fatalf("codes (-want +got):\n%s", diff)
				}
				if s.code == "" && !strings.Contains(string(resp.Data), res1412) {
					t.Errorf("data %s lacks %s", resp.Data, res1412)
				}
			})
		}
	})
}
