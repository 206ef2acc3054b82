package document

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/golden"
	"golang.org/x/text/encoding/unicode"
)

// fixtures lists the documents under testdata: seed.txt is a real OAS text;
// the others were written for these tests in the OAS style.
func fixtures(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, pattern := range []string{"testdata/*.txt", "testdata/*.html"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) < 8 {
		t.Fatalf("found %d fixtures in testdata, want at least 8", len(out))
	}
	return out
}

func readFixture(t testing.TB, path string) *Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(bytes.NewReader(data), filepath.Base(path))
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return doc
}

// TestGolden compares the full reading of each fixture with its golden
// JSON, testdata/NAME.golden.json. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	for _, path := range fixtures(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			doc := readFixture(t, path)
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, strings.TrimSuffix(path, filepath.Ext(path))+".golden.json", got)
		})
	}
}

// refAt returns the reference of clause number index (from 1) whose
// symbol or name is key.
func refAt(t *testing.T, doc *Document, index int, key string) Reference {
	t.Helper()
	c := doc.Clause(index)
	if c == nil {
		t.Fatalf("no clause %d (have %d)", index, len(doc.Clauses))
	}
	for _, r := range c.References {
		if r.Symbol == key || r.Name == key {
			return r
		}
	}
	t.Fatalf("clause %d (%q) has no reference %q", index, c.Text, key)
	return Reference{}
}

func TestReadSeed(t *testing.T) {
	doc := readFixture(t, "testdata/seed.txt")
	head := Document{
		Source: "seed.txt", Symbol: "AG/RES. 1412 (XXVI-O/96)", ID: "ag-res-1412-xxvi-o-96", IdentityFrom: IdentityPrinted,
		Kind: hemigraph.KindResolution, Body: "oas-general-assembly",
		Session: &SessionInfo{SessionRef: hemigraph.SessionRef{Number: 26, Year: 1996},
			Ordinal: "twenty-sixth regular session", ID: "ga-26th-regular-session-1996"},
		Plenary: 8, Date: "1996-06-07", Language: "en",
	}
	got := *doc
	got.Clauses, got.Text, got.Header, got.Skipped = nil, "", nil, nil
	if diff := cmp.Diff(head, got); diff != "" {
		t.Errorf("document head (-want +got):\n%s", diff)
	}
	if n := len(doc.Clauses); n != 10 {
		t.Fatalf("got %d clauses, want 7 preambular and 3 operative", n)
	}

	decl := refAt(t, doc, 1, "Declaration of Santiago on Confidence- and Security-Building Measures")
	if doc.Clause(1).Verb != "RECALLING" || decl.Relation != hemigraph.RelCites || decl.EntityKind != hemigraph.KindDeclaration {
		t.Errorf("clause 1: verb %q, declaration %+v; want a RECALLING citation of a declaration", doc.Clause(1).Verb, decl)
	}
	for _, c := range doc.Clauses[1:5] {
		if c.Verb != "CONSIDERING" || c.VerbFrom != VerbImplied {
			t.Errorf("clause %d: verb %q from %q, want CONSIDERING implied", c.Index, c.Verb, c.VerbFrom)
		}
	}
	refAt(t, doc, 3, "Santiago Regional Conference on Confidence- and Security-Building Measures")
	refAt(t, doc, 3, "Committee on Hemispheric Security")
	refAt(t, doc, 5, "Buenos Aires Meeting of Experts on Confidence- and Security-Building Measures")

	titles := map[string]string{
		"AG/RES. 1237 (XXIII-O/93)": "Meeting of Experts on Confidence- and Security-Building Measures in the Region",
		"AG/RES. 1284 (XXIV-O/94)":  "Information on Military Expenditures and Register of Conventional Arms",
		"AG/RES. 1288 (XXIV-O/94)":  "Confidence- and Security-Building Measures in the Region",
	}
	for sym, title := range titles {
		r := refAt(t, doc, 6, sym)
		if r.QuotedTitle != title || r.Relation != hemigraph.RelCites || doc.Clause(6).Verb != "NOTING" {
			t.Errorf("clause 6 citation %s: %+v; want a NOTING citation titled %q", sym, r, title)
		}
	}
	if n := len(doc.Clause(6).References); n != 3 {
		t.Errorf("clause 6 has %d references, want the 3 cited resolutions only", n)
	}
	// "the report of <body>" is the report, not the body.
	rep := refAt(t, doc, 7, "report of the Permanent Council's Committee on Hemispheric Security")
	if rep.EntityKind != hemigraph.KindReport || doc.Clause(7).Verb != "NOTING ALSO" {
		t.Errorf("clause 7 report %+v, verb %q", rep, doc.Clause(7).Verb)
	}

	conv := refAt(t, doc, 8, "regional conference to follow up on the Santiago Regional Conference on Confidence- and Security-Building Measures")
	if conv.Relation != hemigraph.RelConvenes || conv.FollowsUp != "Santiago Regional Conference on Confidence- and Security-Building Measures" {
		t.Errorf("operative 1: %+v; want CONVENES a follow-up conference", conv)
	}
	if r := refAt(t, doc, 8, "Santiago Regional Conference on Confidence- and Security-Building Measures"); r.Relation != hemigraph.RelMentions {
		t.Errorf("operative 1 mentions the Santiago conference as %s", r.Relation)
	}
	pc := refAt(t, doc, 9, "Permanent Council")
	if pc.Relation != hemigraph.RelInstructs || pc.Through != "Committee on Hemispheric Security" {
		t.Errorf("operative 2: %+v; want INSTRUCTS the Permanent Council through the committee", pc)
	}
	if gs := refAt(t, doc, 10, "General Secretariat"); gs.Relation != hemigraph.RelInstructs {
		t.Errorf("operative 3: %+v; want INSTRUCTS the General Secretariat", gs)
	}
	for i, c := range doc.Clauses {
		if c.Kind == Operative && c.Number != i-6 {
			t.Errorf("clause %d is operative %d, want %d", c.Index, c.Number, i-6)
		}
	}
}

