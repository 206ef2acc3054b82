package neo4jstore_test

import (
	"testing"

	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/storetest"
)

// TestConformance runs the stores' conformance suite against Neo4j: each
// subtest gets the test database wiped, with its schema.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return neo4jtest.Open(t) })
}
