// Package auth holds hemigraph's bearer tokens: their scopes, the file and
// environment they are read from, and the check of a presented secret.
//
// A token is a name, a scope (read, write or admin) and the SHA-256 of its
// secret; the secret itself is printed once by NewSecret (hemigraph token
// new) and never stored. A fast hash is the right one here: the secrets are
// 32 random bytes (256 bits), so no dictionary or brute force can find one
// from its hash however fast the hash is; slow, salted hashes (bcrypt,
// scrypt, argon2) exist to protect low-entropy passwords, and would only
// make every request pay their cost. A presented secret is hashed and
// compared with every token's hash in constant time (crypto/subtle), so
// that the time taken tells nothing of how close a guess came or which
// token it matched.
package auth

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Scope is what a token may do. Each scope includes those below it: admin
// includes write, write includes read.
type Scope int

// Scopes, from least to most.
const (
	ScopeNone  Scope = iota // no token: what anonymous callers may do
	ScopeRead               // run queries
	ScopeWrite              // load data: POST /load and mutations; undo its own loads
	ScopeAdmin              // everything write may do; undo any load, and force an undo
)

// ErrForbidden is wrapped by the errors of operations the caller's token
// does not allow beyond what its scope checks at the door: undoing
// another token's load, or forcing an undo, without the admin scope.
var ErrForbidden = errors.New("forbidden")

// ParseScope returns the scope named s: "read", "write" or "admin". It
// returns an error for any other name.
func ParseScope(s string) (Scope, error) {
	switch s {
	case "read":
		return ScopeRead, nil
	case "write":
		return ScopeWrite, nil
	case "admin":
		return ScopeAdmin, nil
	}
	return ScopeNone, fmt.Errorf("unknown scope %q (want read, write or admin)", s)
}

// String returns the scope's name.
func (s Scope) String() string {
	switch s {
	case ScopeRead:
		return "read"
	case ScopeWrite:
		return "write"
	case ScopeAdmin:
		return "admin"
	}
	return "none"
}

// Allows reports whether a token of scope s may do what needs scope need.
func (s Scope) Allows(need Scope) bool { return s >= need }

// Token is a caller the server knows: its name, its scope and the SHA-256
// of its secret. The limits, when zero, take the server's defaults.
type Token struct {
	Name  string
	Scope Scope
	Hash  [sha256.Size]byte
	// MaxBodyBytes bounds the body of one of its loads (max-body=).
	MaxBodyBytes int64
	// MaxLoads bounds how many of its loads run at once (max-loads=).
	MaxLoads int
}

// SecretPrefix starts every secret NewSecret makes, so that secret
// scanners and people can tell one when they see it.
const SecretPrefix = "hgt_"

// NewSecret returns a new secret — SecretPrefix and 32 random bytes in
// unpadded base64url — and the token of name and scope that it opens. It
// returns an error when the name or scope is not one a tokens file takes.
func NewSecret(name string, scope Scope) (secret string, tok Token, err error) {
	if err := checkName(name); err != nil {
		return "", Token{}, err
	}
	if scope < ScopeRead || scope > ScopeAdmin {
		return "", Token{}, fmt.Errorf("scope %d is not read, write or admin", scope)
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", Token{}, err
	}
	secret = SecretPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	return secret, Token{Name: name, Scope: scope, Hash: sha256.Sum256([]byte(secret))}, nil
}

// Line returns the line of a tokens file that declares t (see Parse).
func (t Token) Line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s sha256:%s", t.Name, t.Scope, hex.EncodeToString(t.Hash[:]))
	if t.MaxBodyBytes > 0 {
		fmt.Fprintf(&b, " max-body=%s", FormatBytes(t.MaxBodyBytes))
	}
	if t.MaxLoads > 0 {
		fmt.Fprintf(&b, " max-loads=%d", t.MaxLoads)
	}
	return b.String()
}

// checkName refuses names that would not survive a tokens file or a log
// line: empty, longer than 64 bytes, or holding anything but letters,
// digits, '.', '-', '_' and '@'.
func checkName(name string) error {
	if name == "" || len(name) > 64 {
		return fmt.Errorf("token name %q: want 1 to 64 characters", name)
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-_@", r)
		if !ok {
			return fmt.Errorf("token name %q: only letters, digits, '.', '-', '_' and '@'", name)
		}
	}
	return nil
}

// Parse reads tokens, one per line:
//
//	NAME SCOPE sha256:HEX [max-body=BYTES] [max-loads=N]
//
// Blank lines and lines starting with '#' are ignored; a ';' also ends a
// line, so that an environment variable can hold several. BYTES takes the
// suffixes KiB, MiB and GiB. source names r in errors. It returns an error,
// naming the line, for a malformed line, an unknown scope or option, or a
// name or hash declared twice.
func Parse(r io.Reader, source string) ([]Token, error) {
	var out []Token
	names, hashes := map[string]int{}, map[[sha256.Size]byte]int{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		for part := range strings.SplitSeq(sc.Text(), ";") {
			part = strings.TrimSpace(part)
			if part == "" || strings.HasPrefix(part, "#") {
				continue
			}
			t, err := parseLine(part)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", source, line, err)
			}
			if first, dup := names[t.Name]; dup {
				return nil, fmt.Errorf("%s:%d: token %q already declared at line %d", source, line, t.Name, first)
			}
			if first, dup := hashes[t.Hash]; dup {
				return nil, fmt.Errorf("%s:%d: token %q has the hash of the token at line %d", source, line, t.Name, first)
			}
			names[t.Name], hashes[t.Hash] = line, line
			out = append(out, t)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", source, err)
	}
	return out, nil
}

