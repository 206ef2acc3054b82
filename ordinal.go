package hemigraph

import (
	"strconv"
	"strings"
)

// This file holds the ordinal words of the four languages of the OAS, in
// one place: written out in English (OrdinalWord, for session names and
// ids) and read back in English, Spanish, French and Portuguese
// (ParseOrdinal, for sessions and plenary sessions named in a text, and
// ParseEnglishOrdinal, for names).

var (
	ordinalOnes = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
		"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"}
	cardinalTens = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	ordinalTens  = []string{"", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"}
)

// OrdinalWord returns the English ordinal of n in words ("eighth",
// "twenty-sixth") for 1 <= n <= 99, and the suffixed numeral ("126th")
// otherwise.
func OrdinalWord(n int) string {
	switch {
	case n <= 0 || n >= 100:
		return ordinalSuffix(n)
	case n < 20:
		return ordinalOnes[n]
	case n%10 == 0:
		return ordinalTens[n/10]
	}
	return cardinalTens[n/10] + "-" + ordinalOnes[n%10]
}

// ordinalSuffix returns "1st", "2nd", "26th", "111th".
func ordinalSuffix(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// ParseOrdinal returns the number an ordinal in words stands for, in
// English, Spanish, French or Portuguese and in any case, and false when s
// is not one. It reads one word — "eighth", "twenty-sixth", "octava",
// "vigésimo", "decimoprimera", "huitième", "dix-septième", "oitavo" — or
// the two words of a Spanish or Portuguese ordinal, apart or hyphenated:
// "vigésimo sexto", "décima primera", "trigésima segunda", "décimo
// primeiro". Spaces and hyphens around the words do not count. Spanish and
// Portuguese words are read in the masculine and the feminine. English
// ordinals run from 1 to 99; those of the other languages from 1 to 20
// and by tens to 50, and in two words to 59. Figures ("26th", "32e") and
// Roman numerals are not words, and are not read.
func ParseOrdinal(s string) (int, bool) { return parseOrdinal(s, anyLanguage) }

// ParseEnglishOrdinal is ParseOrdinal for English words alone: "eighth",
// "twentieth", "twenty-sixth"; it returns false for the words of the other
// languages.
func ParseEnglishOrdinal(s string) (int, bool) { return parseOrdinal(s, english) }

// languages is a set of the languages an ordinal word is written in.
type languages uint8

const (
	english languages = 1 << iota
	spanish
	french
	portuguese

	anyLanguage = english | spanish | french | portuguese
	iberian     = spanish | portuguese // the languages whose compounds ParseOrdinal reads
)

// romanceOrdinals are the ordinal words of Spanish, Portuguese and French.
// Spanish and Portuguese words ending in -o are written in the masculine:
// their feminine in -a is read too.
var romanceOrdinals = []struct {
	n          int
	es, pt, fr []string
}{
	{1, []string{"primero", "primer"}, []string{"primeiro"}, []string{"premier", "première"}},
	{2, []string{"segundo"}, []string{"segundo"}, []string{"deuxième", "second", "seconde"}},
	{3, []string{"tercero", "tercer"}, []string{"terceiro"}, []string{"troisième"}},
	{4, []string{"cuarto"}, []string{"quarto"}, []string{"quatrième"}},
	{5, []string{"quinto"}, []string{"quinto"}, []string{"cinquième"}},
	{6, []string{"sexto"}, []string{"sexto"}, []string{"sixième"}},
	{7, []string{"séptimo", "septimo"}, []string{"sétimo"}, []string{"septième"}},
	{8, []string{"octavo"}, []string{"oitavo"}, []string{"huitième"}},
	{9, []string{"noveno"}, []string{"nono"}, []string{"neuvième"}},
	{10, []string{"décimo", "decimo"}, []string{"décimo"}, []string{"dixième"}},
	{11, []string{"undécimo", "decimoprimero"}, nil, []string{"onzième"}},
	{12, []string{"duodécimo", "decimosegundo"}, nil, []string{"douzième"}},
	{13, []string{"decimotercero"}, nil, []string{"treizième"}},
	{14, []string{"decimocuarto"}, nil, []string{"quatorzième"}},
	{15, []string{"decimoquinto"}, nil, []string{"quinzième"}},
	{16, []string{"decimosexto"}, nil, []string{"seizième"}},
	{17, []string{"decimoséptimo"}, nil, []string{"dix-septième"}},
	{18, []string{"decimoctavo"}, nil, []string{"dix-huitième"}},
	{19, []string{"decimonoveno"}, nil, []string{"dix-neuvième"}},
	{20, []string{"vigésimo", "vigesimo"}, []string{"vigésimo"}, []string{"vingtième"}},
	{30, []string{"trigésimo"}, []string{"trigésimo"}, []string{"trentième"}},
	{40, []string{"cuadragésimo"}, []string{"quadragésimo"}, []string{"quarantième"}},
	{50, []string{"quincuagésimo"}, []string{"quinquagésimo"}, []string{"cinquantième"}},
}

// ordinalEntry is what an ordinal word stands for: its number and the
// languages it is written in.
type ordinalEntry struct {
	n     int
	langs languages
}

// ordinalWords maps every ordinal word of the four languages, in lower
// case, to its number: the English of OrdinalWord from 1 to 99 and
// romanceOrdinals with their feminines.
var ordinalWords = func() map[string]ordinalEntry {
	m := map[string]ordinalEntry{}
	add := func(w string, n int, l languages) {
		o := m[w]
		o.n, o.langs = n, o.langs|l
		m[w] = o
	}
	for n := 1; n < 100; n++ {
		add(OrdinalWord(n), n, english)
	}
	for _, r := range romanceOrdinals {
		for _, lw := range []struct {
			l     languages
			words []string
		}{{spanish, r.es}, {portuguese, r.pt}, {french, r.fr}} {
			for _, w := range lw.words {
				add(w, r.n, lw.l)
				if lw.l != french && strings.HasSuffix(w, "o") {
					add(strings.TrimSuffix(w, "o")+"a", r.n, lw.l)
				}
			}
		}
	}
	return m
}()

// parseOrdinal reads an ordinal in words of the languages langs; see
// ParseOrdinal.
func parseOrdinal(s string, langs languages) (int, bool) {
	s = strings.ToLower(s)
	if o, ok := ordinalWords[s]; ok && o.langs&langs != 0 {
		return o.n, true
	}
	f, nf := ordinalFields(s)
	switch nf {
	case 1:
		if o, ok := ordinalWords[f[0]]; ok && o.langs&langs != 0 {
			return o.n, true
		}
	case 2:
		// "vigésimo sexto", "décima primera": Spanish and Portuguese write
		// the tens and the units as two ordinals.
		l := langs & iberian
		tens, ok1 := ordinalWords[f[0]]
		unit, ok2 := ordinalWords[f[1]]
		if l != 0 && ok1 && ok2 && tens.langs&l != 0 && unit.langs&l != 0 && tens.n%10 == 0 && unit.n <= 9 {
			return tens.n + unit.n, true
		}
	}
	return 0, false
}

// ordinalFields returns the words of s between spaces and hyphens and
// their number when there are one or two; 0 when there are none or more.
func ordinalFields(s string) (f [2]string, n int) {
	sep := func(c byte) bool { return c == ' ' || c == '-' }
	for i := 0; i < len(s); {
		for i < len(s) && sep(s[i]) {
			i++
		}
		if i == len(s) {
			break
		}
		j := i
		for j < len(s) && !sep(s[j]) {
			j++
		}
		if n == len(f) {
			return f, 0
		}
		f[n] = s[i:j]
		n++
		i = j
	}
	return f, n
}
