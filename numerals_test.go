package hemigraph

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRoman(t *testing.T) {
	tests := []struct {
		name string
		n    int
		want string
	}{
		{"one", 1, "I"},
		{"four", 4, "IV"},
		{"nine", 9, "IX"},
		{"twenty-sixth session", 26, "XXVI"},
		{"forty-nine", 49, "XLIX"},
		{"ninety-nine", 99, "XCIX"},
		{"largest", 399, "CCCXCIX"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Roman(tt.n)); diff != "" {
				t.Errorf("Roman(%d) (-want +got):\n%s", tt.n, diff)
			}
		})
	}
}

func TestParseRoman(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   int
		wantOK bool
	}{
		{"session", "XXVI", 26, true},
		{"subtractive", "XLIX", 49, true},
		{"largest", "CCCXCIX", 399, true},
		{"one letter", "I", 1, true},
		{"empty", "", 0, false},
		{"lower case", "xxvi", 0, false},
		{"four ones", "IIII", 0, false},
		{"not canonical", "VX", 0, false},
		{"other letter", "XXVA", 0, false},
		{"out of range", "CCCC", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, ok := ParseRoman(tt.in)
			if diff := cmp.Diff([]any{tt.want, tt.wantOK}, []any{n, ok}); diff != "" {
				t.Errorf("ParseRoman(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestRomanRoundTrip checks that ParseRoman reads back every numeral Roman
// writes.
func TestRomanRoundTrip(t *testing.T) {
	for n := 1; n < 400; n++ {
		if got, ok := ParseRoman(Roman(n)); !ok || got != n {
			t.Errorf("ParseRoman(Roman(%d) = %q) = %d, %v", n, Roman(n), got, ok)
		}
	}
}