// TestReadDropsFurniture checks that no navigation words of the fixtures'
// page furniture reach a clause or a reference, and that each is reported
// among the skipped parts.
func TestReadDropsFurniture(t *testing.T) {
	furniture := []string{"Secretary for Legal Affairs", "Office of Legal Cooperation", "Home Page", "Search",
		"Anti-Corruption", "Print this page", "Home | Documents", "Contact Us", "Búsqueda",
		"Test fixture", "Documento de prueba", "Espa"}
	for _, path := range fixtures(t) {
		doc := readFixture(t, path)
		for _, word := range furniture {
			if !strings.Contains(doc.Text, word) {
				continue
			}
			for _, c := range doc.Clauses {
				if strings.Contains(c.Text, word) {
					t.Errorf("%s: clause %d keeps furniture %q", path, c.Index, word)
				}
			}
			if !slices.ContainsFunc(doc.Skipped, func(s Span) bool { return strings.Contains(s.Text, word) }) {
				t.Errorf("%s: furniture %q is not reported as skipped (skipped: %+v)", path, word, doc.Skipped)
			}
		}
	}
}

func TestReadFixtures(t *testing.T) {
	type ref struct {
		clause   int
		key      string
		relation hemigraph.RelType
		kind     hemigraph.Kind
	}
	tests := []struct {
		file     string
		symbol   string
		language string
		plenary  int
		date     string
		title    string
		clauses  int
		refs     []ref
	}{
		{"variants_en.txt", "AG/RES. 9001 (XXXII-O/02)", "en", 4, "2002-06-04", "STRENGTHENING CONFIDENCE AND SECURITY IN THE AMERICAS", 12, []ref{
			{1, "AG/doc.3517/97", hemigraph.RelCites, hemigraph.KindReport},
			{1, "CP/doc.2990/97 corr. 1", hemigraph.RelCites, hemigraph.KindReport},
			{2, "AG/RES. 1353 (XXV-O/95)", hemigraph.RelCites, hemigraph.KindResolution},
			{2, "AG/RES. 1643 (XXIX-O/99)", hemigraph.RelCites, hemigraph.KindResolution},
			{2, "AG/RES. 1237 (XXIII-O/93)", hemigraph.RelCites, hemigraph.KindResolution},
			{2, "AG/RES. 1495 (XXVII-O/97)", hemigraph.RelCites, hemigraph.KindResolution},
			{2, "AG/RES. 1445 (XXVII-O/97)", hemigraph.RelCites, hemigraph.KindResolution},
			{2, "AG/RES. 1412 (XXVI-O/96)", hemigraph.RelCites, hemigraph.KindResolution},
			{2, "AG/RES. 1409 (XXVI-O/96)", hemigraph.RelCites, hemigraph.KindResolution},
			{3, "AG/RES. 1121 (XXI-O/91)", hemigraph.RelCites, hemigraph.KindResolution},
			{3, "AG/RES. 1123 (XXI-O/91)", hemigraph.RelCites, hemigraph.KindResolution},
			{3, "AG/RES. 1568 (XXVIII-O/98)", hemigraph.RelCites, hemigraph.KindResolution},
			{3, "AG/DEC. 16 (XXVIII-O/98)", hemigraph.RelCites, hemigraph.KindDeclaration},
			{4, "CP/CSH-264/00", hemigraph.RelCites, hemigraph.KindReport},
			{4, "CP/RES. 796 (1293/01)", hemigraph.RelCites, hemigraph.KindResolution},
			{5, "CICTE/DEC. 1/03 rev. 2", hemigraph.RelCites, hemigraph.KindDeclaration},
			{5, "Inter-American Committee against Terrorism", hemigraph.RelCites, hemigraph.KindBody},
			{7, "Inter-American Defense Board", hemigraph.RelCites, hemigraph.KindBody},
			{9, "General Secretariat", hemigraph.RelRequests, hemigraph.KindBody},
			{10, "Working Group on Confidence- and Security-Building Measures of the Committee on Hemispheric Security", hemigraph.RelEstablishes, hemigraph.KindBody},
			{11, "Special Conference on Security", hemigraph.RelMentions, hemigraph.KindConference},
			{12, "Second Meeting of the Forum on Confidence- and Security-Building Measures", hemigraph.RelConvenes, hemigraph.KindConference},
		}},
		{"es.txt", "AG/RES. 9002 (XXVII-O/97)", "es", 8, "1997-06-05", "MEDIDAS DE FOMENTO DE LA CONFIANZA Y DE LA SEGURIDAD EN LA REGIÓN", 8, []ref{
			{1, "Declaración de Santiago sobre Medidas de Fomento de la Confianza y de la Seguridad", hemigraph.RelCites, hemigraph.KindDeclaration},
			{1, "AG/RES. 1284 (XXIV-O/94)", hemigraph.RelCites, hemigraph.KindResolution},
			{1, "AG/RES. 1288 (XXIV-O/94)", hemigraph.RelCites, hemigraph.KindResolution},
			{3, "Comisión de Seguridad Hemisférica", hemigraph.RelCites, hemigraph.KindBody},
			{4, "Junta Interamericana de Defensa", hemigraph.RelCites, hemigraph.KindBody},
			{6, "conferencia regional de seguimiento de la Conferencia Regional de Santiago sobre Medidas de Fomento de la Confianza y de la Seguridad", hemigraph.RelConvenes, hemigraph.KindConference},
			{7, "Consejo Permanente", hemigraph.RelInstructs, hemigraph.KindBody},
			{8, "Secretaría General", hemigraph.RelRequests, hemigraph.KindBody},
		}},
		{"fr.txt", "AG/RES. 9003 (XXVII-O/97)", "fr", 9, "1997-06-05", "MESURES DE CONFIANCE ET DE SÉCURITÉ DANS LA RÉGION", 7, []ref{
			{1, "AG/RES. 1121 (XXI-O/91)", hemigraph.RelCites, hemigraph.KindResolution},
			{1, "AG/RES. 1123 (XXI-O/91)", hemigraph.RelCites, hemigraph.KindResolution},
			{2, "Conférence régionale de Santiago", hemigraph.RelCites, hemigraph.KindConference},
			{3, "CP/CSH-264/00 rev. 1", hemigraph.RelCites, hemigraph.KindReport},
			{4, "CICTE", hemigraph.RelCites, hemigraph.KindBody},
			{5, "réunion d'experts de suivi de la Conférence régionale de Santiago", hemigraph.RelConvenes, hemigraph.KindConference},
			{6, "Conseil permanent", hemigraph.RelInstructs, hemigraph.KindBody},
			{7, "Secrétariat général", hemigraph.RelRequests, hemigraph.KindBody},
		}},
		{"pt.txt", "AG/RES. 9004 (XXVII-O/97)", "pt", 7, "1997-06-04", "MEDIDAS DE FORTALECIMENTO DA CONFIANÇA E DA SEGURANÇA", 7, []ref{
			{1, "AG/RES. 1284 (XXIV-O/94)", hemigraph.RelCites, hemigraph.KindResolution},
			{1, "AG/RES. 1288 (XXIV-O/94)", hemigraph.RelCites, hemigraph.KindResolution},
			{2, "Conferência Regional de Santiago", hemigraph.RelCites, hemigraph.KindConference},
			{3, "Declaração de Santiago sobre Medidas de Fortalecimento da Confiança e da Segurança", hemigraph.RelCites, hemigraph.KindDeclaration},
			{5, "conferência regional de acompanhamento da Conferência Regional de Santiago", hemigraph.RelConvenes, hemigraph.KindConference},
			{6, "Conselho Permanente", hemigraph.RelInstructs, hemigraph.KindBody},
			{7, "Secretaria-Geral", hemigraph.RelRequests, hemigraph.KindBody},
		}},
		{"page.html", "CP/RES. 9005 (1293/01)", "en", 0, "2001-10-24", "SUPPORT FOR THE WORK OF THE INTER-AMERICAN COMMITTEE AGAINST TERRORISM", 5, []ref{
			{1, "RC.23/RES. 1/01 rev. 1 corr. 1", hemigraph.RelCites, hemigraph.KindResolution},
			{1, "Twenty-third Meeting of Consultation of Ministers of Foreign Affairs", hemigraph.RelCites, hemigraph.KindConference},
			{1, "AG/RES. 1 (XXIV-E/97)", hemigraph.RelCites, hemigraph.KindResolution},
			{2, "CP/doc.3430/01 corr. 1", hemigraph.RelCites, hemigraph.KindReport},
			{3, "third regular session of CICTE", hemigraph.RelCites, hemigraph.KindSession},
			{4, "General Secretariat", hemigraph.RelRequests, hemigraph.KindBody},
			{5, "Committee on Hemispheric Security", hemigraph.RelInstructs, hemigraph.KindBody},
			{5, "Permanent Council", hemigraph.RelMentions, hemigraph.KindBody},
		}},
		{"cp1252.html", "AG/RES. 9006 (XXVI-O/96)", "es", 11, "1996-06-07", "APOYO AL DIÁLOGO HEMISFÉRICO SOBRE SEGURIDAD", 4, []ref{
			{1, "Reunión de Expertos de Buenos Aires", hemigraph.RelCites, hemigraph.KindConference},
			{1, "AG/doc.3352/96", hemigraph.RelCites, hemigraph.KindReport},
			{4, "Secretaría General", hemigraph.RelInstructs, hemigraph.KindBody},
		}},
		{"latin1.txt", "CP/RES. 9007 (1198/99)", "es", 0, "1999-09-15", "", 2, []ref{
			{1, "CP/RES. 752 (1198/99)", hemigraph.RelCites, hemigraph.KindResolution},
			{2, "Comisión de Seguridad Hemisférica", hemigraph.RelRequests, hemigraph.KindBody},
		}},
		{"report.txt", "CP/CSH-9008/00 rev. 1", "en", 0, "", "THE ORGANIZATION OF AMERICAN STATES AND THE INTER-AMERICAN DEFENSE BOARD", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := readFixture(t, filepath.Join("testdata", tt.file))
			type head struct {
				Symbol, Language, Date, Title string
				Plenary, Clauses              int
			}
			want := head{tt.symbol, tt.language, tt.date, tt.title, tt.plenary, tt.clauses}
			got := head{doc.Symbol, doc.Language, doc.Date, doc.Title, doc.Plenary, verbClauses(doc)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("document (-want +got):\n%s", diff)
			}
			for _, w := range tt.refs {
				r := refAt(t, doc, w.clause, w.key)
				if r.Relation != w.relation || r.EntityKind != w.kind {
					t.Errorf("clause %d %q: %s %s, want %s %s", w.clause, w.key, r.Relation, r.EntityKind, w.relation, w.kind)
				}
			}
		})
	}
}

