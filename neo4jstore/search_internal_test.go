package neo4jstore

import (
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// TestFieldOf decides which of the two fields of a language's call a hit
// matched: the one holding more of the words, with the analyzers' folding
// of case, accents and endings; the first on a tie, unless it is empty.
func TestFieldOf(t *testing.T) {
	// node is a node with its title and aliases.
	node := func(title, aliases string) *hemigraph.Node {
		return &hemigraph.Node{Title: title, Aliases: strings.Split(aliases, " | ")}
	}
	rel := func(clause, evidence string) *hemigraph.Relation {
		r := &hemigraph.Relation{Edge: hemigraph.Edge{Provenance: hemigraph.Provenance{Evidence: evidence}}}
		if clause != "" {
			r.Clause = &hemigraph.ClauseRef{Text: clause}
		}
		return r
	}
	tests := []struct {
		name      string
		text      string
		n         *hemigraph.Node
		r         *hemigraph.Relation
		wantField string
		wantText  string
	}{
		{"title", "Cooperation", node("Hemispheric Cooperation", "CIDI"), nil, query.FieldTitle, "Hemispheric Cooperation"},
		{"alias only", "citaac", node("Inter-American Committee", "CITAAC | Comité"), nil, query.FieldAlias, "CITAAC | Comité"},
		{"both: the first", "santiago", node("Conference of Santiago", "Santiago 1995"), nil, query.FieldTitle, "Conference of Santiago"},
		{"more words in the alias", "santiago chile", node("Conference of Santiago", "Santiago de Chile"), nil,
			query.FieldAlias, "Santiago de Chile"},
		{"accents and case", "DECLARACION", node("Estatuto", "Declaración de Santiago"), nil, query.FieldAlias, "Declaración de Santiago"},
		{"plural", "resolutions", node("Resolution on mines", "AG"), nil, query.FieldTitle, "Resolution on mines"},
		{"Portuguese plural", "nações", node("Carta", "Organização das Nação"), nil, query.FieldAlias, "Organização das Nação"},
		{"neither: the first", "zanzibar", node("Title", "Alias"), nil, query.FieldTitle, "Title"},
		{"no title", "zanzibar", node("", "Alias"), nil, query.FieldAlias, "Alias"},
		{"clause", "november", nil, rel("held in Santiago in November 1995", "first preambular paragraph"), query.FieldClause,
			"held in Santiago in November 1995"},
		{"evidence", "PREAMBULAR", nil, rel("held in Santiago in November 1995", "first preambular paragraph"), query.FieldEvidence,
			"first preambular paragraph"},
		{"no clause", "santiago", nil, rel("", "recalls the Santiago declaration"), query.FieldEvidence, "recalls the Santiago declaration"},
		{"Lucene syntax", `title:(november*`, nil, rel("in November", "recalls"), query.FieldClause, "in November"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n hemigraph.Node
			if tt.n != nil {
				n = *tt.n
			}
			field, text := fieldOf(tt.text, n, tt.r)
			if field != tt.wantField || text != tt.wantText {
				t.Errorf("fieldOf(%q) = %s %q, want %s %q", tt.text, field, text, tt.wantField, tt.wantText)
			}
		})
	}
}

// TestSameStem compares words as the stemmers fold them, closely enough
// to tell two fields apart.
func TestSameStem(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"measures", "measures", true},
		{"resolutions", "resolution", true},
		{"nacoes", "nacao", true},
		{"terrorism", "terror", true},
		{"national", "nation", true},
		{"cyber", "cycle", false},
		{"cyber", "cyberspace", false},
		{"ab", "abc", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+" "+tt.b, func(t *testing.T) {
			if got := sameStem(tt.a, tt.b); got != tt.want {
				t.Errorf("sameStem(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestSearchSources: with every language, a search reads nine full-text
// index calls, one per index, and the words only ever as parameters.
func TestSearchSources(t *testing.T) {
	p := newParams()
	src, err := searchSources(query.SearchQuery{Text: `Santiago' OR 1=1 title:x`}, p)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(src, "db.index.fulltext."); got != 9 {
		t.Errorf("%d index calls, want 9:\n%s", got, src)
	}
	for _, idx := range []string{"'entity_text'", "'entity_text_english'", "'relation_text_portuguese'"} {
		if strings.Count(src, idx) != 1 {
			t.Errorf("index %s not called once:\n%s", idx, src)
		}
	}
	if strings.Contains(src, "Santiago") || strings.Contains(src, "1=1") {
		t.Errorf("the text is in the statement:\n%s", src)
	}
	if got, want := p.m["p4"], `title:(santiago' or 1=1 title\:x) OR aliasText:(santiago' or 1=1 title\:x)`; got != want {
		t.Errorf("node query %v, want %v (params %v)", got, want, p.m)
	}
}