func parseLine(s string) (Token, error) {
	f := strings.Fields(s)
	if len(f) < 3 {
		return Token{}, errors.New("want NAME SCOPE sha256:HEX [max-body=BYTES] [max-loads=N]")
	}
	var t Token
	if err := checkName(f[0]); err != nil {
		return Token{}, err
	}
	t.Name = f[0]
	scope, err := ParseScope(f[1])
	if err != nil {
		return Token{}, err
	}
	t.Scope = scope
	h, ok := strings.CutPrefix(f[2], "sha256:")
	if !ok {
		return Token{}, fmt.Errorf("token %q: the hash must start with sha256: (the secret itself is never written down)", t.Name)
	}
	b, err := hex.DecodeString(h)
	if err != nil || len(b) != sha256.Size {
		return Token{}, fmt.Errorf("token %q: the hash is not 64 hexadecimal digits", t.Name)
	}
	copy(t.Hash[:], b)
	for _, opt := range f[3:] {
		k, v, _ := strings.Cut(opt, "=")
		switch k {
		case "max-body":
			n, err := ParseBytes(v)
			if err != nil {
				return Token{}, fmt.Errorf("token %q: max-body: %w", t.Name, err)
			}
			t.MaxBodyBytes = n
		case "max-loads":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return Token{}, fmt.Errorf("token %q: max-loads: want a number above 0, got %q", t.Name, v)
			}
			t.MaxLoads = n
		default:
			return Token{}, fmt.Errorf("token %q: unknown option %q (want max-body= or max-loads=)", t.Name, opt)
		}
	}
	return t, nil
}

// ParseBytes reads a size in bytes, with an optional suffix KiB, MiB or
// GiB. It returns an error for anything else, or a size below 1.
func ParseBytes(s string) (int64, error) {
	mult := int64(1)
	for suffix, m := range map[string]int64{"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30} {
		if v, ok := strings.CutSuffix(s, suffix); ok {
			s, mult = v, m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > (1<<62)/mult {
		return 0, fmt.Errorf("want a size in bytes (suffixes KiB, MiB, GiB), got %q", s)
	}
	return n * mult, nil
}

// FormatBytes writes n as ParseBytes reads it, with the largest suffix
// that divides it.
func FormatBytes(n int64) string {
	for _, u := range []struct {
		suffix string
		size   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// Set is the tokens a server accepts.
type Set struct {
	tokens []Token
}

// NewSet returns the set of tokens. It returns an error when two share a
// name or a hash (as Parse does, across sources).
func NewSet(tokens ...Token) (*Set, error) {
	names, hashes := map[string]bool{}, map[[sha256.Size]byte]bool{}
	for _, t := range tokens {
		if names[t.Name] {
			return nil, fmt.Errorf("token %q is declared twice", t.Name)
		}
		if hashes[t.Hash] {
			return nil, fmt.Errorf("token %q has the hash of another token", t.Name)
		}
		names[t.Name], hashes[t.Hash] = true, true
	}
	return &Set{tokens: append([]Token(nil), tokens...)}, nil
}

// Load reads the tokens of the file at path (none when path is empty) and
// those of env, the value of an environment variable in the same format,
// as one set. It returns an error when the file cannot be read or either
// source is malformed.
func Load(path, env, envName string) (*Set, error) {
	var all []Token
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("tokens: %w", err)
		}
		defer f.Close()
		ts, err := Parse(f, path)
		if err != nil {
			return nil, fmt.Errorf("tokens: %w", err)
		}
		all = append(all, ts...)
	}
	if env != "" {
		ts, err := Parse(strings.NewReader(env), envName)
		if err != nil {
			return nil, fmt.Errorf("tokens: %w", err)
		}
		all = append(all, ts...)
	}
	s, err := NewSet(all...)
	if err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	return s, nil
}

// Len returns the number of tokens in s; a nil Set has none.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.tokens)
}

// Authenticate returns the token whose secret is secret. It hashes secret
// and compares the hash with every token's, always all of them, in
// constant time. A nil Set knows no token.
func (s *Set) Authenticate(secret string) (Token, bool) {
	if s == nil || secret == "" {
		return Token{}, false
	}
	h := sha256.Sum256([]byte(secret))
	found := -1
	for i := range s.tokens {
		if subtle.ConstantTimeCompare(h[:], s.tokens[i].Hash[:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return Token{}, false
	}
	return s.tokens[found], true
}

type tokenKey struct{}

// WithToken returns ctx carrying the token of the request's caller.
func WithToken(ctx context.Context, t Token) context.Context {
	return context.WithValue(ctx, tokenKey{}, t)
}

// FromContext returns the token of the request's caller, and false for an
// anonymous caller.
func FromContext(ctx context.Context) (Token, bool) {
	t, ok := ctx.Value(tokenKey{}).(Token)
	return t, ok
}