// verbClauses counts the preambular and operative clauses of doc.
func verbClauses(doc *Document) int {
	n := 0
	for _, c := range doc.Clauses {
		if c.Kind == Preambular || c.Kind == Operative {
			n++
		}
	}
	return n
}

func TestReadFixtureDetails(t *testing.T) {
	en := readFixture(t, "testdata/variants_en.txt")
	if c := en.Clause(6); c.Verb != "CONSIDERING" || c.VerbFrom != VerbInherited || len(c.References) != 0 {
		t.Errorf("placeholder clause: verb %q from %q, references %+v; want an inherited CONSIDERING and no references", c.Verb, c.VerbFrom, c.References)
	}
	if r := refAt(t, en, 3, "AG/DEC. 16 (XXVIII-O/98)"); r.QuotedTitle != "Reaffirmation of Caracas" {
		t.Errorf("declaration title %q", r.QuotedTitle)
	}
	if n := len(en.Clause(3).References); n != 8 {
		t.Errorf("RECALLING ALSO has %d references, want 2 combined + 5 in the range + 1 declaration", n)
	}
	if r := refAt(t, en, 9, "General Secretariat"); r.Through != "Department of International Law" {
		t.Errorf("through = %q", r.Through)
	}
	if r := refAt(t, en, 5, "Inter-American Committee against Terrorism"); r.Acronym != "CICTE" {
		t.Errorf("acronym = %q", r.Acronym)
	}
	var lastOp, note *Clause
	for i := range en.Clauses {
		switch c := &en.Clauses[i]; {
		case c.Kind == Operative:
			lastOp = c
		case strings.Contains(c.Text, "footnote"):
			note = c
		}
	}
	if lastOp == nil || lastOp.Number != 5 || strings.Contains(lastOp.Text, "footnote") {
		t.Errorf("last operative clause %+v: want operative 5 without the footnote", lastOp)
	}
	if note == nil || note.Kind != Paragraph {
		t.Errorf("footnote clause %+v: want the footnote kept as a paragraph", note)
	}

	es := readFixture(t, "testdata/es.txt")
	if r := refAt(t, es, 7, "Consejo Permanente"); r.Through != "Comisión de Seguridad Hemisférica" {
		t.Errorf("es through = %q", r.Through)
	}
	if c := es.Clause(1); c.Verb != "RECORDANDO" || c.VerbEN != "RECALLING" {
		t.Errorf("es verb %q (%q)", c.Verb, c.VerbEN)
	}
	fr := readFixture(t, "testdata/fr.txt")
	if c := fr.Clause(4); c.Verb != "TENANT COMPTE" || c.VerbEN != "BEARING IN MIND" {
		t.Errorf("fr verb %q (%q)", c.Verb, c.VerbEN)
	}
	pt := readFixture(t, "testdata/pt.txt")
	if c := pt.Clause(2); c.Verb != "TENDO VISTO" || c.VerbEN != "HAVING SEEN" {
		t.Errorf("pt verb %q (%q)", c.Verb, c.VerbEN)
	}

	cp := readFixture(t, "testdata/cp1252.html")
	if !strings.Contains(cp.Clause(2).Text, "el año pasado") || !strings.Contains(cp.Clause(4).Text, "acompañe") {
		t.Errorf("Windows-1252 text not decoded: %q", cp.Clause(2).Text)
	}
	l1 := readFixture(t, "testdata/latin1.txt")
	if r := refAt(t, l1, 1, "CP/RES. 752 (1198/99)"); r.QuotedTitle != "Acompañamiento del diálogo hemisférico" {
		t.Errorf("Latin-1 quoted title %q", r.QuotedTitle)
	}
}

