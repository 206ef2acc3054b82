package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hemigraph/hemigraph/loader/document"
)

// ReadPaths reads every input named by paths, as ReadPathsWith with no
// options.
func ReadPaths(paths []string) (*Batch, []error, error) {
	return ReadPathsWith(paths, ReadOptions{})
}

// ReadOptions are what reading needs beyond the paths.
type ReadOptions struct {
	// Identity is what is known of the one document among the paths (the
	// -symbol, -id, ... flags); it is refused when the paths hold several
	// documents.
	Identity document.Identity
}

// ReadPathsWith reads every input named by paths — files, or folders
// walked recursively in name order — choosing the reader by extension:
// .jsonl and .ndjson for the JSON Lines bulk format, .csv for CSV nodes or
// edges files, .txt, .htm and .html for documents (package document). A
// document's identity comes from opts, then from the manifest of its folder
// (manifest.jsonl or NAME.manifest.jsonl, see ManifestEntry), then from its
// own text and name. It returns the records read, one error per bad record
// (manifest lines included), and a non-nil error only when a path cannot be
// read at all, has an extension no reader takes, or opts names one
// document among several.
func ReadPathsWith(paths []string, opts ReadOptions) (*Batch, []error, error) {
	files, err := expand(paths)
	if err != nil {
		return nil, nil, err
	}
	var docs []string
	for _, f := range files {
		if IsDocument(f) {
			docs = append(docs, f)
		}
	}
	if opts.Identity != (document.Identity{}) && len(docs) != 1 {
		return nil, nil, fmt.Errorf("the document's identity (symbol, id, url, ...) names one document, and the paths hold %d", len(docs))
	}
	man := &manifests{byDir: map[string]map[string]document.Identity{}}
	all := &Batch{}
	var recErrs []error
	for _, f := range files {
		if IsManifest(f) {
			continue // read with the documents of its folder
		}
		var b *Batch
		var errs []error
		if IsDocument(f) {
			ident, merrs, err := man.identity(f)
			if err != nil {
				return nil, nil, err
			}
			recErrs = append(recErrs, merrs...)
			if opts.Identity != (document.Identity{}) {
				ident = merge(ident, opts.Identity)
			}
			b, errs, err = readDocumentFile(f, ident)
			if err != nil {
				return nil, nil, err
			}
		} else {
			b, errs, err = readFile(f)
			if err != nil {
				return nil, nil, err
			}
		}
		all.Append(b)
		recErrs = append(recErrs, errs...)
	}
	recErrs = append(recErrs, man.unused()...)
	return all, recErrs, nil
}

// merge returns base with the fields over sets.
func merge(base, over document.Identity) document.Identity {
	for _, f := range []struct{ dst, src *string }{
		{&base.Symbol, &over.Symbol}, {&base.ID, &over.ID}, {&base.Title, &over.Title},
		{&base.Date, &over.Date}, {&base.Language, &over.Language}, {&base.URL, &over.URL},
	} {
		if *f.src != "" {
			*f.dst = *f.src
		}
	}
	if over.Kind != "" {
		base.Kind = over.Kind
	}
	return base
}

// manifests reads the manifests of the folders documents are read from,
// once each, and remembers which entries named a file that was read.
type manifests struct {
	byDir map[string]map[string]document.Identity
	pos   map[string]Pos // entry path -> where it was read
	used  map[string]bool
}

// identity returns the identity the manifests of path's folder give it.
func (m *manifests) identity(path string) (document.Identity, []error, error) {
	dir := filepath.Dir(path)
	var errs []error
	entries, ok := m.byDir[dir]
	if !ok {
		entries = map[string]document.Identity{}
		names, err := filepath.Glob(filepath.Join(dir, "*manifest.jsonl"))
		if err != nil {
			return document.Identity{}, nil, err
		}
		for _, name := range names {
			if !IsManifest(name) {
				continue
			}
			data, err := os.ReadFile(name)
			if err != nil {
				return document.Identity{}, nil, fmt.Errorf("read manifest: %w", err)
			}
			got, merrs := ReadManifest(bytes.NewReader(data), name)
			errs = append(errs, merrs...)
			for p, id := range got {
				entries[p] = id
				if m.pos == nil {
					m.pos, m.used = map[string]Pos{}, map[string]bool{}
				}
				m.pos[p] = Pos{File: name, Line: manifestLine(data, p, dir)}
			}
		}
		m.byDir[dir] = entries
	}
	clean := filepath.Clean(path)
	if m.used != nil {
		m.used[clean] = true
	}
	return entries[clean], errs, nil
}

