package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hemigraph/hemigraph/loader/document"
)

// Formats of an Input.
const (
	FormatJSONL    = "jsonl"    // the JSON Lines bulk format (ReadJSONL)
	FormatCSV      = "csv"      // a CSV nodes or edges file (ReadCSV)
	FormatDocument = "document" // a resolution text or web page (package document)
)

// Input is one input of a load: what it is called, its format, and how to
// read it — more than once, since a load validates everything before it
// writes anything and does not hold its inputs in memory. Size and SHA256
// describe it in the load's record; OpenFile fills them.
type Input struct {
	Name     string // a file's path, or a name the sender gave
	Format   string // FormatJSONL, FormatCSV or FormatDocument
	Open     func() (io.ReadCloser, error)
	Identity document.Identity // what is known of a document's identity
	Size     int64
	SHA256   string // hex
}

// FormatOf returns the format of a file name by its extension, or "".
func FormatOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".csv":
		return FormatCSV
	case ".txt", ".htm", ".html":
		return FormatDocument
	}
	return ""
}

// OpenFile describes the file at path as an Input, hashing it once. It
// returns an error when the file cannot be read or has no known format.
func OpenFile(path string) (Input, error) {
	format := FormatOf(path)
	if format == "" {
		return Input{}, fmt.Errorf("%s: no reader for this kind of file (want .jsonl, .ndjson, .csv, .txt, .htm or .html)", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return Input{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return Input{}, fmt.Errorf("read %s: %w", path, err)
	}
	return Input{
		Name: path, Format: format, Size: n, SHA256: hex.EncodeToString(h.Sum(nil)),
		Open: func() (io.ReadCloser, error) { return os.Open(path) },
	}, nil
}

// read reads the whole input into a batch.
func (in Input) read() (*Batch, []error, error) {
	rc, err := in.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", in.Name, err)
	}
	defer rc.Close()
	var rerr error
	r := &errReader{r: rc, err: &rerr}
	var b *Batch
	var errs []error
	switch in.Format {
	case FormatJSONL:
		b, errs = ReadJSONL(r, in.Name)
	case FormatCSV:
		b, errs = ReadCSV(r, in.Name)
	case FormatDocument:
		b, errs = readDocumentAs(r, in.Name, in.Identity)
	default:
		return nil, nil, fmt.Errorf("%s: unknown format %q", in.Name, in.Format)
	}
	if rerr != nil {
		return nil, nil, fmt.Errorf("read %s: %w", in.Name, rerr)
	}
	return b, errs, nil
}

// DescribePaths describes the files that paths name (folders walked as
// ReadPaths walks them), each hashed, for a load's record.
func DescribePaths(paths []string) ([]Input, error) {
	files, err := expand(paths)
	if err != nil {
		return nil, err
	}
	out := make([]Input, 0, len(files))
	for _, f := range files {
		in, err := OpenFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// OpenPaths prepares a load of the files paths name (folders walked as
// ReadPaths walks them): the bulk files as inputs to stream, each hashed;
// the documents read now, with their manifests and opts, into docs, with
// their record errors; and every file described for the load's record.
// It returns an error when a path cannot be read or opts names one
// document among several.
func OpenPaths(paths []string, opts ReadOptions) (bulk []Input, docs *Batch, readErrs []error, described []Input, err error) {
	files, err := expand(paths)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	var docPaths []string
	for _, f := range files {
		in, err := OpenFile(f)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		switch {
		case IsDocument(f) || IsManifest(f):
			docPaths = append(docPaths, f)
			described = append(described, in)
		default:
			bulk = append(bulk, in)
		}
	}
	docs = &Batch{}
	if len(docPaths) > 0 {
		if docs, readErrs, err = ReadPathsWith(docPaths, opts); err != nil {
			return nil, nil, nil, nil, err
		}
	} else if opts.Identity != (document.Identity{}) {
		return nil, nil, nil, nil, fmt.Errorf("the document's identity (symbol, id, url, ...) names one document, and the paths hold none")
	}
	return bulk, docs, readErrs, described, nil
}