func TestReadEncodings(t *testing.T) {
	const doc = "AG/RES. 1 (XXVI-O/96)\n\nRECALLING the Declaración de Montevideo;\n"
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(doc)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		want string // text of the first clause
	}{
		{"UTF-8", doc, "RECALLING the Declaración de Montevideo;"},
		{"UTF-8 with BOM", "\ufeff" + doc, "RECALLING the Declaración de Montevideo;"},
		{"UTF-16 with BOM", utf16, "RECALLING the Declaración de Montevideo;"},
		{"Windows-1252 without declaration", "AG/RES. 1 (XXVI-O/96)\n\nRECALLING the \x93Declaraci\xf3n\x94 of 2004;\n", "RECALLING the “Declaración” of 2004;"},
		{"meta charset honoured", `<html><head><meta charset="iso-8859-15"></head><body><p>AG/RES. 1 (XXVI-O/96)</p><p>RECALLING a cost of 5 ` + "\xa4" + `;</p></body></html>`, "RECALLING a cost of 5 €;"},
		{"HTML entities and breaks", "<p>AG/RES. 1 (XXVI-O/96)</p><p>RECALLING the Meeting&nbsp;of&nbsp;Experts &amp; the<br>\nSanta&#160;Cruz Conference;</p>", "RECALLING the Meeting of Experts & the Santa Cruz Conference;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read(strings.NewReader(tt.in), "in")
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Clauses) == 0 {
				t.Fatalf("no clauses in %q", d.Text)
			}
			if diff := cmp.Diff(tt.want, d.Clause(1).Text); diff != "" {
				t.Errorf("clause text (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", "in.txt:1: empty document"},
		{"white space", " \n\t\r\n  ", "in.txt:1: empty document"},
		{"binary with NUL", "\x7fELF\x02\x01\x01\x00\x00\x00", "in.txt:1: binary data (NUL byte)"},
		{"NUL on line 3", "AG/RES. 1 (XXVI-O/96)\nRECALLING\n\x00", "in.txt:3: binary data (NUL byte)"},
		{"control characters", strings.Repeat("\x01\x02\x03\x04 abc ", 20), "in.txt:1: binary data (control characters)"},
		{"no symbol", "\nHello\nRECALLING that nothing is cited;\n", "in.txt:2: no document symbol in the text, the file name or the URL: give the document's symbol or id (hemigraph load -symbol/-id, or a manifest), or its URL"},
		{"placeholder symbol", "AG/RES….(XXIX-O/99)\n\nRECALLING that;\n", "in.txt:1: no document symbol in the text, the file name or the URL: give the document's symbol or id (hemigraph load -symbol/-id, or a manifest), or its URL"},
		{"HTML without text", "<html><head><script>var a = 1;</script></head><body></body></html>", "in.txt:1: empty document"},
		{"too large", strings.Repeat("a", MaxSize+1), fmt.Sprintf("in.txt:1: document larger than %d bytes", MaxSize)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(strings.NewReader(tt.in), "in.txt")
			if err == nil {
				t.Fatalf("Read = %+v, want error %q", doc, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error %q, want %q", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, hemigraph.ErrInvalid) {
				t.Errorf("error %v is not an *Error wrapping ErrInvalid", err)
			}
		})
	}
	t.Run("reader error", func(t *testing.T) {
		boom := errors.New("boom")
		_, err := Read(iotest.ErrReader(boom), "in.txt")
		if !errors.Is(err, boom) || err.Error() != "read in.txt: boom" {
			t.Errorf("error %v, want read in.txt: boom", err)
		}
	})
}

