package server

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/loader/document"
	"github.com/hemigraph/hemigraph/server/auth"
)

// Loader runs loads for POST /load: the same validation, policy and
// writer as `hemigraph load`. by names the token that loads; skipInvalid
// chooses loader.SkipInvalid over loader.RefuseAll. It returns what
// loader.Loader.LoadInputs returns.
type Loader interface {
	LoadInputs(ctx context.Context, by string, inputs []loader.Input, skipInvalid bool) (loader.Summary, []error, error)
}

// Defaults of the load settings of Config.
const (
	DefaultMaxLoadBytes = 1 << 30
	DefaultMaxLoads     = 2
	DefaultLoadTimeout  = 30 * time.Minute
)

// loadMedia maps the media types of load bodies to the format each is
// read as, and the name of a body sent without a name parameter.
var loadMedia = map[string]struct{ format, name string }{
	"application/x-ndjson":    {loader.FormatJSONL, "body.jsonl"},
	"application/jsonl":       {loader.FormatJSONL, "body.jsonl"},
	"application/x-jsonlines": {loader.FormatJSONL, "body.jsonl"},
	"text/csv":                {loader.FormatCSV, "body.csv"},
	"text/plain":              {loader.FormatDocument, "body.txt"},
	"text/html":               {loader.FormatDocument, "body.html"},
	"application/xhtml+xml":   {loader.FormatDocument, "body.html"},
}

// identityParams are the query parameters (or, without them, the
// Document-* headers) of a document's identity: those of the load
// command's flags.
var identityParams = []struct {
	param, header string
	field         func(*document.Identity) *string
}{
	{"symbol", "Document-Symbol", func(id *document.Identity) *string { return &id.Symbol }},
	{"id", "Document-Id", func(id *document.Identity) *string { return &id.ID }},
	{"url", "Document-Url", func(id *document.Identity) *string { return &id.URL }},
	{"title", "Document-Title", func(id *document.Identity) *string { return &id.Title }},
	{"date", "Document-Date", func(id *document.Identity) *string { return &id.Date }},
	{"lang", "Document-Lang", func(id *document.Identity) *string { return &id.Language }},
}

// loadAnswer is the JSON answer of POST /load.
type loadAnswer struct {
	// Input is what the server received: compare its sha256 with the
	// file's.
	Input *inputAnswer `json:"input,omitempty"`
	// Summary is what the load did (what it did before failing, when it
	// failed while writing).
	Summary *loader.Summary `json:"summary,omitempty"`
	// RecordErrors are the invalid records, one "source:line: field
	// \"f\": reason" each, as `hemigraph load` prints them.
	RecordErrors []string `json:"recordErrors"`
	// Errors is why the load was refused or failed, as GraphQL errors with
	// a code; absent when it succeeded.
	Errors gqlerror.List `json:"errors,omitempty"`
}

