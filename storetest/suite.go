package storetest

import (
	"testing"
)

// Run runs the conformance suite: each subtest calls open for an empty
// store, writes the small graph it needs through the store's own writes,
// and checks one rule of the contract (package query, the writes of
// package loader and the graph operations of document loads). The
// subtests run one after the other, never in parallel, so open may hand
// out one database wiped each time.
//
// The suite states what the contract promises, not how a store keeps it:
// full-text expectations are whole words matched case-insensitively, not
// scores or stemming; lists whose order the contract leaves open are
// compared as sets; cursors are handed back as the store gave them.
func Run(t *testing.T, open func(t *testing.T) Store) {
	for _, g := range groups() {
		t.Run(g.name, func(t *testing.T) {
			for _, c := range g.tests {
				t.Run(c.name, func(t *testing.T) { c.run(t, open(t)) })
			}
		})
	}
}

// group is a group of subtests, named after the method or concern they
// exercise.
type group struct {
	name  string
	tests []test
}

// test checks one rule of the contract against a fresh store.
type test struct {
	name string
	run  func(t *testing.T, s Store)
}

func groups() []group {
	return []group{
		{"Lookup", lookupTests},
		{"Expand", expandTests},
		{"Filter", filterTests},
		{"Limits", limitTests},
		{"Order", orderTests},
		{"Find", findTests},
		{"Facets", facetTests},
		{"Relations", relationTests},
		{"Search", searchTests},
		{"Neighbourhood", neighbourhoodTests},
		{"Paths", pathTests},
		{"Lineage", lineageTests},
		{"Write", writeTests},
		{"Load", loadTests},
		{"Records", recordTests},
		{"Undo", undoTests},
	}
}
