package hemigraph

import "strings"

// This file holds the Roman numerals of the sessions printed in symbols:
// "XXVI" in "AG/RES. 1412 (XXVI-O/96)".

var romanValues = map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}

// ParseRoman parses an upper-case Roman numeral in the canonical form Roman
// writes, from I to CCCXCIX: "XXVI" is 26. It returns false for anything
// else: lower case, other letters, a form Roman does not write ("IIII",
// "VX"), a number out of range, the empty string.
func ParseRoman(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		v := romanValues[s[i]]
		if i+1 < len(s) && v < romanValues[s[i+1]] {
			n -= v
		} else {
			n += v
		}
	}
	if n <= 0 || n >= 400 || roman(n) != s {
		return 0, false
	}
	return n, true
}

// Roman formats n (1..399) as an upper-case Roman numeral, as printed in
// the session of a symbol: 26 is "XXVI".
func Roman(n int) string { return roman(n) }

// roman formats n (1..399) as an upper-case Roman numeral.
func roman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