func TestAdoptionLines(t *testing.T) {
	tests := []struct {
		line    string
		plenary int
		date    string
	}{
		{"(Resolution adopted at the eighth plenary session, held on June 7, 1996)", 8, "1996-06-07"},
		{"(Adopted at the twentieth plenary session, held on 7 June 2005)", 20, "2005-06-07"},
		{"(Resolution adopted at the twenty-first plenary session held on June 4, 2002)", 21, "2002-06-04"},
		{"(Resolution adopted at the 3rd plenary session, held on June 5, 1996)", 3, "1996-06-05"},
		{"(Aprobada en la octava sesión plenaria, celebrada el 7 de junio de 1996)", 8, "1996-06-07"},
		{"(Resolución aprobada en la décima primera sesión plenaria, celebrada el 4 de junio de 2002)", 11, "2002-06-04"},
		{"(Résolution adoptée à la huitième séance plénière, tenue le 7 juin 1996)", 8, "1996-06-07"},
		{"(Résolution adoptée à la première séance plénière, tenue le 1er juin 1999)", 1, "1999-06-01"},
		{"(Aprovada na oitava sessão plenária, realizada em 7 de junho de 1996)", 8, "1996-06-07"},
		{"(Resolução aprovada na 2ª sessão plenária, realizada em 6 de junho de 2000)", 2, "2000-06-06"},
		{"(Approved at the meeting held on October 24, 2001)", 0, "2001-10-24"},
		{"(Resolution adopted at the first plenary session, held on June 31, 1996)", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			in := "AG/RES. 1 (XXVI-O/96)\n\n" + tt.line + "\n\nRECALLING that;\n"
			d, err := Read(strings.NewReader(in), "in")
			if err != nil {
				t.Fatal(err)
			}
			if d.Plenary != tt.plenary || d.Date != tt.date || d.Title != "" {
				t.Errorf("plenary %d, date %q, title %q; want %d, %q and no title", d.Plenary, d.Date, d.Title, tt.plenary, tt.date)
			}
		})
	}
}

