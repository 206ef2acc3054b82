package hemigraph

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSymbolVariants(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		canon string
		id    string
	}{
		{"canonical", "AG/RES. 1412 (XXVI-O/96)", "AG/RES. 1412 (XXVI-O/96)", "ag-res-1412-xxvi-o-96"},
		{"no space after dot", "AG/RES.1353 (XXV-O/95)", "AG/RES. 1353 (XXV-O/95)", "ag-res-1353-xxv-o-95"},
		{"no dot", "AG/RES 1643 (XXIX-O/99)", "AG/RES. 1643 (XXIX-O/99)", "ag-res-1643-xxix-o-99"},
		{"zero for O", "AG/RES. 1495 (XXVII-0/97)", "AG/RES. 1495 (XXVII-O/97)", "ag-res-1495-xxvii-o-97"},
		{"OCR slashes", "AGIRES.1237 (XXIII-0193)", "AG/RES. 1237 (XXIII-O/93)", "ag-res-1237-xxiii-o-93"},
		{"OCR 1 for slash in head", "AG1RES. 1237 (XXIII-O/93)", "AG/RES. 1237 (XXIII-O/93)", "ag-res-1237-xxiii-o-93"},
		{"stray space in session", "AG/RES. 1353 (XXV- O/95)", "AG/RES. 1353 (XXV-O/95)", "ag-res-1353-xxv-o-95"},
		{"no space before session", "AG/RES. 1445(XXVII-O/97)", "AG/RES. 1445 (XXVII-O/97)", "ag-res-1445-xxvii-o-97"},
		{"lower case", "ag/res. 1412 (xxvi-o/96)", "AG/RES. 1412 (XXVI-O/96)", "ag-res-1412-xxvi-o-96"},
		{"mixed-case type", "AG/Res. 1412 (XXVI-O/96)", "AG/RES. 1412 (XXVI-O/96)", "ag-res-1412-xxvi-o-96"},
		{"en dash in session", "AG/RES. 1412 (XXVI\u2013O/96)", "AG/RES. 1412 (XXVI-O/96)", "ag-res-1412-xxvi-o-96"},
		{"four-digit year", "AG/RES. 1412 (XXVI-O/1996)", "AG/RES. 1412 (XXVI-O/96)", "ag-res-1412-xxvi-o-96"},
		{"surrounding space", "  AG/RES. 1412 (XXVI-O/96)\n", "AG/RES. 1412 (XXVI-O/96)", "ag-res-1412-xxvi-o-96"},
		{"declaration", "AG/DEC. 16 (XXVIII-O/98)", "AG/DEC. 16 (XXVIII-O/98)", "ag-dec-16-xxviii-o-98"},
		{"special session", "AG/RES. 1 (XXIV-E/97)", "AG/RES. 1 (XXIV-E/97)", "ag-res-1-xxiv-e-97"},
		{"assembly document", "AG/doc.3517/97", "AG/doc.3517/97", "ag-doc-3517-97"},
		{"assembly document upper case", "AG/DOC. 3517/97", "AG/doc.3517/97", "ag-doc-3517-97"},
		{"document with session", "AG/doc.6 (XXIV-E/97) rev. 1", "AG/doc.6 (XXIV-E/97) rev. 1", "ag-doc-6-xxiv-e-97-rev1"},
		{"council resolution", "CP/RES. 796 (1293/01)", "CP/RES. 796 (1293/01)", "cp-res-796-1293-01"},
		{"committee series", "CP/CSH-264/00", "CP/CSH-264/00", "cp-csh-264-00"},
		{"committee series revised", "CP/CSH-264/00 rev. 1", "CP/CSH-264/00 rev. 1", "cp-csh-264-00-rev1"},
		{"committee series printed with dot", "CE/SH. 18/93 corr. 1", "CE/SH-18/93 corr. 1", "ce-sh-18-93-corr1"},
		{"cicte declaration", "CICTE/DEC. 1/03 rev. 2", "CICTE/DEC. 1/03 rev. 2", "cicte-dec-1-03-rev2"},
		{"corr without space", "CP/doc.2990/97 corr.1", "CP/doc.2990/97 corr. 1", "cp-doc-2990-97-corr1"},
		{"capital Corr", "CP/doc.856/78 Corr. 1", "CP/doc.856/78 corr. 1", "cp-doc-856-78-corr1"},
		{"add and corr", "AG/doc. 4265/04 add. 5 corr. 1", "AG/doc.4265/04 add. 5 corr. 1", "ag-doc-4265-04-add5-corr1"},
		{"classification prefix", "OEA/Ser.P AG/doc.3096/94", "AG/doc.3096/94", "ag-doc-3096-94"},
		{"series with number", "RC.23/RES. 1/01 rev. 1 corr. 1", "RC.23/RES. 1/01 rev. 1 corr. 1", "rc-23-res-1-01-rev1-corr1"},
		{"series with roman suffix", "COSEGRE.II/doc.9/98", "COSEGRE.II/doc.9/98", "cosegre-ii-doc-9-98"},
		{"series with hyphen suffix", "SEPEIN-II/doc.8/02 rev. 2 corr. 1", "SEPEIN-II/doc.8/02 rev. 2 corr. 1", "sepein-ii-doc-8-02-rev2-corr1"},
		{"two-part series", "CES/CG/doc.4/03", "CES/CG/doc.4/03", "ces-cg-doc-4-03"},
		{"working group series", "CP/GT/CSH-33/92", "CP/GT/CSH-33/92", "cp-gt-csh-33-92"},
		{"information document without year", "CP/INF.3241", "CP/INF.3241", "cp-inf-3241"},
		{"secretariat series", "CP/SA.1433/04", "CP/SA.1433/04", "cp-sa-1433-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSymbol(tt.in)
			if err != nil {
				t.Fatalf("ParseSymbol(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.canon, s.String()); diff != "" {
				t.Errorf("String() (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.id, s.ID()); diff != "" {
				t.Errorf("ID() (-want +got):\n%s", diff)
			}
			again, err := ParseSymbol(s.String())
			if err != nil {
				t.Fatalf("canonical form %q does not parse: %v", s.String(), err)
			}
			if diff := cmp.Diff(s, again); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
			if !ValidID(s.ID()) {
				t.Errorf("ID() = %q is not a valid id", s.ID())
			}
		})
	}
}

