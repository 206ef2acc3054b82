package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph/server"
	"github.com/hemigraph/hemigraph/server/auth"
)

// TestMutationsAndLoads writes through the mutations with a write token,
// lists the loads, and undoes one: each mutation is a recorded load by the
// token's name, invalid input refuses the whole mutation with the errors,
// a read token may not write, and undoing a load another built on is a
// CONFLICT unless forced.
func TestMutationsAndLoads(t *testing.T) {
	writeSecret, writer, err := auth.NewSecret("pipeline", auth.ScopeWrite)
	if err != nil {
		t.Fatal(err)
	}
	readSecret, reader, err := auth.NewSecret("dashboard", auth.ScopeRead)
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := auth.NewSet(writer, reader)
	if err != nil {
		t.Fatal(err)
	}
	eachStore(t, server.Config{Tokens: tokens}, func(t *testing.T, f *fixture) {
		do := func(secret, query string, vars map[string]any) *response {
			t.Helper()
			body, _ := json.Marshal(request{Query: query, Variables: vars})
			r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			if secret != "" {
				r.Header.Set("Authorization", "Bearer "+secret)
			}
			w := httptest.NewRecorder()
			f.h.ServeHTTP(w, r)
			var resp response
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			return &resp
		}
		const upsert = `mutation($nodes: [NodeInput!]!, $skip: Boolean) { upsertNodes(nodes: $nodes, skipInvalid: $skip) {
			errors load { id by outcome nodes { created updated unchanged } invalid writes { nodesCreated } } } }`
		nodes := []map[string]any{
			{"id": "cp-res-9001-1500-05", "kind": "RESOLUTION", "title": "Support for the Work of the Committee", "date": "2005-03-02"},
			{"id": "meeting-experts-csbm-2005", "kind": "CONFERENCE", "title": "Meeting of Experts on CSBMs", "date": "2005"},
		}
		if resp := do(readSecret, upsert, map[string]any{"nodes": nodes}); len(resp.Errors) == 0 || resp.codes()[0] != "FORBIDDEN" {
			t.Fatalf("a read token wrote: %+v", resp)
		}
		bad := append([]map[string]any{}, nodes...)
		bad = append(bad, map[string]any{"id": "x", "kind": "REPORT", "title": "X", "date": "sometime"})
		var refused struct {
			UpsertNodes struct {
				Errors []string
				Load   struct{ Outcome string }
			}
		}
		resp := do(writeSecret, upsert, map[string]any{"nodes": bad})
		if len(resp.Errors) > 0 || json.Unmarshal(resp.Data, &refused) != nil {
			t.Fatalf("refused mutation: %+v", resp)
		}
		if refused.UpsertNodes.Load.Outcome != "REFUSED" || len(refused.UpsertNodes.Errors) != 1 || !strings.HasPrefix(refused.UpsertNodes.Errors[0], `mutation:3: field "node.date"`) {
			t.Errorf("refused mutation: %+v", refused.UpsertNodes)
		}
		var wrote struct {
			UpsertNodes struct {
				Load struct {
					ID, By, Outcome string
					Nodes           struct{ Created int }
					Writes          struct{ NodesCreated []string }
				}
			}
		}
		resp = do(writeSecret, upsert, map[string]any{"nodes": nodes})
		if len(resp.Errors) > 0 || json.Unmarshal(resp.Data, &wrote) != nil {
			t.Fatalf("upsertNodes: %+v", resp)
		}
		first := wrote.UpsertNodes.Load
		if first.By != "pipeline" || first.Outcome != "DONE" || first.Nodes.Created != 2 || len(first.Writes.NodesCreated) != 2 {
			t.Errorf("first load: %+v", first)
		}
		// A second load builds on the first: a relation between its nodes.
		resp = do(writeSecret, `mutation { upsertRelations(relations: [{from: "cp-res-9001-1500-05", to: "meeting-experts-csbm-2005",
			type: CONVENES, verb: "TO CONVENE", source: "https://www.oas.org/example"}]) { load { id outcome } } }`, nil)
		if len(resp.Errors) > 0 {
			t.Fatalf("upsertRelations: %+v", resp)
		}
		var list struct {
			Loads struct {
				Edges []struct{ Node struct{ ID, Outcome string } }
			}
		}
		resp = do(readSecret, `{ loads(first: 10) { edges { node { id outcome } } } }`, nil)
		if len(resp.Errors) > 0 || json.Unmarshal(resp.Data, &list) != nil {
			t.Fatalf("loads: %+v", resp)
		}
		// The fixture's own load of the corpus, then the three mutations.
		if e := list.Loads.Edges; len(e) != 4 || e[0].Node.Outcome != "DONE" || e[1].Node.ID != first.ID || e[2].Node.Outcome != "REFUSED" {
			t.Errorf("loads, newest first: %+v", e)
		}
		const undo = `mutation($id: ID!, $force: Boolean) { undoLoad(id: $id, force: $force) { nodesDeleted relationsDeleted load { outcome } } }`
		resp = do(writeSecret, undo, map[string]any{"id": first.ID})
		if codes := resp.codes(); len(codes) != 1 || codes[0] != server.CodeConflict {
			t.Fatalf("undo of a load another built on: %+v", resp)
		}
		var undone struct {
			UndoLoad struct {
				NodesDeleted, RelationsDeleted int
				Load                           struct{ Outcome string }
			}
		}
		resp = do(writeSecret, undo, map[string]any{"id": first.ID, "force": true})
		if len(resp.Errors) > 0 || json.Unmarshal(resp.Data, &undone) != nil {
			t.Fatalf("forced undo: %+v", resp)
		}
		// The relation the later load wrote on them goes with the nodes.
		if u := undone.UndoLoad; u.NodesDeleted != 2 || u.RelationsDeleted != 0 || u.Load.Outcome != "UNDONE" {
			t.Errorf("forced undo: %+v", u)
		}
		var gone struct{ Node *struct{ ID string } }
		resp = do(readSecret, `{ node(id: "cp-res-9001-1500-05") { id } }`, nil)
		if len(resp.Errors) > 0 || json.Unmarshal(resp.Data, &gone) != nil || gone.Node != nil {
			t.Errorf("node after the undo: %+v", resp)
		}
	})
}