func TestPreambleVerb(t *testing.T) {
	tests := []struct {
		line string
		verb string // "" when the line opens no clause
	}{
		{"RECALLING that the Declaration", "RECALLING"},
		{"NOTING ALSO the report", "NOTING ALSO"},
		{"TAKING NOTE of the report", "TAKING NOTE"},
		{"TAKING INTO ACCOUNT the", "TAKING INTO ACCOUNT"},
		{"BEARING IN MIND that", "BEARING IN MIND"},
		{"HAVING SEEN the annual report", "HAVING SEEN"},
		{"CONSIDERING:", "CONSIDERING"},
		{"DEEPLY CONCERNED that", "DEEPLY CONCERNED"},
		{"AWARE of", "AWARE"},
		{"RECOGNIZING OAS efforts", "RECOGNIZING"},
		{"NOTING AG/RES. 1237 (XXIII-O/93)", "NOTING"},
		{"TENIENDO EN CUENTA que", "TENIENDO EN CUENTA"},
		{"PRENANT NOTE du rapport", "PRENANT NOTE"},
		{"TENDO VISTO o relatório", "TENDO VISTO"},
		{"AYANT VU le rapport", "AYANT VU"},
		{"STRENGTHENING OF THE OAS IN HEMISPHERIC SECURITY", ""},
		{"THE GENERAL ASSEMBLY,", ""},
		{"RESOLVES:", ""},
		{"That the strengthening", ""},
		{"Recalling that", ""},
		{"OAS member states", ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			verb, _, ok := preambleVerb(tt.line)
			if ok != (tt.verb != "") || verb != tt.verb {
				t.Errorf("preambleVerb(%q) = %q, %v; want %q", tt.line, verb, ok, tt.verb)
			}
		})
	}
}