func TestParseSymbolFields(t *testing.T) {
	got, err := ParseSymbol("AG/doc. 4265/04 add. 5 corr. 1")
	if err != nil {
		t.Fatal(err)
	}
	want := Symbol{Series: "AG", Type: "doc", Number: 4265, Year: 2004,
		Amendments: []Amendment{{"add", 5}, {"corr", 1}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseSymbol (-want +got):\n%s", diff)
	}
}

func TestParseSymbolRejects(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"ellipsis placeholder", "AG/RES….(XXIX-O/99)"},
		{"dots placeholder", "CP/CSH-.../00"},
		{"letters placeholder", "AG/RES. XXXX (XXIX-O/99)"},
		{"no session", "AG/RES. 1412"},
		{"bad roman numeral", "AG/RES. 1412 (XXVIIII-O/96)"},
		{"bad session letter", "AG/RES. 1412 (XXVI-Q/96)"},
		{"three-digit year", "AG/doc.3517/997"},
		{"number zero", "AG/RES. 0 (XXVI-O/96)"},
		{"number zero read with an OCR year", "CP/doc.000194"},
		{"trailing text", "AG/RES. 1412 (XXVI-O/96) of the Assembly"},
		{"combined citation", "AG/RES. 1121 and 1123 (XXI-O/91)"},
		{"classification alone", "OEA/Ser.P/XXVIII-O.2"},
		{"United Nations symbol", "49/139"},
		{"capitalized words", "Santiago/Chile 1995/96"},
		{"no series", "RES. 1412 (XXVI-O/96)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSymbol(tt.in)
			if err == nil {
				t.Fatalf("ParseSymbol(%q) = %q, want an error", tt.in, s)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseSymbol(%q) error %v does not wrap ErrInvalid", tt.in, err)
			}
		})
	}
}

