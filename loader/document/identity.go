package document

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/hemigraph/hemigraph"
)

// HeaderOperative is the header part of the line that opens the operative
// part without text of its own ("RESOLVES:").
const HeaderOperative = "operative part"

// identify settles the document's identity: given, printed, from the file
// name or URL, or from the URL of a web page. sym is the symbol of the
// symbol line when printed is true.
func (p *parser) identify(id Identity, sym hemigraph.Symbol, printed bool) error {
	d := p.doc
	fail := func(reason string) error { return &Error{d.Source, p.lines[0].src, reason} }
	switch {
	case id.Symbol != "":
		s, err := hemigraph.ParseSymbol(id.Symbol)
		if err != nil {
			return fail(fmt.Sprintf("the symbol given for the document, %q, is not a document symbol", id.Symbol))
		}
		p.setSymbol(s, IdentityGiven)
		if id.ID != "" {
			if !hemigraph.ValidID(id.ID) {
				return fail(fmt.Sprintf("the id given for the document, %q, is not a valid id", id.ID))
			}
			d.ID = id.ID
		}
	case id.ID != "":
		if !hemigraph.ValidID(id.ID) {
			return fail(fmt.Sprintf("the id given for the document, %q, is not a valid id", id.ID))
		}
		if printed && sym.ID() == id.ID {
			p.setSymbol(sym, IdentityGiven)
		} else {
			d.ID, d.IdentityFrom, d.Kind = id.ID, IdentityGiven, hemigraph.KindReport
		}
	case printed:
		p.setSymbol(sym, IdentityPrinted)
	default:
		if s, ok := nameSymbol(d.Source, id.URL, p.year(id)); ok {
			p.setSymbol(s, IdentityName)
			break
		}
		if u := pageID(id.URL); u != "" {
			d.ID, d.IdentityFrom, d.Kind = u, IdentityURL, hemigraph.KindReport
			break
		}
		return fail("no document symbol in the text, the file name or the URL: give the document's symbol or id " +
			"(hemigraph load -symbol/-id, or a manifest), or its URL")
	}
	if id.Kind != "" {
		if !id.Kind.Valid() {
			return fail(fmt.Sprintf("the kind given for the document, %q, is not a kind", id.Kind))
		}
		d.Kind = id.Kind
	}
	if d.Title == "" && id.Title != "" {
		d.Title = id.Title
	}
	if d.Date == "" && id.Date != "" {
		if _, _, err := hemigraph.ParseDate(id.Date); err != nil {
			return fail(fmt.Sprintf("the date given for the document, %q, is not a date", id.Date))
		}
		d.Date = id.Date
	}
	return nil
}

// setSymbol makes s the document's symbol.
func (p *parser) setSymbol(s hemigraph.Symbol, from string) {
	d := p.doc
	d.Symbol, d.ID, d.Kind, d.Body, d.IdentityFrom = s.String(), s.ID(), s.Kind(), seriesBody(s), from
	if r, ok := s.Session(); ok {
		d.Session = &SessionInfo{SessionRef: r, Ordinal: r.Ordinal(), ID: s.SessionID()}
	}
}

// year returns the year the document was adopted in, from its adoption
// line or the identity's date; 0 when neither says.
func (p *parser) year(id Identity) int {
	for _, date := range []string{p.doc.Date, id.Date} {
		if len(date) >= 4 {
			if y, err := strconv.Atoi(date[:4]); err == nil {
				return y
			}
		}
	}
	return 0
}

var (
	// nameSymbolRE finds a symbol written into a file name: "AGRes1495eng",
	// "Res-1409", "agres1908", "agres_1756_xxxo00", "cp_res797en",
	// "AGDoc3096-94".
	nameSymbolRE = regexp.MustCompile(`(?i)(?:^|[^a-z]|doc|eng|esp|por|fra)(ag|cp|e)?[ _-]?(res|dec|doc)[ _.-]?(\d{1,5})(?:[ _-]?([xvilc]{1,8})[ _-]?([oe0])[ _-]?(\d{2})\b|[_-](\d{2})\b)?`)
	// seriesWordRE reads the series word that ends before a "doc" of a file
	// name: "resegre-" in "resegre-doc-4-03".
	seriesWordRE = regexp.MustCompile(`(?i)(?:^|[^a-z])([a-z]{2,8})[ _-]?$`)
	// revisionRE reads a revision after a document number: "-rev-3".
	revisionRE = regexp.MustCompile(`(?i)^[ _.-]?rev[ _.-]?(\d{1,2})\b`)
	// urlYearRE finds a session year in a URL path: "ga-res96", "ga02",
	// "resga95", "/1996/".
	urlYearRE = regexp.MustCompile(`(?i)(?:ga-?res|resga|ga|ag)[_-]?(\d{2})(?:\b|/|_)|/((?:19|20)\d{2})/`)
)