func TestOperativeVerb(t *testing.T) {
	tests := []struct {
		text, lang, verb, en string
	}{
		{"To convene a regional conference", "en", "TO CONVENE", "TO CONVENE"},
		{"To also request the Council", "en", "TO REQUEST", "TO REQUEST"},
		{"To express its appreciation to the Government", "en", "TO EXPRESS ITS APPRECIATION", "TO EXPRESS ITS APPRECIATION"},
		{"To take note of the report", "en", "TO TAKE NOTE", "TO TAKE NOTE"},
		{"Urges member states to", "en", "URGES", "TO URGE"},
		{"Convocar una conferencia", "es", "CONVOCAR", "TO CONVENE"},
		{"Expresar su reconocimiento al Gobierno", "es", "EXPRESAR SU RECONOCIMIENTO", "TO EXPRESS ITS APPRECIATION"},
		{"Solicitar asimismo a la Secretaría", "es", "SOLICITAR", "TO REQUEST"},
		{"De prier instamment les États", "fr", "PRIER INSTAMMENT", "TO URGE"},
		{"Prendre note du rapport", "fr", "PRENDRE NOTE", "TO TAKE NOTE"},
		{"Encarregar o Conselho", "pt", "ENCARREGAR", "TO INSTRUCT"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			verb, en, _ := operativeVerb(tt.text, tt.lang)
			if verb != tt.verb || en != tt.en {
				t.Errorf("operativeVerb(%q) = %q, %q; want %q, %q", tt.text, verb, en, tt.verb, tt.en)
			}
		})
	}
}

func TestReadLayouts(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		numbers  []int // operative numbers, in order
		warnings int
	}{
		{"unnumbered operatives", "AG/RES. 1 (XXVI-O/96)\n\nNOTING the report;\n\nRESOLVES:\n\nTo convene a meeting of experts.\n\nTo instruct the Permanent Council to prepare it.\n", []int{1, 2}, 0},
		{"resolves with its text", "AG/RES. 1 (XXVI-O/96)\n\nNOTING the report,\n\nRESOLVES to convene a meeting of experts.\n", []int{1}, 0},
		{"footnotes restart numbering", "AG/RES. 1 (XXVI-O/96)\n\nNOTING the report,\n\n1. To convene a meeting.\n\n2. To instruct the Council.\n\n1. A delegation reserved its position.\n", []int{1, 2}, 0},
		{"skipped number", "AG/RES. 1 (XXVI-O/96)\n\nNOTING the report,\n\n1. To convene a meeting.\n\n3. To instruct the Council.\n", []int{1, 3}, 1},
		{"wrapped lines", "AG/RES. 1 (XXVI-O/96)\n\nNOTING the report of the\nPermanent Council,\n\n1. To convene a\nmeeting.\n", []int{1}, 0},
		{"annex heading", "AG/RES. 1 (XXVI-O/96)\n\nNOTING the report,\n\n1. To convene a meeting.\n\nANNEX\n\nRules of procedure of the meeting.\n", []int{1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read(strings.NewReader(tt.in), "in")
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, c := range d.Clauses {
				if c.Kind == Operative {
					got = append(got, c.Number)
				}
			}
			if diff := cmp.Diff(tt.numbers, got); diff != "" {
				t.Errorf("operative numbers (-want +got):\n%s", diff)
			}
			if len(d.Warnings) != tt.warnings {
				t.Errorf("warnings %q, want %d", d.Warnings, tt.warnings)
			}
			checkOffsets(t, d)
		})
	}
}

