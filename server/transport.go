package server

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// getTransport serves GraphQL over HTTP GET (the query, operationName,
// variables and extensions in the URL), for queries only: a GET request
// must be safe to repeat and to cache, so a mutation or subscription is
// refused with 405 Method Not Allowed, and an "Allow: POST" header, before
// anything runs, whether or not the schema has such operations. Persisted
// queries work over GET too: after the first request, the URL need only
// carry the query's hash.
type getTransport struct{}

var _ graphql.Transport = getTransport{}

// Supports implements graphql.Transport.
func (getTransport) Supports(r *http.Request) bool {
	return r.Method == http.MethodGet && r.Header.Get("Upgrade") == ""
}

// Do implements graphql.Transport.
func (getTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	contentType := responseType(r)
	w.Header().Set("Content-Type", contentType)
	q := r.URL.Query()
	raw := &graphql.RawParams{
		Query:         q.Get("query"),
		OperationName: q.Get("operationName"),
		Headers:       r.Header,
		ReadTime:      graphql.TraceTiming{Start: graphql.Now()},
	}
	for name, dst := range map[string]any{"variables": &raw.Variables, "extensions": &raw.Extensions} {
		if v := q.Get(name); v != "" {
			dec := json.NewDecoder(strings.NewReader(v))
			dec.UseNumber()
			if err := dec.Decode(dst); err != nil {
				writeError(w, http.StatusBadRequest, CodeBadRequest, name+" is not a JSON object")
				return
			}
		}
	}
	raw.ReadTime.End = graphql.Now()

	rc, errs := exec.CreateOperationContext(ctx, raw)
	if op := operationType(rc, raw.OperationName); op != "" && op != ast.Query {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "GET runs queries only: send a "+string(op)+" with POST")
		return
	}
	execute(w, r, exec, rc, errs, contentType)
}

// postTransport serves GraphQL over HTTP POST with a JSON body (query,
// operationName, variables, extensions), queries and mutations alike. It
// stands in for gqlgen's own POST transport, whose answer went through
// encoding/json once more: that validated and compacted the data gqlgen
// had just written, a tenth of the server's CPU on a list-heavy answer.
type postTransport struct{}

var _ graphql.Transport = postTransport{}

// Supports implements graphql.Transport.
func (postTransport) Supports(r *http.Request) bool {
	if r.Method != http.MethodPost || r.Header.Get("Upgrade") != "" {
		return false
	}
	media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && media == mediaJSON
}

// Do implements graphql.Transport.
func (postTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	contentType := responseType(r)
	w.Header().Set("Content-Type", contentType)
	raw := &graphql.RawParams{Headers: r.Header, ReadTime: graphql.TraceTiming{Start: graphql.Now()}}
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	if err := dec.Decode(raw); err != nil {
		writeError(w, http.StatusBadRequest, CodeBadRequest,
			"the request body is not a JSON object of query, operationName, variables and extensions: "+err.Error())
		return
	}
	raw.ReadTime.End = graphql.Now()
	rc, errs := exec.CreateOperationContext(r.Context(), raw)
	execute(w, r, exec, rc, errs, contentType)
}

// execute answers a request whose operation context gqlgen has made: the
// errors that refused it, or the operation's result.
func execute(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor, rc *graphql.OperationContext, errs gqlerror.List, contentType string) {
	ctx := r.Context()
	if errs != nil {
		w.WriteHeader(statusFor(errs, contentType))
		writeJSON(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeJSON(w, responses(ctx))
}

// operationType returns the type of the operation a request asks to run,
// even when the document failed validation (a mutation against a schema
// without mutations does): "" when it cannot be told.
func operationType(rc *graphql.OperationContext, name string) ast.Operation {
	if rc == nil {
		return ""
	}
	if rc.Operation != nil {
		return rc.Operation.Operation
	}
	if rc.RawQuery == "" {
		return ""
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: rc.RawQuery})
	if err != nil {
		return ""
	}
	if op := operation(doc, name); op != nil {
		return op.Operation
	}
	return ""
}

// Response media types.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// responseType chooses the response's media type from the Accept header:
// application/graphql-response+json when asked for, else application/json.
func responseType(r *http.Request) string {
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		media, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch strings.TrimSpace(media) {
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		case mediaJSON:
			return mediaJSON
		}
	}
	return mediaJSON
}

// statusFor is the status of a request refused before execution, as the
// GraphQL-over-HTTP specification and gqlgen's POST transport give it:
// errors of the request itself (parse, validation, limits) are 422 with
// application/json and 400 with application/graphql-response+json.
func statusFor(errs gqlerror.List, contentType string) int {
	if errcode.GetErrorKind(errs) != errcode.KindProtocol {
		return http.StatusOK
	}
	if contentType == mediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}

// writeJSON writes resp as the JSON object encoding/json would write for
// it, keys in the same order, except that its data, which gqlgen wrote as
// compact JSON, is written as it is rather than validated and compacted a
// second time, or copied: what comes before the data and after it is
// encoded first, so that a member that fails to encode answers an internal
// error rather than half an answer. A nil resp is the JSON null, written
// at once, as gqlgen answers a request whose deadline passed before it
// began (see timeoutWriter).
func writeJSON(w http.ResponseWriter, resp *graphql.Response) {
	head, tail, err := responseParts(resp)
	if err != nil {
		w.Write([]byte(`{"errors":[{"message":"` + internalMessage + `","extensions":{"code":"` + CodeInternal + `"}}]}`))
		return
	}
	w.Write(head)
	if resp != nil && len(resp.Data) > 0 {
		w.Write(resp.Data)
	}
	if len(tail) > 0 {
		w.Write(tail)
	}
}

// responseParts returns resp's JSON before its data (head) and after it
// (tail): resp's JSON is head, resp.Data when it is not empty, and tail.
func responseParts(resp *graphql.Response) (head, tail []byte, err error) {
	if resp == nil {
		return []byte("null"), nil, nil
	}
	member := func(b []byte, name string, v any) ([]byte, error) {
		x, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("encode the response's %s: %w", name, err)
		}
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, `":`...)
		return append(b, x...), nil
	}
	head = append(head, '{')
	if len(resp.Errors) > 0 {
		if head, err = member(head, "errors", resp.Errors); err != nil {
			return nil, nil, err
		}
		head = append(head, ',')
	}
	head = append(head, `"data":`...)
	if len(resp.Data) == 0 {
		head = append(head, "null"...)
	}
	for _, f := range []struct {
		name string
		set  bool
		v    any
	}{
		{"label", resp.Label != "", resp.Label},
		{"path", len(resp.Path) > 0, resp.Path},
		{"hasNext", resp.HasNext != nil, resp.HasNext},
		{"extensions", len(resp.Extensions) > 0, resp.Extensions},
	} {
		if f.set {
			if tail, err = member(append(tail, ','), f.name, f.v); err != nil {
				return nil, nil, err
			}
		}
	}
	return head, append(tail, '}'), nil
}

// writeError answers a request refused before it reached gqlgen with a
// GraphQL error response carrying code.
func writeError(w http.ResponseWriter, status int, code, message string) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", mediaJSON)
	}
	w.WriteHeader(status)
	writeJSON(w, &graphql.Response{Errors: gqlerror.List{{Message: message, Extensions: map[string]any{"code": code}}}})
}