type inputAnswer struct {
	Name   string `json:"name"`
	Format string `json:"format"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// loadHandler serves POST /load: it authorizes the token (scope write),
// spools the body to a temporary file while hashing it, within the
// token's size limit and its number of loads at once, and loads the file
// through cfg.Loader.
type loadHandler struct {
	cfg Config
	log *slog.Logger

	mu      sync.Mutex
	running map[string]int // loads running, by token name
}

func newLoadHandler(cfg Config, log *slog.Logger) *loadHandler {
	return &loadHandler{cfg: cfg, log: log, running: map[string]int{}}
}

// acquire takes one of tok's load slots, returning its release, or false
// when they are all taken.
func (h *loadHandler) acquire(tok auth.Token) (func(), bool) {
	limit := tok.MaxLoads
	if limit <= 0 {
		limit = h.cfg.MaxLoads
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.running[tok.Name] >= limit {
		return nil, false
	}
	h.running[tok.Name]++
	return func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.running[tok.Name]--; h.running[tok.Name] == 0 {
			delete(h.running, tok.Name)
		}
	}, true
}

func (h *loadHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := requestIDOf(r)
	w.Header().Set("X-Request-Id", id)
	ctx := context.WithValue(r.Context(), requestIDKey{}, id)
	log := h.log.With("request_id", id)
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "a load is sent with POST")
		return
	}
	tok, _, ref := authorize(h.cfg.Tokens, r, auth.ScopeWrite)
	if ref != nil {
		log.Info("load refused", "status", ref.status, "token", tok.Name, "remote", r.RemoteAddr)
		ref.write(w)
		return
	}
	log = log.With("token", tok.Name)
	in, skip, status, code, msg := loadRequest(r)
	if status != 0 {
		writeError(w, status, code, msg)
		return
	}
	limit := tok.MaxBodyBytes
	if limit <= 0 {
		limit = h.cfg.MaxLoadBytes
	}
	if r.ContentLength > limit {
		log.Info("load too large", "bytes", r.ContentLength, "limit", limit)
		writeError(w, http.StatusRequestEntityTooLarge, CodeRequestTooLarge,
			"the load is larger than the limit of "+byteCount(limit)+" for token "+strconv.Quote(tok.Name))
		return
	}
	release, ok := h.acquire(tok)
	if !ok {
		log.Info("too many loads")
		w.Header().Set("Retry-After", "10")
		writeError(w, http.StatusTooManyRequests, CodeTooManyLoads,
			fmt.Sprintf("token %q already runs as many loads as it may; retry when one ends", tok.Name))
		return
	}
	defer release()

	// The upload and the load share the load's time bound.
	ctx, cancel := context.WithTimeout(ctx, h.cfg.LoadTimeout)
	defer cancel()
	http.NewResponseController(w).SetReadDeadline(time.Now().Add(h.cfg.LoadTimeout))

	path, err := h.spool(w, r, &in, limit)
	if path != "" {
		defer os.Remove(path)
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		log.Info("load too large", "limit", limit)
		writeError(w, http.StatusRequestEntityTooLarge, CodeRequestTooLarge,
			"the load is larger than the limit of "+byteCount(limit)+" for token "+strconv.Quote(tok.Name))
		return
	case errors.Is(err, errSpool):
		log.Error("load failed", "err", err)
		writeLoadAnswer(w, http.StatusInternalServerError, loadAnswer{Errors: internalErrors(id)})
		return
	case err != nil:
		log.Info("load body unread", "err", err)
		writeError(w, http.StatusBadRequest, CodeBadRequest, "the body could not be read: "+err.Error())
		return
	}
	in.Open = func() (io.ReadCloser, error) { return os.Open(path) }

	sum, recErrs, err := h.cfg.Loader.LoadInputs(ctx, tok.Name, []loader.Input{in}, skip)
	ans := loadAnswer{
		Input:        &inputAnswer{Name: in.Name, Format: in.Format, Bytes: in.Size, SHA256: in.SHA256},
		Summary:      &sum,
		RecordErrors: make([]string, len(recErrs)),
	}
	for i, e := range recErrs {
		ans.RecordErrors[i] = e.Error()
	}
	status = http.StatusOK
	switch {
	case err == nil:
	case errors.Is(err, loader.ErrRefused):
		status = http.StatusUnprocessableEntity
		ans.Errors = gqlerror.List{{Message: fmt.Sprintf("load refused: %d invalid record(s); nothing was written (send skipInvalid=true to load the valid ones)", len(recErrs)),
			Extensions: map[string]any{"code": CodeLoadRefused}}}
	case errors.Is(err, context.DeadlineExceeded):
		log.Warn("load timed out", "err", err)
		status = http.StatusGatewayTimeout
		ans.Errors = gqlerror.List{{Message: "the load took longer than " + h.cfg.LoadTimeout.String() + "; what was written stays, and loading the same body again completes it",
			Extensions: map[string]any{"code": CodeTimeout, "requestId": id}}}
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// The client went away: the batches written stay, as after a
		// failure; nobody reads the answer.
		log.Warn("load canceled by the client", "err", err)
		status = http.StatusBadRequest
		ans.Errors = gqlerror.List{{Message: "request canceled", Extensions: map[string]any{"code": CodeBadRequest, "requestId": id}}}
	default:
		log.Error("load failed", "err", err)
		status = http.StatusInternalServerError
		ans.Errors = internalErrors(id)
	}
	log.Info("load", "status", status, "name", in.Name, "format", in.Format, "bytes", in.Size,
		"nodes_created", sum.Nodes.Created, "nodes_updated", sum.Nodes.Updated,
		"edges_created", sum.Edges.Created, "edges_updated", sum.Edges.Updated,
		"invalid", sum.Invalid, "took", time.Since(start).Round(time.Millisecond))
	writeLoadAnswer(w, status, ans)
}

func internalErrors(id string) gqlerror.List {
	return gqlerror.List{{Message: internalMessage, Extensions: map[string]any{"code": CodeInternal, "requestId": id}}}
}

// errSpool marks a failure of the server's own disk while spooling.
var errSpool = errors.New("spool the load")

// spool copies the body of r, uncompressed, to a new temporary file, at
// most limit bytes, hashing it on the way; it sets in's Size and SHA256.
// It returns the file's path (to remove) and an *http.MaxBytesError above
// the limit, an error wrapping errSpool when the file cannot be written,
// or the error reading the body.
func (h *loadHandler) spool(w http.ResponseWriter, r *http.Request, in *loader.Input, limit int64) (string, error) {
	f, err := os.CreateTemp(h.cfg.SpoolDir, "hemigraph-load-*")
	if err != nil {
		return "", fmt.Errorf("%w: %w", errSpool, err)
	}
	path := f.Name()
	var body io.Reader = http.MaxBytesReader(w, r.Body, limit)
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(body)
		if err != nil {
			f.Close()
			return path, err
		}
		// The limit bounds what is loaded, after decompression, too.
		body = &maxReader{r: zr, n: limit}
	}
	hash := sha256.New()
	fw := &errWriter{w: f}
	n, err := io.Copy(io.MultiWriter(fw, hash), body)
	if cerr := f.Close(); fw.err == nil && cerr != nil {
		fw.err = cerr
	}
	if fw.err != nil {
		return path, fmt.Errorf("%w: %w", errSpool, fw.err)
	}
	if err != nil {
		return path, err
	}
	in.Size, in.SHA256 = n, hex.EncodeToString(hash.Sum(nil))
	return path, nil
}

// maxReader fails with an *http.MaxBytesError past n bytes.
type maxReader struct {
	r    io.Reader
	n, m int64
}

func (m *maxReader) Read(p []byte) (int, error) {
	k, err := m.r.Read(p)
	m.m += int64(k)
	if m.m > m.n {
		return k, &http.MaxBytesError{Limit: m.n}
	}
	return k, err
}

// errWriter remembers the error of its writer, so that a full disk is
// told apart from a body that could not be read.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

// loadRequest reads what a load request says of its body: its format (by
// Content-Type), its name (the name parameter, else one made from the
// media type), a document's identity and the policy (skipInvalid). A
// request it refuses gets a status, a code and a message.
func loadRequest(r *http.Request) (in loader.Input, skip bool, status int, code, msg string) {
	q := r.URL.Query()
	bad := func(format string, args ...any) (loader.Input, bool, int, string, string) {
		return loader.Input{}, false, http.StatusBadRequest, CodeBadUserInput, fmt.Sprintf(format, args...)
	}
	unsupported := func(msg string) (loader.Input, bool, int, string, string) {
		return loader.Input{}, false, http.StatusUnsupportedMediaType, CodeUnsupportedMediaType, msg
	}
	media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	m, known := loadMedia[media]
	if err != nil || !known {
		return unsupported(fmt.Sprintf("Content-Type %q: send application/x-ndjson (JSON Lines), text/csv, or a document as text/plain or text/html",
			r.Header.Get("Content-Type")))
	}
	if enc := r.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "gzip") && !strings.EqualFold(enc, "identity") {
		return unsupported(fmt.Sprintf("Content-Encoding %q: send the body as is, or gzip", enc))
	}
	in.Format, in.Name = m.format, q.Get("name")
	if in.Name == "" {
		in.Name = m.name
	}
	if len(in.Name) > 256 || strings.IndexFunc(in.Name, unicode.IsControl) >= 0 {
		return bad("name: at most 256 characters, none of them control characters")
	}
	if s := q.Get("skipInvalid"); s != "" {
		if skip, err = strconv.ParseBool(s); err != nil {
			return bad("skipInvalid: want true or false, got %q", s)
		}
	}
	value := func(param, header string) string {
		if v := q.Get(param); v != "" {
			return v
		}
		return r.Header.Get(header)
	}
	for _, p := range identityParams {
		*p.field(&in.Identity) = value(p.param, p.header)
	}
	if k := value("kind", "Document-Kind"); k != "" {
		in.Identity.Kind = hemigraph.Kind(k)
		if !in.Identity.Kind.Valid() {
			return bad("kind: unknown kind %q (want Resolution, Declaration, Convention, Report or PlanOfAction)", k)
		}
	}
	if in.Identity != (document.Identity{}) && in.Format != loader.FormatDocument {
		return bad("symbol, id, url, kind, title, date and lang describe a document (text/plain or text/html), and the body is %s", media)
	}
	return in, skip, 0, "", ""
}

func writeLoadAnswer(w http.ResponseWriter, status int, a loadAnswer) {
	if a.RecordErrors == nil {
		a.RecordErrors = []string{}
	}
	b, err := json.Marshal(a)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"recordErrors":[],"errors":[{"message":"`+internalMessage+`","extensions":{"code":"`+CodeInternal+`"}}]}`)
	}
	w.Header().Set("Content-Type", mediaJSON)
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
