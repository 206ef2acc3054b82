// Package resolvers holds hemigraph's GraphQL resolvers: thin functions that
// check arguments, call the Store and convert domain values into the
// generated GraphQL models.
package resolvers

import (
	"context"
	"log/slog"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/neo4jstore"
)

// Store is what the resolvers need of the graph. *neo4jstore.Store
// satisfies it.
type Store interface {
	NodeByID(ctx context.Context, id string) (hemigraph.Node, error)
	NodeBySymbol(ctx context.Context, symbol string) (hemigraph.Node, error)
	ListNodes(ctx context.Context, q neo4jstore.ListQuery) ([]hemigraph.Node, error)
	CountNodes(ctx context.Context, q neo4jstore.ListQuery) (int, error)
	Relations(ctx context.Context, ids []string, q neo4jstore.RelQuery) (map[string][]hemigraph.Relation, error)
	LeadingTo(ctx context.Context, id string, maxDepth, limit int) (hemigraph.Node, []hemigraph.LineageEntry, error)
}

// Limits bound what one field may ask for.
const (
	MaxListPage     = 100  // first on instruments, conferences, bodies
	MaxRelations    = 1000 // first on a relation field
	MaxLineage      = 500  // first on instrumentsLeadingTo
	DefaultMaxDepth = 4
)

// Resolver is the root of the resolvers: the dependencies every resolver
// shares. It is created once per server.
type Resolver struct {
	Store Store
	Log   *slog.Logger
}
