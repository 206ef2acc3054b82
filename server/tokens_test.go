package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph/server"
)

// TestMutationTokens: a mutation needs a token of scope write; without
// one it is refused with 401 and UNAUTHENTICATED, with a read token with
// 403 and FORBIDDEN, each with its WWW-Authenticate challenge, before it
// runs: nothing is written.
func TestMutationTokens(t *testing.T) {
	const upsert = `mutation { upsertNodes(nodes: [{id: "tok-test-body", kind: BODY, title: "Token Test Body"}]) { errors } }`
	tests := []struct {
		name      string
		secret    string
		status    int
		code      string
		challenge string
	}{
		{name: "no token", status: 401, code: server.CodeUnauthenticated, challenge: `Bearer realm="hemigraph", scope="write"`},
		{name: "read token", secret: readSecret, status: 403, code: server.CodeForbidden,
			challenge: `Bearer realm="hemigraph", error="insufficient_scope", scope="write"`},
		{name: "write token", secret: writeSecret, status: 200},
		{name: "admin token", secret: adminSecret, status: 200},
	}
	eachStore(t, server.Config{Tokens: testTokens(t)}, func(t *testing.T, f *fixture) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				before, _, err := f.store.Counts(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				body, _ := json.Marshal(request{Query: upsert})
				r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				if tc.secret != "" {
					r.Header.Set("Authorization", "Bearer "+tc.secret)
				}
				w := httptest.NewRecorder()
				f.h.ServeHTTP(w, r)
				if w.Code != tc.status {
					t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
				}
				var want []string
				if tc.code != "" {
					want = []string{tc.code}
				}
				resp := decode(t, w.Body.Bytes())
				if diff := gocmp.Diff(want, resp.codes()); diff != "" {
					t.Errorf("codes (-want +got):\n%s", diff)
				}
				if got := w.Header().Get("WWW-Authenticate"); got != tc.challenge {
					t.Errorf("WWW-Authenticate %q, want %q", got, tc.challenge)
				}
				after, _, err := f.store.Counts(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if tc.status != 200 && after != before {
					t.Errorf("a refused mutation changed the node count from %d to %d", before, after)
				}
				if tc.status == 200 && tc.name == "write token" && after != before+1 {
					t.Errorf("the mutation left %d nodes, want %d: %s", after, before+1, w.Body)
				}
			})
		}
	})
}
