// Package static serves the embedded files of the browser pages (GraphiQL,
// the explorer): content type, a content hash as ETag and cache-busting
// ?v=, long caching for a hashed URL, and gzip when it is smaller.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Cache-Control values: a URL with the file's hash (?v=) never changes; any
// other is revalidated by its ETag.
const (
	CacheImmutable  = "public, max-age=31536000, immutable"
	CacheRevalidate = "no-cache"
)

// File is one file to serve. Make it with New.
type File struct {
	ContentType string
	Data        []byte
	Hash        string // hex, shortened: the ETag and the cache-busting ?v=

	level  int // gzip level
	gzOnce sync.Once
	gz     []byte // gzip of Data, made on the first request that accepts it; nil if not smaller
}

// New returns the file of data, served as contentType and compressed at
// the gzip level when a request accepts it.
func New(contentType string, data []byte, level int) *File {
	sum := sha256.Sum256(data)
	return &File{ContentType: contentType, Data: data, Hash: hex.EncodeToString(sum[:8]), level: level}
}

// Serve writes f as the answer to r: its type and caching headers, its
// ETag, gzip-compressed when r accepts it and that is smaller, and ranges
// and conditional requests as http.ServeContent answers them.
func (f *File) Serve(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Type", f.ContentType)
	if r.URL.Query().Get("v") == f.Hash {
		hdr.Set("Cache-Control", CacheImmutable)
	} else {
		hdr.Set("Cache-Control", CacheRevalidate)
	}
	hdr.Add("Vary", "Accept-Encoding")
	data, etag := f.Data, `"`+f.Hash+`"`
	if acceptsGzip(r) {
		if gz := f.gzipped(); gz != nil {
			data, etag = gz, `"`+f.Hash+`-gz"`
			hdr.Set("Content-Encoding", "gzip")
		}
	}
	hdr.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// gzipped returns the gzip-compressed content, compressing on first use, or
// nil if compression does not make it smaller.
func (f *File) gzipped() []byte {
	f.gzOnce.Do(func() {
		if len(f.Data) < 1024 {
			return
		}
		var buf bytes.Buffer
		zw, err := gzip.NewWriterLevel(&buf, f.level)
		if err != nil {
			return
		}
		if _, err := zw.Write(f.Data); err != nil {
			return
		}
		if err := zw.Close(); err != nil {
			return
		}
		if buf.Len() < len(f.Data) {
			f.gz = buf.Bytes()
		}
	})
	return f.gz
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// Unbuilt names what a page's missing files are, for the answer that says
// how to build them: "GraphiQL assets", by "scripts/graphiql-assets.sh".
type Unbuilt struct{ What, Script string }

// ServeNamed answers a request for the file name of files: the file; when
// it is absent or empty and among missing, 503 saying how to build it;
// else 404.
func ServeNamed(w http.ResponseWriter, r *http.Request, files map[string]*File, name string, missing []string, u Unbuilt) {
	if f, ok := files[name]; ok && len(f.Data) > 0 {
		f.Serve(w, r)
		return
	}
	if slices.Contains(missing, name) {
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, u.What+" were not built: "+name+
			" is missing. Run `make assets` (or "+u.Script+") and rebuild the server.",
			http.StatusServiceUnavailable)
		return
	}
	http.NotFound(w, r)
}
