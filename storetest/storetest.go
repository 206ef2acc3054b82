// Package storetest is the conformance suite of the graph's stores: one set
// of tests, run against every implementation of the read contract (package
// query) and of the writes the loader makes — neo4jstore over a real Neo4j
// and memstore in memory — so that they answer alike. A store package runs
// it from its own tests:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) storetest.Store { return memstore.New() })
//	}
//
// Each subtest opens an empty store, writes the graph it needs through the
// store's own writes, and checks one rule of the contract.
package storetest

import (
	"context"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// Store is what the suite exercises: the reads of the contract, the writes,
// and the graph operations that loading documents needs.
type Store interface {
	// Reads (package query).
	LookupNodes(ctx context.Context, ids []string, props query.NodeProps, e *query.Expand) ([]hemigraph.Node, query.Prefetch, error)
	LookupSymbol(ctx context.Context, symbol string, props query.NodeProps, e *query.Expand) (hemigraph.Node, query.Prefetch, error)
	FindNodes(ctx context.Context, q query.FindQuery) (query.Page, error)
	Facets(ctx context.Context, label string, f query.Filter) (query.Facets, error)
	Search(ctx context.Context, q query.SearchQuery) (query.SearchPage, error)
	Neighbourhood(ctx context.Context, q query.NeighbourhoodQuery) (query.Subgraph, error)
	Paths(ctx context.Context, q query.PathsQuery) ([]query.Path, error)
	Lineage(ctx context.Context, q query.LineageQuery) (query.Lineage, error)
	Relations(ctx context.Context, ids []string, q query.RelQuery) (map[string][]hemigraph.Relation, error)

	// Writes.
	MissingIDs(ctx context.Context, ids []string) ([]string, error)
	WriteNodes(ctx context.Context, nodes []hemigraph.Node) (hemigraph.WriteCounts, error)
	WriteEdges(ctx context.Context, edges []hemigraph.Edge) (hemigraph.WriteCounts, error)

	// Graph operations of document loads.
	Catalog(ctx context.Context, ids, symbolKeys []string) ([]hemigraph.Node, []hemigraph.Edge, error)
	Unresolved(ctx context.Context) ([]hemigraph.Node, error)
	EdgesOf(ctx context.Context, id string) ([]hemigraph.Edge, error)
	DeleteNodes(ctx context.Context, ids []string) (hemigraph.DeleteCounts, error)
	DeleteEdges(ctx context.Context, refs []hemigraph.EdgeRef) (int, error)
	DeleteStaleEdges(ctx context.Context, document string, keep []string) (int, error)

	// Load records and undo (hemigraph.WithLoad marks the writes of a
	// recorded load).
	BeginLoad(ctx context.Context, rec hemigraph.LoadRecord) error
	FinishLoad(ctx context.Context, rec hemigraph.LoadRecord) error
	Loads(ctx context.Context, first int, after string) ([]hemigraph.LoadRecord, error)
	Load(ctx context.Context, id string) (hemigraph.LoadRecord, error)
	LoadWrites(ctx context.Context, id string) (hemigraph.LoadWrites, error)
	Undo(ctx context.Context, id string, force bool) (hemigraph.UndoResult, error)

	// Counts returns the number of nodes and relationships.
	Counts(ctx context.Context) (nodes, rels int, err error)
	// Ping reports whether the store answers.
	Ping(ctx context.Context) error
}