// checkOffsets checks the invariants of a document's offsets.
func checkOffsets(t *testing.T, d *Document) {
	t.Helper()
	if !utf8.ValidString(d.Text) {
		t.Fatalf("text is not valid UTF-8")
	}
	for _, c := range d.Clauses {
		if c.Start < 0 || c.Start > c.End || c.End > len(d.Text) {
			t.Fatalf("clause %d: offsets %d..%d outside text of %d bytes", c.Index, c.Start, c.End, len(d.Text))
		}
		if got := strings.ReplaceAll(d.Text[c.Start:c.End], "\n", " "); got != c.Text {
			t.Fatalf("clause %d: text %q, but text[%d:%d] is %q", c.Index, c.Text, c.Start, c.End, got)
		}
		for _, r := range c.References {
			if r.Start < 0 || r.Start > r.End || r.End > len(c.Text) {
				t.Fatalf("clause %d: reference %+v outside clause text of %d bytes", c.Index, r, len(c.Text))
			}
			switch r.Kind {
			case RefName:
				if c.Text[r.Start:r.End] != r.Name {
					t.Fatalf("clause %d: name %q at %d..%d, text there %q", c.Index, r.Name, r.Start, r.End, c.Text[r.Start:r.End])
				}
			case RefSymbol:
				if !hemigraph.ValidID(r.ID) {
					t.Fatalf("clause %d: symbol %q has id %q", c.Index, r.Symbol, r.ID)
				}
			default:
				t.Fatalf("clause %d: reference kind %q", c.Index, r.Kind)
			}
		}
	}
}

func TestReadOffsets(t *testing.T) {
	for _, path := range fixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) { checkOffsets(t, readFixture(t, path)) })
	}
}

// FuzzRead checks that Read never panics, returns a document or an error,
// and keeps its offsets within bounds.
func FuzzRead(f *testing.F) {
	for _, path := range fixtures(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"", "AG/RES. 1 (I-O/99)\n1. To", "<p>AG/RES. 1 (I-O/99)<p>RECALLING x's (", "AGIRES.1 (I-0199)\nThat\n1.\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(bytes.NewReader(data), "fuzz")
		if (d == nil) == (err == nil) {
			t.Fatalf("Read returned document %v and error %v", d, err)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 {
				t.Fatalf("error %v is not an *Error with a line", err)
			}
			return
		}
		if d.Symbol == "" || !hemigraph.ValidID(d.ID) {
			t.Fatalf("document without a valid symbol: %q %q", d.Symbol, d.ID)
		}
		checkOffsets(t, d)
	})
}

// BenchmarkRead measures Read over the seed and over a large synthetic
// resolution built from its paragraphs.
func BenchmarkRead(b *testing.B) {
	seed, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		data []byte
	}{{"seed", seed}, {"large", largeDocument(seed, 200)}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Read(bytes.NewReader(bc.data), bc.name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// largeDocument repeats the preamble and operative paragraphs of the seed
// n times, numbering the operative paragraphs on.
func largeDocument(seed []byte, n int) []byte {
	text := string(seed)
	start := strings.Index(text, "RECALLING")
	ops := strings.Index(text, "1. To convene")
	end := strings.Index(text, "Home Page")
	preamble := text[start:ops]
	operative := strings.Split(strings.TrimSpace(text[ops:end]), "\n\n")
	var b strings.Builder
	b.WriteString(text[:start])
	for range n {
		b.WriteString(preamble)
	}
	k := 0
	for range n {
		for _, p := range operative {
			k++
			_, body, _ := strings.Cut(p, ". ")
			fmt.Fprintf(&b, "%d. %s\n\n", k, body)
		}
	}
	b.WriteString(text[end:])
	return []byte(b.String())
}
