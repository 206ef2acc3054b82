package loader

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Bulk files are UTF-8 text. What is not — UTF-16, binary data, Latin-1
// or Windows-1252 — is refused with an error saying so, rather than read
// with its letters turned into U+FFFD, and no line may be longer than
// maxLineBytes, so that reading a file takes bounded memory whatever it
// holds.

// errLineTooLong is the error of a line longer than maxLineBytes.
var errLineTooLong = fmt.Errorf("longer than %d MiB, the limit of one record", maxLineBytes>>20)

// notUTF8 is the error of a line that is not UTF-8.
const notUTF8 = "not UTF-8 text (Latin-1 or Windows-1252? save the file as UTF-8)"

// sniff reads the start of a bulk file: it drops a UTF-8 byte-order mark,
// and returns a message when the file is UTF-16 or binary rather than
// UTF-8 text ("" otherwise), with the reader to go on with.
func sniff(r io.Reader) (io.Reader, string) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(64)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		br.Discard(3)
		return br, ""
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		return br, "UTF-16 text (save the file as UTF-8)"
	case looksUTF16(head):
		return br, "UTF-16 text without a byte-order mark (save the file as UTF-8)"
	case bytes.IndexByte(head, 0) >= 0:
		return br, "binary data, not text"
	}
	return br, ""
}

// looksUTF16 reports whether b is ASCII written in UTF-16: every other
// byte zero.
func looksUTF16(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	for _, start := range []int{0, 1} {
		ok := true
		for i := start; i < len(b); i += 2 {
			if b[i] != 0 || b[i^1] == 0 || b[i^1] >= 0x80 {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// lineLimit fails with errLineTooLong once a line of r passes max bytes,
// so that a reader without a bound of its own (encoding/csv) never holds
// more.
type lineLimit struct {
	r    io.Reader
	max  int
	n    int // bytes of the current line so far
	line int // lines ended so far
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\n' {
			l.n = 0
			l.line++
			continue
		}
		if l.n++; l.n > l.max {
			return i, &LineTooLongError{Line: l.line + 1}
		}
	}
	return n, err
}

// LineTooLongError is the error of reading a bulk file with a line longer
// than the limit of one record (16 MiB).
type LineTooLongError struct{ Line int }

func (e *LineTooLongError) Error() string {
	return fmt.Sprintf("line %d is %v", e.Line, errLineTooLong)
}

// validUTF8 reports whether every cell of a row is UTF-8.
func validUTF8(row []string) bool {
	for _, c := range row {
		if !utf8.ValidString(c) {
			return false
		}
	}
	return true
}

// tooLong reports whether err says a line was too long: from lineLimit or
// from bufio.Scanner.
func tooLong(err error) bool {
	var lt *LineTooLongError
	return errors.As(err, &lt) || errors.Is(err, bufio.ErrTooLong)
}
