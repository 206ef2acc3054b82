package main

import (
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph/server/auth"
)

// TestTokenNew: the secret printed opens the token of the line printed,
// whose scope and limits are the flags'.
func TestTokenNew(t *testing.T) {
	out, stderr, err := runCmd(t, nil, "token", "new", "etl-nightly", "-scope", "write", "-max-body", "64MiB", "-max-loads", "1")
	if err != nil {
		t.Fatalf("token new: %v\n%s", err, stderr)
	}
	var secret, line string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		k, v, _ := strings.Cut(l, ":")
		switch k {
		case "secret":
			secret = strings.TrimSpace(v)
		case "line":
			line = strings.TrimSpace(v)
		}
	}
	if !strings.HasPrefix(secret, auth.SecretPrefix) || strings.Contains(line, secret) {
		t.Fatalf("output %q: want a secret and a line without it", out)
	}
	set, err := auth.Load("", line, "line")
	if err != nil {
		t.Fatal(err)
	}
	tok, ok := set.Authenticate(secret)
	if !ok || tok.Name != "etl-nightly" || tok.Scope != auth.ScopeWrite || tok.MaxBodyBytes != 64<<20 || tok.MaxLoads != 1 {
		t.Errorf("the secret opens %+v, %v", tok, ok)
	}

	for _, args := range [][]string{
		{"token"},
		{"token", "new"},
		{"token", "new", "a", "b"},
		{"token", "new", "x", "-scope", "owner"},
		{"token", "new", "x", "-max-body", "lots"},
		{"token", "new", "no/slash"},
	} {
		if _, _, err := runCmd(t, nil, args...); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

// TestServeTokensFile: serve refuses a malformed tokens file before it
// connects to Neo4j.
func TestServeTokensFile(t *testing.T) {
	_, _, err := runCmd(t, map[string]string{"HEMIGRAPH_TOKENS": "etl write hgt_notahash"}, "serve")
	if err == nil || !strings.Contains(err.Error(), "HEMIGRAPH_TOKENS:1") {
		t.Errorf("err %v, want one naming HEMIGRAPH_TOKENS:1", err)
	}
	_, _, err = runCmd(t, nil, "serve", "-max-load-body", "0")
	if err == nil || !strings.Contains(err.Error(), "-max-load-body") {
		t.Errorf("err %v, want one naming -max-load-body", err)
	}
}
