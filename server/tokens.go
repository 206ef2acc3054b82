package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/hemigraph/hemigraph/server/auth"
)

// Error codes of bearer tokens and loads, besides those of the queries.
const (
	CodeUnauthenticated      = "UNAUTHENTICATED"        // no bearer token where one is needed, or one the server does not know (HTTP 401)
	CodeForbidden            = "FORBIDDEN"              // a token whose scope does not allow the request (HTTP 403)
	CodeTooManyLoads         = "TOO_MANY_LOADS"         // the token already runs as many loads as it may (HTTP 429)
	CodeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE" // a load body of a type or encoding no reader takes (HTTP 415)
	CodeLoadRefused          = "LOAD_REFUSED"           // a load with invalid records, refused whole: nothing was written (HTTP 422)
)

// realm names the server in WWW-Authenticate challenges.
const realm = `Bearer realm="hemigraph"`

// refusal is an answer to a request that its token does not allow.
type refusal struct {
	status    int
	code, msg string
	challenge string // the WWW-Authenticate header (RFC 6750)
}

func (f *refusal) write(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", f.challenge)
	writeError(w, f.status, f.code, f.msg)
}

// authorize reads the bearer token of r and checks that its scope allows
// need. A request without an Authorization header is anonymous: allowed
// when need is auth.ScopeNone, refused with 401 otherwise. A header that
// is not a bearer token the server knows is refused with 401 whatever is
// needed; a token whose scope is below need, with 403.
func authorize(tokens *auth.Set, r *http.Request, need auth.Scope) (auth.Token, bool, *refusal) {
	h := r.Header.Get("Authorization")
	if h == "" {
		if need == auth.ScopeNone {
			return auth.Token{}, false, nil
		}
		return auth.Token{}, false, &refusal{status: http.StatusUnauthorized, code: CodeUnauthenticated,
			msg:       fmt.Sprintf("this needs a bearer token of scope %s (Authorization: Bearer <secret>)", need),
			challenge: fmt.Sprintf(`%s, scope="%s"`, realm, need)}
	}
	scheme, secret, _ := strings.Cut(h, " ")
	tok, ok := auth.Token{}, false
	if strings.EqualFold(scheme, "Bearer") {
		tok, ok = tokens.Authenticate(strings.TrimSpace(secret))
	}
	if !ok {
		return auth.Token{}, false, &refusal{status: http.StatusUnauthorized, code: CodeUnauthenticated,
			msg:       "the Authorization header holds no bearer token this server knows",
			challenge: realm + `, error="invalid_token"`}
	}
	if !tok.Scope.Allows(need) {
		return tok, true, forbidden(tok, need)
	}
	return tok, true, nil
}

func forbidden(tok auth.Token, need auth.Scope) *refusal {
	return &refusal{status: http.StatusForbidden, code: CodeForbidden,
		msg:       fmt.Sprintf("token %q has scope %s; this needs %s", tok.Name, tok.Scope, need),
		challenge: fmt.Sprintf(`%s, error="insufficient_scope", scope="%s"`, realm, need)}
}

// requireToken checks the bearer token of each GraphQL request: any
// token must be one the server knows, and with cfg.RequireReadToken a
// query needs one. The token goes into the request's context
// (auth.FromContext) for scopeExtension, which refuses mutations to
// tokens without the write scope, and for resolvers that record who
// wrote.
func requireToken(cfg Config, log *slog.Logger, next http.Handler) http.Handler {
	need := auth.ScopeNone
	if cfg.RequireReadToken {
		need = auth.ScopeRead
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, ok, ref := authorize(cfg.Tokens, r, need)
		if ref != nil {
			log.Info("request refused", "request_id", RequestID(r.Context()), "status", ref.status, "token", tok.Name, "remote", r.RemoteAddr)
			ref.write(w)
			return
		}
		ctx := r.Context()
		if ok {
			ctx = auth.WithToken(ctx, tok)
		}
		hw := &hintWriter{ResponseWriter: w}
		ctx = context.WithValue(ctx, hintKey{}, hw)
		next.ServeHTTP(hw, r.WithContext(ctx))
	})
}

type hintKey struct{}

// hintWriter gives gqlgen's answer the status and challenge of a refusal
// that scopeExtension made: gqlgen itself only knows 200 and 422.
type hintWriter struct {
	http.ResponseWriter
	refusal *refusal
	wrote   bool
}

func (w *hintWriter) WriteHeader(status int) {
	if w.wrote {
		return
	}
	w.wrote = true
	if w.refusal != nil {
		w.Header().Set("WWW-Authenticate", w.refusal.challenge)
		status = w.refusal.status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *hintWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *hintWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// scopeExtension refuses a mutation, once the operation is validated and
// before it runs, unless the request's token has the write scope: 401 and
// UNAUTHENTICATED without a token, 403 and FORBIDDEN with a read token.
type scopeExtension struct{}

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = scopeExtension{}

// ExtensionName implements graphql.HandlerExtension.
func (scopeExtension) ExtensionName() string { return "Scope" }

// Validate implements graphql.HandlerExtension.
func (scopeExtension) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (scopeExtension) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil || rc.Operation.Operation == ast.Query {
		return nil
	}
	need := auth.ScopeWrite
	tok, ok := auth.FromContext(ctx)
	var ref *refusal
	switch {
	case !ok:
		ref = &refusal{status: http.StatusUnauthorized, code: CodeUnauthenticated,
			msg:       fmt.Sprintf("a %s needs a bearer token of scope %s (Authorization: Bearer <secret>)", rc.Operation.Operation, need),
			challenge: fmt.Sprintf(`%s, scope="%s"`, realm, need)}
	case !tok.Scope.Allows(need):
		ref = forbidden(tok, need)
	default:
		return nil
	}
	if hw, ok := ctx.Value(hintKey{}).(*hintWriter); ok {
		hw.refusal = ref
	}
	err := gqlerror.Errorf("%s", ref.msg)
	errcode.Set(err, ref.code)
	return err
}

// requestIDOf returns the id of request r: its X-Request-Id when it sent
// one of at most 64 characters, else a new random one.
func requestIDOf(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); id != "" && len(id) <= 64 {
		return id
	}
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
