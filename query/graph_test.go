package query_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// TestLineageChains: each entry's chain is its first relation, then the
// chain of the entry one step nearer, to the target; a chain whose nearer
// node is neither an entry nor the target ends there, and a cycle, which
// no store answers, still ends.
func TestLineageChains(t *testing.T) {
	entry := func(id string, d int, from, to string) hemigraph.LineageEntry {
		return hemigraph.LineageEntry{Node: hemigraph.Node{ID: id}, Distance: d,
			Via: hemigraph.Relation{Edge: hemigraph.Edge{From: from, To: to, Type: hemigraph.RelCites}}}
	}
	tests := []struct {
		name    string
		entries []hemigraph.LineageEntry
		next    []int
		chains  []string // each chain as from>to hops
	}{
		{"none", nil, []int{}, []string{}},
		{"one step, either direction", []hemigraph.LineageEntry{
			entry("a", 1, "a", "t"), entry("b", 1, "t", "b"),
		}, []int{-1, -1}, []string{"a>t", "t>b"}},
		{"shared chain", []hemigraph.LineageEntry{
			entry("a", 1, "a", "t"), entry("b", 2, "b", "a"), entry("c", 2, "a", "c"), entry("d", 3, "d", "b"),
		}, []int{-1, 0, 0, 1}, []string{"a>t", "b>a a>t", "a>c a>t", "d>b b>a a>t"}},
		{"broken off", []hemigraph.LineageEntry{
			entry("a", 2, "a", "gone"),
		}, []int{-1}, []string{"a>gone"}},
		{"cycle", []hemigraph.LineageEntry{
			entry("a", 2, "a", "b"), entry("b", 2, "b", "a"),
		}, []int{1, 0}, []string{"a>b b>a a>b", "b>a a>b b>a"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := query.Lineage{Target: hemigraph.Node{ID: "t"}, Entries: tc.entries}
			if got := l.Next(); fmt.Sprint(got) != fmt.Sprint(tc.next) {
				t.Errorf("Next() = %v, want %v", got, tc.next)
			}
			var got []string
			for _, c := range l.Chains() {
				var hops []string
				for _, r := range c {
					hops = append(hops, r.From+">"+r.To)
				}
				got = append(got, strings.Join(hops, " "))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.chains) {
				t.Errorf("Chains() = %q, want %q", got, tc.chains)
			}
		})
	}
}
