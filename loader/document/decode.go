package document

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	xunicode "golang.org/x/text/encoding/unicode"
)

// line is one non-blank line of normalized text.
type line struct {
	text        string
	src         int  // line of the source it starts on, from 1
	blankBefore bool // a blank line (or paragraph break) precedes it
}

var (
	// htmlSniff finds markup that makes a document HTML.
	htmlSniff = regexp.MustCompile(`(?i)<(?:!doctype\s+html|html|head|body|meta|title|p|br|div|table|font|span)[\s/>]`)
	// metaCharset finds the charset an HTML page declares.
	metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)
)

// decodeLines turns raw bytes into normalized lines. It returns a
// *lineError for empty or binary input.
func decodeLines(data []byte) ([]line, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	var raw []rawLine
	if isHTML(text) {
		raw = htmlLines(text)
	} else {
		raw = textLines(text)
	}
	lines := normalize(raw)
	if len(lines) == 0 {
		return nil, &lineError{1, "empty document"}
	}
	return lines, nil
}

// decodeText returns data as UTF-8 text.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", &lineError{1, "invalid UTF-16 text"}
		}
		data = out
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", &lineError{1, "empty document"}
	}
	if err := checkBinary(data); err != nil {
		return "", err
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	enc := encoding.Encoding(charmap.Windows1252)
	if isHTML(string(data[:min(len(data), 4096)])) {
		if e := declaredCharset(data); e != nil {
			enc = e
		}
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) {
		out, _ = charmap.Windows1252.NewDecoder().Bytes(data)
	}
	return string(out), nil
}

// declaredCharset returns the encoding an HTML meta tag declares, or nil
// when there is none, it is unknown, or it is UTF-8 (which the bytes have
// just been found not to be).
func declaredCharset(data []byte) encoding.Encoding {
	m := metaCharset.FindSubmatch(data[:min(len(data), 4096)])
	if m == nil {
		return nil
	}
	e, err := htmlindex.Get(string(m[1]))
	if err != nil || e == encoding.Nop || e == xunicode.UTF8 {
		return nil
	}
	return e
}

// checkBinary rejects data with NUL bytes or more than a few other control
// characters: text documents have neither.
func checkBinary(data []byte) error {
	controls, first := 0, -1
	for i, c := range data {
		if c >= 0x20 || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v' {
			continue
		}
		if c == 0 {
			return &lineError{1 + bytes.Count(data[:i], []byte{'\n'}), "binary data (NUL byte)"}
		}
		if first < 0 {
			first = i
		}
		controls++
	}
	if controls > 8 && controls*100 > len(data) {
		return &lineError{1 + bytes.Count(data[:first], []byte{'\n'}), "binary data (control characters)"}
	}
	return nil
}