// nameSymbol reads a document symbol from a file name or URL: the series
// (AG unless the name or the path says CP; "Res-1409" under a General
// Assembly path is AG), the type and number, and the session printed in
// the name or, for a resolution or declaration of the General Assembly,
// the regular session of the year (adoption year, or a year in the URL).
// Without a year, a resolution or declaration of the General Assembly or
// the Permanent Council is named by its number alone.
func nameSymbol(source, rawURL string, year int) (hemigraph.Symbol, bool) {
	var names []string
	var paths []string
	if rawURL != "" {
		if u, err := url.Parse(rawURL); err == nil {
			names = append(names, path.Base(u.Path))
			paths = append(paths, u.Path)
		}
	}
	names = append(names, path.Base(strings.ReplaceAll(source, "\\", "/")))
	paths = append(paths, source)
	for _, name := range names {
		base := strings.TrimSuffix(name, path.Ext(name))
		loc := nameSymbolRE.FindStringSubmatchIndex(base)
		if loc == nil {
			continue
		}
		m := make([]string, len(loc)/2)
		for k := range m {
			if loc[2*k] >= 0 {
				m[k] = base[loc[2*k]:loc[2*k+1]]
			}
		}
		series := strings.ToUpper(m[1])
		typ := strings.ToUpper(m[2])
		if series == "" && typ == "DOC" {
			// "...-resegre-doc-4-03-rev-3": the word before "doc" is the
			// series; without one, a document number names nothing.
			w := seriesWordRE.FindStringSubmatch(base[:loc[4]])
			if w == nil {
				continue
			}
			series = strings.ToUpper(w[1])
		}
		if series == "" || series == "E" {
			series = "AG"
			for _, p := range paths {
				if councilPathRE.MatchString(p) {
					series = "CP"
				}
			}
		}
		if typ == "DOC" {
			typ = "doc"
		}
		text := fmt.Sprintf("%s/%s. %s", series, typ, m[3])
		switch {
		case m[4] != "":
			text += fmt.Sprintf(" (%s-%s/%s)", strings.ToUpper(m[4]), strings.ToUpper(strings.ReplaceAll(m[5], "0", "O")), m[6])
		case m[7] != "":
			text += "/" + m[7]
			if r := revisionRE.FindStringSubmatch(base[loc[1]:]); r != nil {
				text += " rev. " + r[1]
			}
		case typ == "doc":
			continue // a document number needs its year
		case series == "AG" && (year >= 1971 || urlYear(paths) >= 1971):
			y := year
			if y == 0 {
				y = urlYear(paths)
			}
			text += fmt.Sprintf(" (%s-O/%02d)", hemigraph.Roman(y-1970), y%100)
		default:
			// Resolutions and declarations of the General Assembly and the
			// Permanent Council are numbered once for all sessions: the
			// number alone names the document, and the graph knows its
			// session.
			n, _ := strconv.Atoi(m[3])
			return hemigraph.Symbol{Series: series, Type: typ, Number: n}, n > 0
		}
		if s, err := hemigraph.ParseSymbol(text); err == nil {
			return s, true
		}
	}
	return hemigraph.Symbol{}, false
}

// councilPathRE tells a path of the Permanent Council's documents.
var councilPathRE = regexp.MustCompile(`(?i)consejo|council|/cp[/_-]|conselho|conseil`)

// urlYear returns a session year written in one of paths, or 0.
func urlYear(paths []string) int {
	for _, p := range paths {
		m := urlYearRE.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		if m[2] != "" {
			y, _ := strconv.Atoi(m[2])
			return y
		}
		y, _ := strconv.Atoi(m[1])
		if y >= 50 {
			return 1900 + y
		}
		return 2000 + y
	}
	return 0
}

// pageID names a web page by its URL: "page-" and the host and path as an
// id, "" when rawURL is not an absolute URL.
func pageID(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return ""
	}
	s := strings.ToLower(strings.TrimPrefix(strings.ToLower(u.Host), "www.") + " " + u.Path + " " + u.RawQuery)
	var b strings.Builder
	dash := false
	for _, r := range s {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	id := b.String()
	if len(id) > 150 {
		id = id[:150]
	}
	return "page-" + strings.Trim(id, "-")
}
