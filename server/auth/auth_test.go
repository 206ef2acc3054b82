package auth_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph/server/auth"
)

func hashOf(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return "sha256:" + hex.EncodeToString(h[:])
}

// TestNewSecret: a new secret opens the token whose line it prints, and
// that line reads back as the same token.
func TestNewSecret(t *testing.T) {
	secret, tok, err := auth.NewSecret("etl-nightly", auth.ScopeWrite)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, auth.SecretPrefix) || len(secret) != len(auth.SecretPrefix)+43 {
		t.Errorf("secret %q: want %s and 43 base64url characters", secret, auth.SecretPrefix)
	}
	if strings.Contains(tok.Line(), secret) {
		t.Errorf("the line %q holds the secret", tok.Line())
	}
	got, err := auth.Parse(strings.NewReader(tok.Line()), "line")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]auth.Token{tok}, got); diff != "" {
		t.Errorf("line read back (-want +got):\n%s", diff)
	}
	set, err := auth.NewSet(got...)
	if err != nil {
		t.Fatal(err)
	}
	if found, ok := set.Authenticate(secret); !ok || found.Name != "etl-nightly" || found.Scope != auth.ScopeWrite {
		t.Errorf("Authenticate(secret) = %+v, %v", found, ok)
	}
	other, _, _ := auth.NewSecret("etl-nightly", auth.ScopeWrite)
	if other == secret {
		t.Error("two secrets are the same")
	}
	for _, bad := range []string{"", other, secret[:len(secret)-1], secret + "x", strings.ToUpper(secret)} {
		if _, ok := set.Authenticate(bad); ok {
			t.Errorf("Authenticate(%q) accepted", bad)
		}
	}
	if _, _, err := auth.NewSecret("has space", auth.ScopeRead); err == nil {
		t.Error("NewSecret took a name with a space")
	}
	if _, _, err := auth.NewSecret("x", auth.ScopeNone); err == nil {
		t.Error("NewSecret took no scope")
	}
}

func TestParse(t *testing.T) {
	h1, h2 := hashOf("one"), hashOf("two")
	tests := []struct {
		name    string
		in      string
		want    []auth.Token
		wantErr string
	}{
		{name: "lines, comments and options",
			in: "# tokens\n\nreader read " + h1 + "\n  etl write " + h2 + " max-body=64MiB max-loads=1  \n",
			want: []auth.Token{
				{Name: "reader", Scope: auth.ScopeRead, Hash: sha256.Sum256([]byte("one"))},
				{Name: "etl", Scope: auth.ScopeWrite, Hash: sha256.Sum256([]byte("two")), MaxBodyBytes: 64 << 20, MaxLoads: 1},
			}},
		{name: "semicolons", in: "a read " + h1 + "; b admin " + h2,
			want: []auth.Token{
				{Name: "a", Scope: auth.ScopeRead, Hash: sha256.Sum256([]byte("one"))},
				{Name: "b", Scope: auth.ScopeAdmin, Hash: sha256.Sum256([]byte("two"))},
			}},
		{name: "empty", in: "", want: nil},
		{name: "too few fields", in: "a read", wantErr: "src:1: want NAME SCOPE"},
		{name: "unknown scope", in: "a owner " + h1, wantErr: `src:1: unknown scope "owner"`},
		{name: "a secret instead of a hash", in: "a read hgt_abc", wantErr: "the hash must start with sha256:"},
		{name: "short hash", in: "a read sha256:abcd", wantErr: "not 64 hexadecimal digits"},
		{name: "unknown option", in: "a read " + h1 + " max-rows=3", wantErr: `unknown option "max-rows=3"`},
		{name: "bad size", in: "a read " + h1 + " max-body=lots", wantErr: "max-body"},
		{name: "zero loads", in: "a read " + h1 + " max-loads=0", wantErr: "max-loads"},
		{name: "duplicate name", in: "a read " + h1 + "\na write " + h2, wantErr: `src:2: token "a" already declared at line 1`},
		{name: "duplicate hash", in: "a read " + h1 + "\nb write " + h1, wantErr: `src:2: token "b" has the hash of the token at line 1`},
		{name: "bad name", in: "a/b read " + h1, wantErr: "only letters"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := auth.Parse(strings.NewReader(tc.in), "src")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLoad reads the file and the environment as one set, refusing a name
// declared in both.
func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(path, []byte("file-token write "+hashOf("f")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := auth.Load(path, "env-token read "+hashOf("e"), "HEMIGRAPH_TOKENS")
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 2 {
		t.Errorf("%d tokens, want 2", s.Len())
	}
	if tok, ok := s.Authenticate("e"); !ok || tok.Name != "env-token" {
		t.Errorf("env token: %+v %v", tok, ok)
	}
	if _, err := auth.Load(path, "file-token read "+hashOf("e"), "HEMIGRAPH_TOKENS"); err == nil {
		t.Error("a name in both the file and the environment was accepted")
	}
	if _, err := auth.Load(filepath.Join(t.TempDir(), "none"), "", ""); err == nil {
		t.Error("a missing file was accepted")
	}
	if s, err := auth.Load("", "", ""); err != nil || s.Len() != 0 {
		t.Errorf("no sources: %v, %d tokens", err, s.Len())
	}
}

func TestScope(t *testing.T) {
	for _, tc := range []struct {
		have, need auth.Scope
		want       bool
	}{
		{auth.ScopeRead, auth.ScopeRead, true},
		{auth.ScopeRead, auth.ScopeWrite, false},
		{auth.ScopeWrite, auth.ScopeRead, true},
		{auth.ScopeAdmin, auth.ScopeWrite, true},
		{auth.ScopeNone, auth.ScopeRead, false},
		{auth.ScopeNone, auth.ScopeNone, true},
	} {
		if got := tc.have.Allows(tc.need); got != tc.want {
			t.Errorf("%s.Allows(%s) = %v, want %v", tc.have, tc.need, got, tc.want)
		}
	}
	for _, s := range []auth.Scope{auth.ScopeRead, auth.ScopeWrite, auth.ScopeAdmin} {
		if got, err := auth.ParseScope(s.String()); err != nil || got != s {
			t.Errorf("ParseScope(%q) = %v, %v", s, got, err)
		}
	}
}

func TestContext(t *testing.T) {
	ctx := context.Background()
	if _, ok := auth.FromContext(ctx); ok {
		t.Error("a bare context has a token")
	}
	tok := auth.Token{Name: "x", Scope: auth.ScopeRead}
	if got, ok := auth.FromContext(auth.WithToken(ctx, tok)); !ok || got != tok {
		t.Errorf("FromContext = %+v, %v", got, ok)
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"1": 1, "10KiB": 10 << 10, "64MiB": 64 << 20, "2GiB": 2 << 30} {
		if got, err := auth.ParseBytes(in); err != nil || got != want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for n, want := range map[int64]string{1: "1", 1536: "1536", 3072: "3KiB", 64 << 20: "64MiB", 1 << 30: "1GiB", 1<<30 + 1: "1073741825"} {
		if got := auth.FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "1TB", "MiB", "99999999999GiB"} {
		if _, err := auth.ParseBytes(in); err == nil {
			t.Errorf("ParseBytes(%q) accepted", in)
		}
	}
}