func TestExpandCitation(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // canonical forms
	}{
		{"single", "AG/RES. 1412 (XXVI-O/96)", []string{"AG/RES. 1412 (XXVI-O/96)"}},
		{"english and", "AG/RES. 1121 and 1123 (XXI-O/91)", []string{"AG/RES. 1121 (XXI-O/91)", "AG/RES. 1123 (XXI-O/91)"}},
		{"portuguese e", "AG/RES. 1284 e 1288 (XXIV-O/94)", []string{"AG/RES. 1284 (XXIV-O/94)", "AG/RES. 1288 (XXIV-O/94)"}},
		{"spanish y", "AG/RES. 1284 y 1288 (XXIV-O/94)", []string{"AG/RES. 1284 (XXIV-O/94)", "AG/RES. 1288 (XXIV-O/94)"}},
		{"french et", "AG/RES. 1284 et 1288 (XXIV-O/94)", []string{"AG/RES. 1284 (XXIV-O/94)", "AG/RES. 1288 (XXIV-O/94)"}},
		{"comma list", "AG/RES. 1121, 1122, and 1123 (XXI-O/91)",
			[]string{"AG/RES. 1121 (XXI-O/91)", "AG/RES. 1122 (XXI-O/91)", "AG/RES. 1123 (XXI-O/91)"}},
		{"each with session", "AG/RES. 1121 (XXI-O/91) and AG/RES. 1179 (XXII-O/92)",
			[]string{"AG/RES. 1121 (XXI-O/91)", "AG/RES. 1179 (XXII-O/92)"}},
		{"repeated head", "AG/RES. 1566 (XXVIII-O/98), AG/RES. 1567 (XXVIII-O/98)",
			[]string{"AG/RES. 1566 (XXVIII-O/98)", "AG/RES. 1567 (XXVIII-O/98)"}},
		{"short range", "AG/RES. 1566 - AG/RES. 1570 (XXVIII-O/98)", []string{
			"AG/RES. 1566 (XXVIII-O/98)", "AG/RES. 1567 (XXVIII-O/98)", "AG/RES. 1568 (XXVIII-O/98)",
			"AG/RES. 1569 (XXVIII-O/98)", "AG/RES. 1570 (XXVIII-O/98)"}},
		{"range with to", "AG/RES. 1566 to 1568 (XXVIII-O/98)", []string{
			"AG/RES. 1566 (XXVIII-O/98)", "AG/RES. 1567 (XXVIII-O/98)", "AG/RES. 1568 (XXVIII-O/98)"}},
		{"range over the cap keeps endpoints", "AG/RES. 1 - AG/RES. 1606 (XXVIII-O/98)",
			[]string{"AG/RES. 1 (XXVIII-O/98)", "AG/RES. 1606 (XXVIII-O/98)"}},
		{"descending range keeps endpoints", "AG/RES. 1570 - 1566 (XXVIII-O/98)",
			[]string{"AG/RES. 1570 (XXVIII-O/98)", "AG/RES. 1566 (XXVIII-O/98)"}},
		{"range across sessions keeps endpoints", "AG/RES. 1566 (XXVIII-O/98) - AG/RES. 1570 (XXIX-O/99)",
			[]string{"AG/RES. 1566 (XXVIII-O/98)", "AG/RES. 1570 (XXIX-O/99)"}},
		{"documents with year", "CP/CSH-264 and 275/00", []string{"CP/CSH-264/00", "CP/CSH-275/00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			syms, err := ExpandCitation(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]string, len(syms))
			for i, s := range syms {
				got[i] = s.String()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ExpandCitation(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestExpandCitationLongRange(t *testing.T) {
	syms, err := ExpandCitation("AG/RES. 1532 - AG/RES. 1606 (XXVIII-O/98)")
	if err != nil {
		t.Fatal(err)
	}
	if len(syms) != 75 {
		t.Fatalf("got %d symbols, want 75", len(syms))
	}
	for i, s := range syms {
		if s.Number != 1532+i || s.ID() != "ag-res-"+strconv.Itoa(1532+i)+"-xxviii-o-98" {
			t.Fatalf("symbol %d = %s (%s)", i, s, s.ID())
		}
	}
}

func TestScanCitation(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		n     int // bytes spanned
		count int
	}{
		{"stops before quoted title", `AG/RES. 1237 (XXIII-O/93), "Meeting of Experts"`, len("AG/RES. 1237 (XXIII-O/93)"), 1},
		{"drops a trailing number without session", "AG/RES. 1288 (XXIV-O/94), 12 states", len("AG/RES. 1288 (XXIV-O/94)"), 1},
		{"stops before another series", "AG/RES. 1288 (XXIV-O/94) and CP/RES. 796 (1293/01)", len("AG/RES. 1288 (XXIV-O/94)"), 1},
		{"stops before a sentence", "AG/RES. 1412 (XXVI-O/96) and the report", len("AG/RES. 1412 (XXVI-O/96)"), 1},
		{"ignores a non-session parenthesis", "AG/doc.3517/97 (see annex)", len("AG/doc.3517/97"), 1},
		{"classification only at the start", "OEA/Ser.P AG/RES. 1 (I-O/99) and OEA/Ser.P AG/RES. 2 (I-O/99)", len("OEA/Ser.P AG/RES. 1 (I-O/99)"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			syms, n, err := ScanCitation(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if n != tt.n || len(syms) != tt.count {
				t.Errorf("ScanCitation(%q) = %d symbols over %d bytes (%q), want %d over %d", tt.in, len(syms), n, tt.in[:n], tt.count, tt.n)
			}
		})
	}
}

// FuzzParseSymbol checks that ParseSymbol never panics and that whatever it
// accepts prints to a canonical form that parses back to the same symbol.
func FuzzParseSymbol(f *testing.F) {
	for _, tt := range corpusSymbolIDs {
		f.Add(tt.symbol)
	}
	for _, s := range []string{"AGIRES.1237 (XXIII-0193)", "AG/RES. 1121 and 1123 (XXI-O/91)", "AG/RES….(XXIX-O/99)", "OEA/Ser.P AG/doc.3096/94", " AA/aa1/00",
		"OEA/Ser. CP/SH4/00 and OEA/Ser.P AG/RES. 1 (I-O/99)", "AA/AA000100"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseSymbol(in)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		again, err := ParseSymbol(s.String())
		if err != nil {
			t.Fatalf("ParseSymbol(%q) = %q, which does not parse: %v", in, s, err)
		}
		if again.ID() != s.ID() || !ValidID(s.ID()) {
			t.Fatalf("ParseSymbol(%q): id %q, reparsed id %q", in, s.ID(), again.ID())
		}
		if _, _, err := ScanCitation(strings.TrimSpace(in)); err != nil {
			t.Fatalf("ScanCitation(%q): %v", in, err)
		}
	})
}
