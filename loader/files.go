package loader

import (
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

// ReadPaths reads every input named by paths — files, or folders walked
// recursively in name order — choosing the reader by extension: .jsonl and
// .ndjson for the JSON Lines bulk format, .csv for CSV nodes or edges
// files, .txt, .htm and .html for documents (package document). It returns the records read,
// one error per bad record, and a non-nil error only when a path cannot be
// read at all or has an extension no reader takes.
func ReadPaths(paths []string) (*Batch, []error, error) {
	files, err := expand(paths)
	if err != nil {
		return nil, nil, err
	}
	all := &Batch{}
	var recErrs []error
	for _, f := range files {
		b, errs, err := readFile(f)
		if err != nil {
			return nil, nil, err
		}
		all.Append(b)
		recErrs = append(recErrs, errs...)
	}
	return all, recErrs, nil
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
	doc, err := document.Read(r, name)
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
