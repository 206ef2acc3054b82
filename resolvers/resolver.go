// Package resolvers holds hemigraph's GraphQL resolvers: thin functions that
// check arguments, call the Store and convert domain values into the
// generated GraphQL models.
package resolvers

import (
	"context"
	"log/slog"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// Store is what the resolvers need of the graph, in the words of package
// query; neo4jstore.Store and memstore.Store satisfy it. Each root field
// calls one of its methods, which answers at once (on Neo4j, with one
// statement); the relations nested under the nodes it returns are read
// ahead with them (query.Expand) or, when not foreseen, batched through
// Relations.
type Store interface {
	LookupNodes(ctx context.Context, ids []string, props query.NodeProps, e *query.Expand) ([]hemigraph.Node, query.Prefetch, error)
	LookupSymbol(ctx context.Context, symbol string, props query.NodeProps, e *query.Expand) (hemigraph.Node, query.Prefetch, error)
	FindNodes(ctx context.Context, q query.FindQuery) (query.Page, error)
	Facets(ctx context.Context, label string, f query.Filter) (query.Facets, error)
	Search(ctx context.Context, q query.SearchQuery) (query.SearchPage, error)
	Neighbourhood(ctx context.Context, q query.NeighbourhoodQuery) (query.Subgraph, error)
	Paths(ctx context.Context, q query.PathsQuery) ([]query.Path, error)
	Lineage(ctx context.Context, q query.LineageQuery) (query.Lineage, error)
	Relations(ctx context.Context, ids []string, q query.RelQuery) (map[string][]hemigraph.Relation, error)
}

// Limits and defaults of the fields' arguments. Arguments above a maximum
// are refused with ErrPageSize, never silently cut.
const (
	DefaultListPage           = 20
	MaxListPage               = 100  // first on instruments, conferences, bodies, sessions, search
	DefaultRelations          = 100  // first on a relation field
	MaxRelations              = 1000 // first on a relation field
	MaxNodes                  = 100  // ids of nodes(ids)
	DefaultLineage            = 200
	MaxLineage                = 500 // first on instrumentsLeadingTo
	DefaultMaxDepth           = 4   // maxDepth of instrumentsLeadingTo
	DefaultNeighbours         = 100 // limit of neighbourhood
	DefaultPaths              = 5   // first of paths
	DefaultPathDepth          = 4   // maxDepth of paths
	DefaultTimeline           = 200
	MaxTimeline               = 500
	defaultNeighbourhoodDepth = 1
)

// Resolver is the root of the resolvers: the dependencies every resolver
// shares. It is created once per server.
type Resolver struct {
	Store Store
	// Writes serves the mutations and the loads queries; nil for a
	// read-only API.
	Writes Writes
	Log    *slog.Logger
}