// manifestLine finds the line of the manifest entry for path, for error
// positions.
func manifestLine(data []byte, path, dir string) int {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return 1
	}
	needle := []byte(`"` + filepath.ToSlash(rel) + `"`)
	for i, l := range bytes.Split(data, []byte("\n")) {
		if bytes.Contains(l, needle) {
			return i + 1
		}
	}
	return 1
}

// unused reports manifest entries whose file was not among the documents
// read from their folder and does not exist.
func (m *manifests) unused() []error {
	var errs []error
	for p, pos := range m.pos {
		if m.used[p] {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			errs = append(errs, &RecordError{Pos: pos, Field: "file", Msg: fmt.Sprintf("no such file: %s", p)})
		}
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errs
}

// IsDocument reports whether path is read as a document: .txt, .htm or
// .html.
func IsDocument(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".htm", ".html":
		return true
	}
	return false
}

// readers maps a file extension to the reader of that kind of file. A
// reader returns the records read and one error per bad record; an error
// reading the file itself fails the load.
var readers = map[string]func(r io.Reader, name string) (*Batch, []error){
	".jsonl":  ReadJSONL,
	".ndjson": ReadJSONL,
	".csv":    ReadCSV,
	".txt":    readDocument,
	".htm":    readDocument,
	".html":   readDocument,
}

// readDocumentFile reads the document at path with what ident says of it.
func readDocumentFile(path string, ident document.Identity) (*Batch, []error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var rerr error
	b, errs := readDocumentAs(&errReader{r: f, err: &rerr}, path, ident)
	if rerr != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, rerr)
	}
	return b, errs, nil
}

func readFile(path string) (*Batch, []error, error) {
	read, ok := readers[strings.ToLower(filepath.Ext(path))]
	if !ok {
		exts := make([]string, 0, len(readers))
		for e := range readers {
			exts = append(exts, e)
		}
		slices.Sort(exts)
		return nil, nil, fmt.Errorf("%s: no reader for this kind of file (want one of %s)", path, strings.Join(exts, ", "))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var rerr error
	b, errs := read(&errReader{r: f, err: &rerr}, path)
	if rerr != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, rerr)
	}
	return b, errs, nil
}

// errReader remembers the error of its reader, so that a failure to read a
// file is told apart from a bad record in it.
type errReader struct {
	r   io.Reader
	err *error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		*e.err = err
	}
	return n, err
}

// readDocument reads one document; a document that cannot be read is a
// record error (it names the file and line), not a failure of the load.
func readDocument(r io.Reader, name string) (*Batch, []error) {
	return readDocumentAs(r, name, document.Identity{})
}

func readDocumentAs(r io.Reader, name string, ident document.Identity) (*Batch, []error) {
	doc, err := document.ReadAs(r, name, ident)
	var de *document.Error
	if errors.As(err, &de) {
		return &Batch{}, []error{&RecordError{Pos: Pos{de.Source, de.Line}, Msg: de.Reason}}
	}
	if err != nil {
		return &Batch{}, []error{err}
	}
	return &Batch{Docs: []*document.Document{doc}}, nil
}

// expand lists the files named by paths, walking folders and skipping files
// in them that no reader takes (and hidden ones).
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && path != p {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if _, ok := readers[strings.ToLower(filepath.Ext(path))]; ok && !d.IsDir() {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", p, err)
		}
	}
	return out, nil
}
