package memstore

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hemigraph/hemigraph/query"
)

// The text analysis of the store's full-text search, standing in for the
// Lucene analyzers of neo4jstore's full-text indexes.
//
//   - Words: a text is lower-cased, its accented Latin letters folded to
//     their base letters ("Declaración" → "declaracion", "œ" → "oe"), and
//     cut into words: runs of letters and digits. Every other character
//     separates words, Lucene's special characters included, so no text
//     is ever an error.
//   - Per language (query.Languages): the language's commonest function
//     words are dropped, then each word is reduced by a light stemmer that
//     folds plurals (and, in the Romance languages, gender endings), so
//     that "resolutions" meets "resolution", "naciones" meets "nación",
//     "nações" meets "nação" and "nationales" meets "national".
//   - Symbols are cut into words without dropping or stemming any, as the
//     standard analyzer of neo4jstore's entity_text index does.

// analyzer is a language's analysis: "" for symbols, else one of
// query.Languages.
type analyzer string

// fold maps the accented letters of the Latin alphabets of the four
// languages (and their neighbours) to plain letters.
var fold = func() map[rune]string {
	m := map[rune]string{}
	for base, accented := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ďđ", "e": "èéêëēĕėęě", "g": "ĝğġģ",
		"h": "ĥħ", "i": "ìíîïĩīĭįı", "j": "ĵ", "k": "ķ", "l": "ĺļľŀł", "n": "ñńņňŉ",
		"o": "òóôõöøōŏő", "r": "ŕŗř", "s": "śŝşš", "t": "ţťŧ", "u": "ùúûüũūŭůűų",
		"w": "ŵ", "y": "ýÿŷ", "z": "źżž", "ae": "æ", "oe": "œ", "ss": "ß",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()

// words lower-cases text, folds its accents and cuts it into words.
func words(text string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range text {
		r = unicode.ToLower(r)
		switch {
		case fold[r] != "":
			b.WriteString(fold[r])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// stopWords are the words each language's analysis drops.
var stopWords = map[analyzer][]string{
	"english": strings.Fields(`a an and are as at be but by for from if in into is it no not of on or
		s such that the their then there these they this to was will with`),
	"spanish": strings.Fields(`a al como con de del e el en es la las lo los o para por que se sin
		su sus un una uno y`),
	"french": strings.Fields(`a au aux avec ce ces d dans de des du en est et il l la le les leur
		ou par pas pour qu que qui s sa se ses son sur un une`),
	"portuguese": strings.Fields(`a ao aos as com da das de do dos e em na nas no nos o os ou para
		pela pelo por que se sem seu sua um uma`),
}

// terms returns the terms of text under a: its words, less a's stop
// words, each stemmed.
func (a analyzer) terms(text string) []string {
	ws := words(text)
	if a == "" {
		return ws
	}
	out := ws[:0]
	for _, w := range ws {
		if !slices.Contains(stopWords[a], w) {
			out = append(out, a.stem(w))
		}
	}
	return out
}

// stem folds the plural, and in the Romance languages the gender ending,
// of a word of a: a light stemmer in the manner of Lucene's
// EnglishMinimalStemmer and SpanishLightStemmer. Words of fewer than four
// letters are left alone, as are words holding digits.
func (a analyzer) stem(w string) string {
	if utf8.RuneCountInString(w) < 4 || strings.ContainsFunc(w, unicode.IsDigit) {
		return w
	}
	cut := func(suffix, with string) (string, bool) {
		if strings.HasSuffix(w, suffix) && len(w)-len(suffix) >= 2 {
			return w[:len(w)-len(suffix)] + with, true
		}
		return w, false
	}
	switch a {
	case "english":
		for _, r := range []struct{ suffix, with string }{
			{"ies", "y"}, {"sses", "ss"}, {"xes", "x"}, {"ches", "ch"}, {"shes", "sh"},
		} {
			if s, ok := cut(r.suffix, r.with); ok {
				return s
			}
		}
		if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
			return w[:len(w)-1]
		}
		return w
	case "spanish", "portuguese":
		rules := []struct{ suffix, with string }{{"ces", "z"}}
		if a == "portuguese" {
			rules = []struct{ suffix, with string }{{"oes", "ao"}, {"aes", "ao"}, {"ais", "al"}, {"eis", "el"}, {"ois", "ol"}, {"ns", "m"}}
		}
		for _, r := range rules {
			if s, ok := cut(r.suffix, r.with); ok {
				w = s
				break
			}
		}
		for _, suffix := range []string{"os", "as", "es", "s"} {
			if s, ok := cut(suffix, ""); ok {
				w = s
				break
			}
		}
		if s, ok := cut("o", ""); ok {
			return s
		}
		if s, ok := cut("a", ""); ok {
			return s
		}
		if s, ok := cut("e", ""); ok {
			return s
		}
		return w
	case "french":
		if s, ok := cut("aux", "al"); ok {
			return s
		}
		if s, ok := cut("s", ""); ok {
			w = s
		} else if s, ok := cut("x", ""); ok {
			w = s
		}
		if s, ok := cut("e", ""); ok {
			return s
		}
		return w
	}
	return w
}

// termSet is the distinct terms of a text.
type termSet map[string]bool

func newTermSet(terms []string) termSet {
	if len(terms) == 0 {
		return nil
	}
	s := make(termSet, len(terms))
	for _, t := range terms {
		s[t] = true
	}
	return s
}

// fieldTerms are the analyzed texts of a node: the symbol's words, and per
// language (in the order of query.Languages) the terms of the title and of
// the aliases.
type fieldTerms struct {
	symbol  termSet
	title   []termSet
	aliases []termSet
}

func analyzeNode(p props) fieldTerms {
	t := fieldTerms{symbol: newTermSet(analyzer("").terms(p.str("symbol")))}
	for _, l := range query.Languages {
		t.title = append(t.title, newTermSet(analyzer(l).terms(p.str("title"))))
		t.aliases = append(t.aliases, newTermSet(analyzer(l).terms(p.str("aliasText"))))
	}
	return t
}

// relTerms are the analyzed texts of a relationship, per language: its
// clause text and its evidence.
type relTerms struct {
	clause   []termSet
	evidence []termSet
}

func analyzeRel(p props) relTerms {
	var t relTerms
	for _, l := range query.Languages {
		t.clause = append(t.clause, newTermSet(analyzer(l).terms(p.str("clauseText"))))
		t.evidence = append(t.evidence, newTermSet(analyzer(l).terms(p.str("evidence"))))
	}
	return t
}

// score is the share of the query's distinct terms that the text holds,
// 0 when it holds none (or the query has no terms).
func score(query []string, text termSet) float64 {
	if len(query) == 0 || len(text) == 0 {
		return 0
	}
	n := 0
	for _, t := range query {
		if text[t] {
			n++
		}
	}
	return float64(n) / float64(len(query))
}
