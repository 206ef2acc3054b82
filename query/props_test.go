package query

import (
	"testing"

	"github.com/hemigraph/hemigraph"
)

// TestPropsHasWith: the zero value is every property, as a set read and as
// a set needed.
func TestPropsHasWith(t *testing.T) {
	title := PropID | PropTitle
	for _, c := range []struct {
		p, q NodeProps
		has  bool
	}{
		{0, title, true}, {0, 0, true}, {AllNodeProps, 0, true},
		{title, PropID, true}, {title, PropID | PropDate, false}, {title, 0, false},
	} {
		if got := c.p.Has(c.q); got != c.has {
			t.Errorf("%b.Has(%b) = %v, want %v", c.p, c.q, got, c.has)
		}
	}
	if got := title.With(PropDate); got != title|PropDate {
		t.Errorf("With = %b", got)
	}
	if title.With(0) != 0 || NodeProps(0).With(title) != 0 || RelProps(0).With(PropVerb) != 0 {
		t.Errorf("With zero is not every property")
	}
	if !RelProps(0).Has(PropVerb) || (PropKey | PropVerb).Has(PropEvidence) || (PropKey).Has(0) {
		t.Errorf("RelProps.Has")
	}
}

// TestPrefetchReadings: the readings of one relation list kept for a node
// are those no other holds every property of, and Get answers from one
// that holds what is needed, or not at all.
func TestPrefetchReadings(t *testing.T) {
	q := RelQuery{Types: []hemigraph.RelType{hemigraph.RelCites}, First: 5}
	rels := func(id string) []hemigraph.Relation { return []hemigraph.Relation{{ID: id}} }
	nearAll := Prefetched{Rels: rels("near all"), NearProps: 0, FarProps: PropID, RelProps: PropKey}
	farTitle := Prefetched{Rels: rels("far title"), NearProps: PropID, FarProps: PropID | PropTitle, RelProps: PropKey}
	both := Prefetched{Rels: rels("both"), NearProps: 0, FarProps: PropID | PropTitle | PropDate, RelProps: PropKey | PropVerb}

	p := Prefetch{}
	p.Add("x", q.Key(), farTitle)
	p.Add("x", q.Key(), nearAll)
	if n := len(p["x"][q.Key()]); n != 2 {
		t.Fatalf("%d readings kept, want 2: neither holds the other", n)
	}
	for _, c := range []struct {
		need Prefetched
		want string // "" for none
	}{
		{Prefetched{NearProps: PropID, FarProps: PropID | PropTitle, RelProps: PropKey}, "far title"},
		{Prefetched{NearProps: PropID | PropTitle, FarProps: PropID, RelProps: PropKey}, "near all"},
		{Prefetched{NearProps: PropID | PropTitle, FarProps: PropID | PropTitle, RelProps: PropKey}, ""},
		{Prefetched{NearProps: PropID, FarProps: PropID, RelProps: PropKey | PropVerb}, ""},
		{Prefetched{}, ""}, // every property
	} {
		got, ok := p.Get("x", q, c.need)
		switch {
		case c.want == "" && ok:
			t.Errorf("Get(%+v) = %v, want none", c.need, got)
		case c.want != "" && (!ok || got[0].ID != c.want):
			t.Errorf("Get(%+v) = %v, %v, want %q", c.need, got, ok, c.want)
		}
	}

	// A reading holding every property of those kept replaces them; one
	// they hold is not kept.
	p.Add("x", q.Key(), both)
	p.Add("x", q.Key(), farTitle)
	if l := p["x"][q.Key()]; len(l) != 1 || l[0].Rels[0].ID != "both" {
		t.Errorf("readings kept: %+v, want both alone", l)
	}
	o := Prefetch{}
	o.Put("x", q.Key(), rels("full"))
	p.Merge(o)
	if got, ok := p.Get("x", q, Prefetched{}); !ok || got[0].ID != "full" {
		t.Errorf("after merging a reading of every property: %v, %v", got, ok)
	}
}
