package corpus

import (
	"bytes"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader"
)

func TestGenerate(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
	}{
		{"tiny", 50},
		{"small", 3000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Generate(Config{Instruments: tc.n, Seed: 7})
			if got := len(c.Instruments); got != tc.n {
				t.Errorf("instruments = %d, want %d", got, tc.n)
			}
			ids := map[string]hemigraph.Kind{}
			for _, n := range c.Nodes {
				if err := n.Validate(); err != nil {
					t.Fatalf("node %s: %v", n.ID, err)
				}
				if n.Symbol != "" && hemigraph.SymbolKey(n.Symbol) != n.Symbol {
					t.Errorf("node %s: symbol %q is not canonical (key %q)", n.ID, n.Symbol, hemigraph.SymbolKey(n.Symbol))
				}
				if n.Symbol != "" {
					sym, err := hemigraph.ParseSymbol(n.Symbol)
					if err != nil || sym.ID() != n.ID {
						t.Errorf("node %s: symbol %q gives id %q (%v)", n.ID, n.Symbol, sym.ID(), err)
					}
				}
				ids[n.ID] = n.Kind
			}
			keys := map[string]bool{}
			for _, e := range c.Edges {
				if err := e.Validate(); err != nil {
					t.Fatalf("edge %s-%s->%s: %v", e.From, e.Type, e.To, err)
				}
				if _, ok := ids[e.From]; !ok {
					t.Errorf("edge from unknown %s", e.From)
				}
				if _, ok := ids[e.To]; !ok {
					t.Errorf("edge to unknown %s", e.To)
				}
				if keys[e.Key()] {
					t.Errorf("duplicate edge %s-%s->%s", e.From, e.Type, e.To)
				}
				keys[e.Key()] = true
			}
		})
	}
}

func TestGenerateDeterministic(t *testing.T) {
	write := func(seed uint64) []byte {
		c := Generate(Config{Instruments: 2000, Seed: seed})
		var b bytes.Buffer
		if err := loader.WriteJSONL(&b, c.Nodes, c.Edges); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := write(1), write(1)
	if !bytes.Equal(a, b) {
		t.Error("two generations with seed 1 differ")
	}
	if bytes.Equal(a, write(2)) {
		t.Error("seeds 1 and 2 give the same corpus")
	}
	batch, errs := loader.ReadJSONL(bytes.NewReader(a), "gen.jsonl")
	if len(errs) > 0 {
		t.Fatalf("the loader's reader refuses the corpus: %v", errs[0])
	}
	if len(batch.Nodes) == 0 || len(batch.Edges) == 0 {
		t.Fatalf("read %d nodes, %d edges", len(batch.Nodes), len(batch.Edges))
	}
}

// TestShape checks that citations follow a heavy-tailed distribution: the
// most cited instrument is cited far more often than the median one.
func TestShape(t *testing.T) {
	c := Generate(Config{Instruments: 20000, Seed: 1})
	in := map[string]int{}
	types := map[hemigraph.RelType]int{}
	for _, e := range c.Edges {
		types[e.Type]++
		if e.Type == hemigraph.RelCites {
			in[e.To]++
		}
	}
	most := 0
	for _, n := range in {
		most = max(most, n)
	}
	if most < 100 {
		t.Errorf("most cited instrument has %d citations, want a hub of at least 100", most)
	}
	for _, rt := range []hemigraph.RelType{hemigraph.RelCites, hemigraph.RelConvenes, hemigraph.RelProduced,
		hemigraph.RelInstructs, hemigraph.RelAdoptedAt, hemigraph.RelFollowsUp} {
		if types[rt] == 0 {
			t.Errorf("no %s edges", rt)
		}
	}
	t.Logf("%d nodes, %d edges, %v, max in-citations %d", len(c.Nodes), len(c.Edges), types, most)
}
