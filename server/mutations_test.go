package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
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
	otherSecret, other, err := auth.NewSecret("other-team", auth.ScopeWrite)
	if err != nil {
		t.Fatal(err)
	}
	adminSecret, admin, err := auth.NewSecret("ops", auth.ScopeAdmin)
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := auth.NewSet(writer, reader, other, admin)
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
		// Forcing an undo, or undoing another token's load, needs admin.
		for _, c := range []struct {
			secret string
			force  bool
		}{{writeSecret, true}, {otherSecret, false}, {otherSecret, true}} {
			resp = do(c.secret, undo, map[string]any{"id": first.ID, "force": c.force})
			if codes := resp.codes(); len(codes) != 1 || codes[0] != server.CodeForbidden {
				t.Errorf("undo (force %v) without admin: %+v", c.force, resp)
			}
		}
		resp = do(adminSecret, undo, map[string]any{"id": first.ID, "force": true})
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

// TestDeleteMutations: deleteNodes and deleteRelations refuse inputs that
// name nothing (or, skipping them, delete the rest), record what they
// delete as a load, and undoing the load gives back the graph as it was.
func TestDeleteMutations(t *testing.T) {
	secret, writer, err := auth.NewSecret("pipeline", auth.ScopeWrite)
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := auth.NewSet(writer)
	if err != nil {
		t.Fatal(err)
	}
	const (
		res1412 = "ag-res-1412-xxvi-o-96"
		decl    = "declaration-of-santiago-csbm-1995"
	)
	// The graph around the resolution, as the API shows it: its relations
	// with every field, and how often the declaration is cited.
	const around = `{ a: node(id: "` + res1412 + `") { ...R } b: node(id: "` + decl + `") { ...R } }
		fragment R on Entity { id title citedByCount relations(first: 100) { id type verb through source evidence document
			from { id } to { id } clause { kind number text } } }`
	type result struct {
		Errors []string
		Load   struct {
			ID, Outcome string
			Nodes       struct{ Deleted int }
			Relations   struct{ Deleted int }
			Writes      struct{ NodesDeleted, RelationsDeleted []string }
		}
	}
	const fields = `{ errors load { id outcome nodes { deleted } relations { deleted } writes { nodesDeleted relationsDeleted } } }`
	eachStore(t, server.Config{Tokens: tokens}, func(t *testing.T, f *fixture) {
		do := func(query string, vars map[string]any, out any) {
			t.Helper()
			body, _ := json.Marshal(request{Query: query, Variables: vars})
			r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("Authorization", "Bearer "+secret)
			w := httptest.NewRecorder()
			f.h.ServeHTTP(w, r)
			var resp response
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || len(resp.Errors) > 0 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if err := json.Unmarshal(resp.Data, out); err != nil {
				t.Fatal(err)
			}
		}
		var before struct {
			A struct {
				CitedByCount int
				Relations    []struct {
					Type string
					To   struct{ ID string }
				}
			}
			B struct{ CitedByCount int }
		}
		do(around, nil, &before)
		var raw json.RawMessage
		do(around, nil, &raw)
		unchanged := func(what string) {
			t.Helper()
			var now json.RawMessage
			do(around, nil, &now)
			if !bytes.Equal(raw, now) {
				t.Errorf("%s: the graph changed:\nbefore %s\nnow    %s", what, raw, now)
			}
		}
		cites := 0
		for _, r := range before.A.Relations {
			if r.Type == "CITES" && r.To.ID == decl {
				cites++
			}
		}
		if len(before.A.Relations) < 3 || cites == 0 || before.B.CitedByCount == 0 {
			t.Fatalf("the corpus no longer has what the test needs: %+v", before)
		}

		const delNodes = `mutation($ids: [ID!]!, $skip: Boolean) { deleteNodes(ids: $ids, skipInvalid: $skip) ` + fields + ` }`
		var refused struct{ DeleteNodes result }
		do(delNodes, map[string]any{"ids": []string{res1412, "no-such-node", "Not An Id"}}, &refused)
		want := []string{`mutation:2: field "id": no node "no-such-node"`, `mutation:3: field "id": "Not An Id" is not a node id`}
		if r := refused.DeleteNodes; r.Load.Outcome != "REFUSED" || !slices.Equal(slices.Sorted(slices.Values(r.Errors)), slices.Sorted(slices.Values(want))) {
			t.Errorf("deleteNodes with bad ids: %+v, want REFUSED with %q", r, want)
		}
		unchanged("after a refused deleteNodes")

		var deleted struct{ DeleteNodes result }
		do(delNodes, map[string]any{"ids": []string{res1412, "no-such-node"}, "skip": true}, &deleted)
		if r := deleted.DeleteNodes; r.Load.Outcome != "DONE" || r.Load.Nodes.Deleted != 1 || r.Load.Relations.Deleted != len(before.A.Relations) ||
			!slices.Equal(r.Load.Writes.NodesDeleted, []string{res1412}) || len(r.Load.Writes.RelationsDeleted) != len(before.A.Relations) || len(r.Errors) != 1 {
			t.Errorf("deleteNodes skipping the bad id: %+v, want 1 node and %d relations", r, len(before.A.Relations))
		}
		var gone struct {
			A *struct{ ID string }
			B struct{ CitedByCount int }
		}
		do(around, nil, &gone)
		if gone.A != nil || gone.B.CitedByCount != before.B.CitedByCount-1 {
			t.Errorf("after deleteNodes: %+v", gone)
		}
		undo := func(id string) {
			t.Helper()
			var u struct {
				UndoLoad struct{ Load struct{ Outcome string } }
			}
			do(`mutation($id: ID!) { undoLoad(id: $id) { load { outcome } } }`, map[string]any{"id": id}, &u)
			if u.UndoLoad.Load.Outcome != "UNDONE" {
				t.Errorf("undo %s: %+v", id, u)
			}
		}
		undo(deleted.DeleteNodes.Load.ID)
		unchanged("after undoing deleteNodes")

		const delRels = `mutation($refs: [RelationRef!]!, $skip: Boolean) { deleteRelations(relations: $refs, skipInvalid: $skip) ` + fields + ` }`
		refs := []map[string]any{{"from": res1412, "to": decl, "type": "CITES"}, {"from": decl, "to": res1412}}
		var refusedRels struct{ DeleteRelations result }
		do(delRels, map[string]any{"refs": refs}, &refusedRels)
		wantRel := `mutation:2: field "from": no relation from "` + decl + `" to "` + res1412 + `"`
		if r := refusedRels.DeleteRelations; r.Load.Outcome != "REFUSED" || !slices.Equal(r.Errors, []string{wantRel}) {
			t.Errorf("deleteRelations selecting nothing: %+v, want REFUSED with %q", r, wantRel)
		}
		unchanged("after a refused deleteRelations")
		var deletedRels struct{ DeleteRelations result }
		do(delRels, map[string]any{"refs": refs, "skip": true}, &deletedRels)
		if r := deletedRels.DeleteRelations; r.Load.Outcome != "DONE" || r.Load.Relations.Deleted != cites || len(r.Load.Writes.RelationsDeleted) != cites {
			t.Errorf("deleteRelations: %+v, want %d relations", r, cites)
		}
		var less struct{ B struct{ CitedByCount int } }
		do(around, nil, &less)
		if less.B.CitedByCount != before.B.CitedByCount-1 {
			t.Errorf("citedByCount of %s after deleteRelations: %d, want %d", decl, less.B.CitedByCount, before.B.CitedByCount-1)
		}
		undo(deletedRels.DeleteRelations.Load.ID)
		unchanged("after undoing deleteRelations")
	})
}
