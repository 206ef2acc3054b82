package loader

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader/document"
)

// ManifestEntry is one line of a document manifest: a document file, named
// relative to the manifest's folder, and what is known of it from outside
// its text.
//
//	{"file": "Res-1412.htm", "url": "http://www.oas.org/juridico/english/ga-res96/Res-1412.htm", "language": "en"}
//	{"file": "santiago.txt", "symbol": "COSEGRE/doc.18/95 rev. 3", "date": "1995-11-10"}
//	{"file": "press-2003-10-22.txt", "id": "press-release-e-204-03", "kind": "Report", "title": "Draft declaration approved"}
type ManifestEntry struct {
	File string `json:"file"`
	document.Identity
}

// IsManifest reports whether path names a document manifest:
// "manifest.jsonl" or "NAME.manifest.jsonl".
func IsManifest(path string) bool {
	base := strings.ToLower(filepath.Base(path))
	return base == "manifest.jsonl" || strings.HasSuffix(base, ".manifest.jsonl")
}

// ReadManifest reads a document manifest (JSON Lines of ManifestEntry)
// from r; name is the manifest's path, used in errors and to place the
// files it names. It returns each file's identity by its cleaned path, and
// one *RecordError per bad line: bad JSON, an unknown field, a missing
// file, a symbol that does not parse, an invalid id, kind or date, a file
// listed twice.
func ReadManifest(r io.Reader, name string) (map[string]document.Identity, []error) {
	out := map[string]document.Identity{}
	var errs []error
	dir := filepath.Dir(name)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		pos := Pos{File: name, Line: line}
		var e ManifestEntry
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			re := jsonError(pos, err)
			if re.Field == "" && strings.HasPrefix(re.Msg, "want an object") {
				re.Msg = `want an object with a "file" and what is known of it`
			}
			errs = append(errs, re)
			continue
		}
		if err := checkEntry(e); err != nil {
			errs = append(errs, recordError(pos, "", err))
			continue
		}
		path := filepath.Clean(filepath.Join(dir, filepath.FromSlash(e.File)))
		if _, dup := out[path]; dup {
			errs = append(errs, &RecordError{Pos: pos, Field: "file", Msg: fmt.Sprintf("%s is listed twice", e.File)})
			continue
		}
		out[path] = e.Identity
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("read %s after line %d: %w", name, line, err))
	}
	return out, errs
}

// checkEntry checks the fields of one manifest entry.
func checkEntry(e ManifestEntry) error {
	bad := func(field, format string, args ...any) error {
		return &hemigraph.FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
	}
	switch {
	case strings.TrimSpace(e.File) == "":
		return bad("file", "required")
	case e.Symbol != "":
		if _, err := hemigraph.ParseSymbol(e.Symbol); err != nil {
			return bad("symbol", "%q is not a document symbol", e.Symbol)
		}
	}
	if e.ID != "" && !hemigraph.ValidID(e.ID) {
		return bad("id", "%q is not a valid id (lower-case letters, digits, '.', '-')", e.ID)
	}
	if e.Kind != "" && !e.Kind.Valid() {
		return bad("kind", "unknown kind %q", e.Kind)
	}
	if e.Date != "" {
		if _, _, err := hemigraph.ParseDate(e.Date); err != nil {
			return bad("date", "%q is not a date (YYYY, YYYY-MM, YYYY-MM-DD or start/end)", e.Date)
		}
	}
	switch e.Language {
	case "", "en", "es", "fr", "pt":
	default:
		return bad("language", "%q is not one of en, es, fr, pt", e.Language)
	}
	return nil
}
