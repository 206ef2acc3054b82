package hemigraph

import (
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// corpusSymbolIDs are symbol/id pairs of nodes of the corpus
// (shared/data/oas-facts.json) whose id is derived from their symbol.
var corpusSymbolIDs = []struct{ symbol, id string }{
	{"AG/DEC. 16 (XXVIII-O/98)", "ag-dec-16-xxviii-o-98"},
	{"AG/doc.2838/92", "ag-doc-2838-92"},
	{"AG/doc.3303/95 rev. 1", "ag-doc-3303-95-rev1"},
	{"AG/doc.3517/97", "ag-doc-3517-97"},
	{"AG/doc.4156/03 add. 4", "ag-doc-4156-03-add4"},
	{"AG/doc. 4265/04 add. 5 corr. 1", "ag-doc-4265-04-add5-corr1"},
	{"AG/doc.4376/05 add. 5", "ag-doc-4376-05-add5"},
	{"AG/doc.6 (XXIV-E/97) rev. 1", "ag-doc-6-xxiv-e-97-rev1"},
	{"AG/RES. 1 (XXIV-E/97)", "ag-res-1-xxiv-e-97"},
	{"AG/RES. 1 (XXXII-E/06)", "ag-res-1-xxxii-e-06"},
	{"AG/RES. 1080 (XXI-O/91)", "ag-res-1080-xxi-o-91"},
	{"AG/RES. 1237 (XXIII-O/93)", "ag-res-1237-xxiii-o-93"},
	{"AG/RES. 1412 (XXVI-O/96)", "ag-res-1412-xxvi-o-96"},
	{"AG/RES. 1495 (XXVII-O/97)", "ag-res-1495-xxvii-o-97"},
	{"AG/RES. 1566 (XXVIII-O/98)", "ag-res-1566-xxviii-o-98"},
	{"AG/RES. 1734 (XXX-O/00)", "ag-res-1734-xxx-o-00"},
	{"AG/RES. 1908 (XXXII-O/02)", "ag-res-1908-xxxii-o-02"},
	{"AG/RES. 2117 (XXXV-O/05)", "ag-res-2117-xxxv-o-05"},
	{"CE/GCI-161/99", "ce-gci-161-99"},
	{"CE/SH-18/93 corr. 1", "ce-sh-18-93-corr1"},
	{"CEITE/doc.28/96", "ceite-doc-28-96"},
	{"CEITE/RES. 2/96", "ceite-res-2-96"},
	{"CES/CG/doc.4/03", "ces-cg-doc-4-03"},
	{"CES/INF.1/03", "ces-inf-1-03"},
	{"CICTE/doc.8/99", "cicte-doc-8-99"},
	{"CJI/doc.174/04", "cji-doc-174-04"},
	{"COSEGRE.II/doc.9/98", "cosegre-ii-doc-9-98"},
	{"CP/CSH-180/99 rev. 3", "cp-csh-180-99-rev3"},
	{"CP/CSH-264/00 rev. 1", "cp-csh-264-00-rev1"},
	{"CP/CSH-458/02 rev.2", "cp-csh-458-02-rev2"},
	{"CP/doc.2990/97 corr.1", "cp-doc-2990-97-corr1"},
	{"CP/doc.856/78 Corr. 1", "cp-doc-856-78-corr1"},
	{"CP/GT/CSH-33/92", "cp-gt-csh-33-92"},
	{"CP/INF.3241", "cp-inf-3241"},
	{"CP/RES. 796 (1293/01)", "cp-res-796-1293-01"},
	{"CP/SA.1433/04", "cp-sa-1433-04"},
	{"CSH/GT/ADS-9/03", "csh-gt-ads-9-03"},
	{"RESEGRE/doc.4/03 rev. 3", "resegre-doc-4-03-rev3"},
	{"SEPEIN/doc.7/98 rev. 1", "sepein-doc-7-98-rev1"},
}

func TestSymbolIDCorpusPairs(t *testing.T) {
	for _, p := range corpusSymbolIDs {
		t.Run(p.symbol, func(t *testing.T) {
			s, err := ParseSymbol(p.symbol)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(p.id, s.ID()); diff != "" {
				t.Errorf("ID() (-want +got):\n%s", diff)
			}
		})
	}
}

// corpusPath is the shared corpus beside the clone, as laid out for the
// developers and CI.
const corpusPath = "../shared/data/oas-facts.json"

// nonDerivedIDs are corpus nodes whose symbol parses and whose id starts
// like a symbol id but was not derived from the full symbol.
var nonDerivedIDs = map[string]string{
	"rc-23-res-1-01": "id omits the rev. 1 corr. 1 of its symbol",
}

// TestSymbolIDCorpus checks every corpus node whose id looks derived from
// its symbol (it starts with the series, type and number of the parsed
// symbol): its id must be ParseSymbol(symbol).ID().
func TestSymbolIDCorpus(t *testing.T) {
	data, err := os.ReadFile(corpusPath)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s not present; TestSymbolIDCorpusPairs covers a sample", corpusPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	var corpus struct {
		Nodes []struct {
			ID     string  `json:"id"`
			Symbol *string `json:"symbol"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal(data, &corpus); err != nil {
		t.Fatalf("decode %s: %v", corpusPath, err)
	}
	checked := 0
	for _, n := range corpus.Nodes {
		if n.Symbol == nil || *n.Symbol == "" {
			continue
		}
		s, err := ParseSymbol(*n.Symbol)
		if err != nil {
			continue
		}
		prefix := strings.Join([]string{s.SeriesID(), strings.ToLower(s.Type), strconv.Itoa(s.Number)}, "-")
		if !strings.HasPrefix(n.ID, prefix) || nonDerivedIDs[n.ID] != "" {
			continue
		}
		checked++
		if got := s.ID(); got != n.ID {
			t.Errorf("ParseSymbol(%q).ID() = %q, corpus id %q", *n.Symbol, got, n.ID)
		}
	}
	if checked < 100 {
		t.Errorf("checked %d derived ids, want at least 100", checked)
	}
}

// TestSymbolKindSession checks the kind and the sitting a symbol names.
func TestSymbolKindSession(t *testing.T) {
	tests := []struct {
		in        string
		kind      Kind
		session   *SessionRef
		sessionID string
		ordinal   string
	}{
		{"AG/RES. 1412 (XXVI-O/96)", KindResolution,
			&SessionRef{Number: 26, Year: 1996}, "ga-26th-regular-session-1996", "twenty-sixth regular session"},
		{"AG/RES. 1 (XXIV-E/97)", KindResolution,
			&SessionRef{Number: 24, Special: true, Year: 1997}, "ga-24th-special-session-1997", "twenty-fourth special session"},
		{"AG/DEC. 27 (XXXII-O/02)", KindDeclaration,
			&SessionRef{Number: 32, Year: 2002}, "ga-32nd-regular-session-2002", "thirty-second regular session"},
		{"AG/RES. 1789 (XXXI-O/01)", KindResolution,
			&SessionRef{Number: 31, Year: 2001}, "ga-31st-regular-session-2001", "thirty-first regular session"},
		{"AG/RES. 1734 (XXX-O/00)", KindResolution,
			&SessionRef{Number: 30, Year: 2000}, "ga-30th-regular-session-2000", "thirtieth regular session"},
		{"AG/doc.3517/97", KindReport, nil, "", ""},
		{"CP/RES. 796 (1293/01)", KindResolution,
			&SessionRef{Number: 1293, Meeting: true, Year: 2001}, "", "meeting 1293"},
		{"CP/CSH-264/00", KindReport, nil, "", ""},
		{"CP/INF.3241", KindReport, nil, "", ""},
		{"CICTE/DEC. 1/03 rev. 2", KindDeclaration, nil, "", ""},
		{"CIDI/RES. 5 (II-O/97)", KindResolution, &SessionRef{Number: 2, Year: 1997}, "", "second regular session"},
		{"RC.23/RES. 1/01", KindResolution, nil, "", ""},
		{"CE/SH-18/93", KindReport, nil, "", ""},
		{"COSEGRE/doc.18/95 rev. 3", KindReport, nil, "", ""},
		{"CES/DEC. 1/03 rev.1", KindDeclaration, nil, "", ""},
		{"XYZ/doc.1/99", KindReport, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, err := ParseSymbol(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if s.Kind() != tt.kind {
				t.Errorf("Kind() = %s, want %s", s.Kind(), tt.kind)
			}
			r, ok := s.Session()
			var got *SessionRef
			if ok {
				got = &r
			}
			if diff := cmp.Diff(tt.session, got); diff != "" {
				t.Errorf("Session() (-want +got):\n%s", diff)
			}
			if s.SessionID() != tt.sessionID {
				t.Errorf("SessionID() = %q, want %q", s.SessionID(), tt.sessionID)
			}
			if ok && r.Ordinal() != tt.ordinal {
				t.Errorf("Ordinal() = %q, want %q", r.Ordinal(), tt.ordinal)
			}
		})
	}
}

func TestSymbolSeriesID(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"assembly", "AG/RES. 1412 (XXVI-O/96)", "ag"},
		{"committee series", "CP/CSH-264/00", "cp"},
		{"working group", "CP/GT/CSH-33/92", "cp-gt"},
		{"numbered series", "RC.23/RES. 1/01", "rc-23"},
		{"roman suffix", "COSEGRE.II/doc.9/98", "cosegre-ii"},
		{"hyphen suffix", "SEPEIN-II/doc.8/02 rev. 2 corr. 1", "sepein-ii"},
		{"two-part series", "CES/CG/doc.4/03", "ces-cg"},
		{"unknown series", "XYZ/doc.1/99", "xyz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSymbol(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, s.SeriesID()); diff != "" {
				t.Errorf("SeriesID() (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(s.ID(), s.SeriesID()+"-") {
				t.Errorf("ID() = %q does not begin with SeriesID() %q", s.ID(), s.SeriesID())
			}
		})
	}
	if got := (Symbol{}).SeriesID(); got != "" {
		t.Errorf("zero Symbol: SeriesID() = %q, want \"\"", got)
	}
}

func TestSymbolKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ag/res.1412 (xxvi-o/96)", "AG/RES. 1412 (XXVI-O/96)"},
		{"AGIRES.1237 (XXIII-0193)", "AG/RES. 1237 (XXIII-O/93)"},
		{"  oea/ser.p   xxviii-o.2 ", "OEA/SER.P XXVIII-O.2"},
		{"AG/RES….(XXIX-O/99)", "AG/RES….(XXIX-O/99)"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := SymbolKey(tt.in); got != tt.want {
				t.Errorf("SymbolKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
