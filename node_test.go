package hemigraph_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hemigraph/hemigraph"
)

func TestNodeValidate(t *testing.T) {
	valid := hemigraph.Node{ID: "ag-res-1412-xxvi-o-96", Kind: hemigraph.KindResolution, Title: "AG/RES. 1412 (XXVI-O/96)", Date: "1996-06-07"}
	tests := []struct {
		name      string
		edit      func(*hemigraph.Node)
		wantField string // "" means valid
	}{
		{"valid", func(*hemigraph.Node) {}, ""},
		{"missing id", func(n *hemigraph.Node) { n.ID = "" }, "id"},
		{"upper-case id", func(n *hemigraph.Node) { n.ID = "AG-RES-1412" }, "id"},
		{"id with space", func(n *hemigraph.Node) { n.ID = "ag res" }, "id"},
		{"missing kind", func(n *hemigraph.Node) { n.Kind = "" }, "kind"},
		{"unknown kind", func(n *hemigraph.Node) { n.Kind = "Treaty" }, "kind"},
		{"blank title", func(n *hemigraph.Node) { n.Title = "  " }, "title"},
		{"partial date", func(n *hemigraph.Node) { n.Date = "1995-11" }, ""},
		{"year", func(n *hemigraph.Node) { n.Date = "1995" }, ""},
		{"range", func(n *hemigraph.Node) { n.Date = "1995-11-08/1995-11-10" }, ""},
		{"bad date", func(n *hemigraph.Node) { n.Date = "June 1996" }, "date"},
		{"impossible day", func(n *hemigraph.Node) { n.Date = "1996-02-30" }, "date"},
		{"backwards range", func(n *hemigraph.Node) { n.Date = "1995-11-10/1995-11-08" }, "date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := valid
			tt.edit(&n)
			err := n.Validate()
			checkField(t, err, tt.wantField)
		})
	}
}

func TestEdgeValidate(t *testing.T) {
	valid := hemigraph.Edge{From: "ag-res-1412-xxvi-o-96", To: "oas-permanent-council", Type: hemigraph.RelInstructs,
		Provenance: hemigraph.Provenance{Source: "https://example.org/res-1412"}}
	tests := []struct {
		name      string
		edit      func(*hemigraph.Edge)
		wantField string
	}{
		{"valid", func(*hemigraph.Edge) {}, ""},
		{"missing from", func(e *hemigraph.Edge) { e.From = "" }, "from"},
		{"bad to", func(e *hemigraph.Edge) { e.To = "Permanent Council" }, "to"},
		{"unknown type", func(e *hemigraph.Edge) { e.Type = "LIKES" }, "type"},
		{"no provenance", func(e *hemigraph.Edge) { e.Source = "" }, "source"},
		{"document is provenance", func(e *hemigraph.Edge) { e.Source, e.Document = "", "ag-res-1412-xxvi-o-96" }, ""},
		{"self loop", func(e *hemigraph.Edge) { e.To = e.From }, "to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := valid
			tt.edit(&e)
			checkField(t, e.Validate(), tt.wantField)
		})
	}
}

func checkField(t *testing.T, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("Validate() = %v, want nil", err)
		}
		return
	}
	var fe *hemigraph.FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("Validate() = %v, want a *FieldError on %q", err, want)
	}
	if fe.Field != want {
		t.Errorf("field = %q, want %q (%v)", fe.Field, want, err)
	}
	if !errors.Is(err, hemigraph.ErrInvalid) {
		t.Errorf("errors.Is(%v, ErrInvalid) = false", err)
	}
}

func TestParseDate(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		in          string
		first, last string
	}{
		{"1996-06-07", "1996-06-07", "1996-06-07"},
		{"1998-02", "1998-02-01", "1998-02-28"},
		{"1996", "1996-01-01", "1996-12-31"},
		{"1995-11-08/1995-11-10", "1995-11-08", "1995-11-10"},
		{"2005-02/2005-03", "2005-02-01", "2005-03-31"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			first, last, err := hemigraph.ParseDate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !first.Equal(day(tt.first)) || !last.Equal(day(tt.last)) {
				t.Errorf("ParseDate(%q) = %s, %s; want %s, %s", tt.in, first.Format(time.DateOnly), last.Format(time.DateOnly), tt.first, tt.last)
			}
		})
	}
}

func TestEdgeKey(t *testing.T) {
	base := hemigraph.Edge{From: "a", To: "b", Type: hemigraph.RelCites, Verb: "RECALLING",
		Provenance: hemigraph.Provenance{Source: "s", Evidence: "first wording"}}
	same := base
	same.Evidence = "other wording" // evidence is not identity
	if base.Key() != same.Key() {
		t.Errorf("evidence changed the key")
	}
	for name, edit := range map[string]func(*hemigraph.Edge){
		"verb":   func(e *hemigraph.Edge) { e.Verb = "NOTING" },
		"source": func(e *hemigraph.Edge) { e.Source = "t" },
		"type":   func(e *hemigraph.Edge) { e.Type = hemigraph.RelMentions },
		"clause": func(e *hemigraph.Edge) { e.Clause = &hemigraph.ClauseRef{Index: 2} },
		"swap":   func(e *hemigraph.Edge) { e.From, e.To = e.To, e.From },
	} {
		e := base
		edit(&e)
		if e.Key() == base.Key() {
			t.Errorf("changing %s kept the key", name)
		}
	}
}

// TestValidID checks the id rule against its statement as a regular
// expression: a table of edges, then every string of up to three bytes
// over an alphabet that crosses each boundary of the rule.
func TestValidID(t *testing.T) {
	rule := regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)
	want := func(id string) bool { return len(id) <= 200 && rule.MatchString(id) }
	for _, id := range []string{"", "a", "0", ".", "-", "a.", "a-b.c", "ag-res-1412-xxvi-o-96", "A", "a_b", "a b", "é",
		"a\x00", strings.Repeat("a", 200), strings.Repeat("a", 201), "a\n"} {
		if got := hemigraph.ValidID(id); got != want(id) {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want(id))
		}
	}
	alphabet := []byte("az09.-A_/:` \x7f\xff")
	var try func(prefix []byte)
	try = func(prefix []byte) {
		if got := hemigraph.ValidID(string(prefix)); got != want(string(prefix)) {
			t.Errorf("ValidID(%q) = %v, want %v", prefix, got, want(string(prefix)))
		}
		if len(prefix) == 3 {
			return
		}
		for _, c := range alphabet {
			try(append(prefix, c))
		}
	}
	try(nil)
}
