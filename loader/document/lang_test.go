package document

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOrdinals checks the ordinals the reader takes before "session" and
// "plenary session", in words (the domain's), figures and Roman numerals.
func TestOrdinals(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		value   int // ordinalValue
		plenary int // parseOrdinal
	}{
		{"english", "twenty-sixth", 26, 26},
		{"english after an article", "the eighth", 0, 8},
		{"english beyond sixtieth", "sixty-fifth", 0, 0},
		{"spanish", "vigésimo sexto", 26, 26},
		{"spanish feminine", "décima primera", 11, 11},
		{"portuguese", "oitava", 8, 8},
		{"french", "huitième", 8, 8},
		{"figure", "26th", 26, 26},
		{"french figure", "32e", 32, 32},
		{"bare number", "26", 0, 26},
		{"roman numeral", "XXXII", 32, 0},
		{"lone I", "I", 0, 0},
		{"word", "regular", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []int{ordinalValue(tt.in), parseOrdinal(tt.in)}
			if diff := cmp.Diff([]int{tt.value, tt.plenary}, got); diff != "" {
				t.Errorf("ordinalValue, parseOrdinal of %q (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
