package hemigraph

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOrdinalWord(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{1, "first"}, {8, "eighth"}, {12, "twelfth"}, {20, "twentieth"}, {21, "twenty-first"},
		{26, "twenty-sixth"}, {40, "fortieth"}, {99, "ninety-ninth"},
		{0, "0th"}, {100, "100th"}, {102, "102nd"}, {111, "111th"}, {121, "121st"}, {123, "123rd"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, OrdinalWord(tt.n)); diff != "" {
				t.Errorf("OrdinalWord(%d) (-want +got):\n%s", tt.n, diff)
			}
		})
	}
}

func TestParseOrdinal(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int // 0: not an ordinal
	}{
		{"english", "eighth", 8},
		{"english compound", "twenty-sixth", 26},
		{"english tens", "sixtieth", 60},
		{"english upper case", "THIRTY-FIFTH", 35},
		{"english title case", "Twenty-Sixth", 26},
		{"english largest", "ninety-ninth", 99},
		{"spanish feminine", "octava", 8},
		{"spanish masculine", "octavo", 8},
		{"spanish apocope", "primer", 1},
		{"spanish unaccented", "septima", 7},
		{"spanish fused", "decimoprimera", 11},
		{"spanish eleventh", "undécimo", 11},
		{"spanish compound", "vigésimo sexto", 26},
		{"spanish compound feminine", "trigésima segunda", 32},
		{"spanish compound upper case", "VIGÉSIMO PRIMER", 21},
		{"spanish compound hyphenated", "vigésimo-sexto", 26},
		{"spanish compound spaced", "  décima   primera ", 11},
		{"spanish fifties", "quincuagésimo noveno", 59},
		{"portuguese", "oitava", 8},
		{"portuguese compound", "décimo primeiro", 11},
		{"portuguese tens and spanish units", "quadragésimo cuarto", 44},
		{"french", "huitième", 8},
		{"french feminine", "première", 1},
		{"french hyphenated", "dix-septième", 17},
		{"french second", "seconde", 2},
		{"trailing hyphen", "fourth-", 4},
		{"empty", "", 0},
		{"cardinal", "twenty", 0},
		{"english words apart", "twenty sixth", 0},
		{"english ordinals apart", "twentieth first", 0},
		{"figure", "26th", 0},
		{"roman numeral", "XXVI", 0},
		{"units then tens", "sexto vigésimo", 0},
		{"tens then tens", "vigésimo décimo", 0},
		{"french compound", "vingtième premier", 0},
		{"three words", "vigésimo sexto período", 0},
		{"a word", "session", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, ok := ParseOrdinal(tt.in)
			if diff := cmp.Diff([]any{tt.want, tt.want > 0}, []any{n, ok}); diff != "" {
				t.Errorf("ParseOrdinal(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseEnglishOrdinal(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int // 0: not an English ordinal
	}{
		{"one word", "third", 3},
		{"tens", "ninetieth", 90},
		{"compound", "twenty-third", 23},
		{"shared with french", "second", 2},
		{"spanish", "tercera", 0},
		{"spanish compound", "vigésimo sexto", 0},
		{"french", "troisième", 0},
		{"cardinal", "sixty", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, ok := ParseEnglishOrdinal(tt.in)
			if diff := cmp.Diff([]any{tt.want, tt.want > 0}, []any{n, ok}); diff != "" {
				t.Errorf("ParseEnglishOrdinal(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestOrdinalRoundTrip checks that the words OrdinalWord writes read back,
// and that every word of the other languages reads as its row's number.
func TestOrdinalRoundTrip(t *testing.T) {
	for n := 1; n < 100; n++ {
		for _, parse := range []func(string) (int, bool){ParseOrdinal, ParseEnglishOrdinal} {
			if got, ok := parse(OrdinalWord(n)); !ok || got != n {
				t.Errorf("reading OrdinalWord(%d) = %q: %d, %v", n, OrdinalWord(n), got, ok)
			}
		}
	}
	for _, r := range romanceOrdinals {
		for _, w := range append(append(append([]string(nil), r.es...), r.pt...), r.fr...) {
			forms := []string{w}
			if strings.HasSuffix(w, "o") {
				forms = append(forms, strings.TrimSuffix(w, "o")+"a")
			}
			for _, f := range forms {
				if got, ok := ParseOrdinal(f); !ok || got != r.n {
					t.Errorf("ParseOrdinal(%q) = %d, %v, want %d", f, got, ok, r.n)
				}
			}
		}
	}
}

// FuzzParseOrdinal checks that ParseOrdinal never panics, reads only
// numbers from 1 to 99, and reads alike in any case.
func FuzzParseOrdinal(f *testing.F) {
	for _, s := range []string{"eighth", "twenty-sixth", "vigésimo sexto", "décima  primera", "dix-septième", "-", " ", "İ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n, ok := ParseOrdinal(in)
		if ok != (n > 0) || n > 99 {
			t.Fatalf("ParseOrdinal(%q) = %d, %v", in, n, ok)
		}
		if m, ok2 := ParseOrdinal(strings.ToUpper(in)); ok && strings.ToLower(strings.ToUpper(in)) == strings.ToLower(in) && (m != n || !ok2) {
			t.Fatalf("ParseOrdinal(%q) = %d, but upper case %d, %v", in, n, m, ok2)
		}
		if e, ok := ParseEnglishOrdinal(in); ok && e != n {
			t.Fatalf("ParseEnglishOrdinal(%q) = %d, ParseOrdinal %d", in, e, n)
		}
	})
}