// isHTML reports whether text looks like an HTML page: it starts with a tag
// or has HTML markup near its start.
func isHTML(text string) bool {
	head := text[:min(len(text), 4096)]
	t := strings.TrimLeft(head, " \t\r\n")
	if strings.HasPrefix(t, "<") && len(t) > 1 && (isASCIILetter(t[1]) || t[1] == '!') {
		return true
	}
	return htmlSniff.MatchString(head)
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// rawLine is one line of text before normalization. An empty text is a
// paragraph break.
type rawLine struct {
	text string
	src  int
}

// textLines splits plain text into lines on \n, \r\n, \r and form feeds.
func textLines(text string) []rawLine {
	out := make([]rawLine, 0, strings.Count(text, "\n")+1)
	src := 1
	for len(text) > 0 {
		i := strings.IndexAny(text, "\r\n\f")
		if i < 0 {
			out = append(out, rawLine{text, src})
			break
		}
		out = append(out, rawLine{text[:i], src})
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		if text[i] != '\f' {
			src++
		}
		text = text[i+1:]
	}
	return out
}

// blockTags end a line of text; paragraphTags also leave a blank line.
var (
	blockTags = map[string]bool{
		"br": true, "div": true, "li": true, "ul": true, "ol": true, "tr": true, "table": true,
		"tbody": true, "thead": true, "dd": true, "dt": true, "dl": true, "hr": true, "center": true,
		"section": true, "article": true, "header": true, "footer": true, "nav": true, "form": true,
		"td": true, "th": true, "option": true, "body": true, "html": true, "address": true,
	}
	paragraphTags = map[string]bool{
		"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"blockquote": true, "pre": true, "hr": true,
	}
	skipTags = map[string]bool{"script": true, "style": true, "title": true, "noscript": true, "template": true, "select": true}
)

// htmlLines extracts the text of an HTML page as lines: block elements break
// lines, paragraphs leave blank lines, entities are decoded, scripts, styles
// and the page title are skipped. Line breaks inside text are spaces except
// within <pre>.
func htmlLines(src string) []rawLine {
	z := html.NewTokenizer(strings.NewReader(src))
	z.SetMaxBuf(0)
	b := &htmlText{srcLine: 1}
	skip, pre := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		start := b.srcLine
		b.srcLine += bytes.Count(raw, []byte{'\n'})
		switch tt {
		case html.TextToken:
			if skip == 0 {
				b.text(string(z.Text()), start+leadingNewlines(raw), pre > 0)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			isEnd := tt == html.EndTagToken
			switch {
			case skipTags[tag] && tt == html.StartTagToken:
				skip++
			case skipTags[tag] && isEnd:
				skip = max(0, skip-1)
			case tag == "pre" && tt == html.StartTagToken:
				pre++
			case tag == "pre" && isEnd:
				pre = max(0, pre-1)
			}
			switch {
			case paragraphTags[tag]:
				b.paragraph()
			case blockTags[tag]:
				b.newline()
			}
		}
	}
	b.newline()
	return b.out
}

func leadingNewlines(raw []byte) int {
	n := 0
	for _, c := range raw {
		switch c {
		case '\n':
			n++
		case ' ', '\t', '\r':
		default:
			return n
		}
	}
	return n
}

// htmlText accumulates the lines of an HTML page.
type htmlText struct {
	out     []rawLine
	cur     strings.Builder
	curSrc  int
	srcLine int
}

func (b *htmlText) text(s string, src int, pre bool) {
	if pre {
		parts := strings.Split(s, "\n")
		for i, p := range parts {
			if i > 0 {
				b.newline()
				src++
			}
			b.add(p, src)
		}
		return
	}
	b.add(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s), src)
}

func (b *htmlText) add(s string, src int) {
	if b.cur.Len() == 0 {
		if strings.TrimSpace(s) == "" {
			return
		}
		b.curSrc = src
	}
	b.cur.WriteString(s)
}

func (b *htmlText) newline() {
	if b.cur.Len() > 0 {
		b.out = append(b.out, rawLine{b.cur.String(), b.curSrc})
		b.cur.Reset()
	}
}

func (b *htmlText) paragraph() {
	b.newline()
	b.out = append(b.out, rawLine{"", b.srcLine})
}

// normalize cleans each line (white space collapsed, invisible and control
// characters dropped) and folds blank lines into the blankBefore flag of the
// next line.
func normalize(raw []rawLine) []line {
	out := make([]line, 0, len(raw))
	blank := false
	for _, r := range raw {
		t := cleanLine(r.text)
		if t == "" {
			blank = true
			continue
		}
		out = append(out, line{text: t, src: r.src, blankBefore: blank})
		blank = false
	}
	return out
}

// cleanLine collapses runs of white space to one space, trims the line, and
// drops soft hyphens, zero-width characters and other control characters.
func cleanLine(s string) string {
	if isPlainASCII(s) {
		if isClean(s) {
			return s
		}
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f':
			space = true
			continue
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060':
			continue
		case r == utf8.RuneError || unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isClean reports whether an ASCII line is already trimmed, without tabs
// or double spaces.
func isClean(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || strings.IndexByte(s, '\t') >= 0 {
		return s == ""
	}
	return !strings.Contains(s, "  ")
}

// isPlainASCII reports whether s has only printable ASCII and tabs.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x7f || (c < 0x20 && c != '\t') {
			return false
		}
	}
	return true
}
