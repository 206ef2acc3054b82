package memstore_test

import (
	"testing"

	"github.com/hemigraph/hemigraph/memstore"
	"github.com/hemigraph/hemigraph/storetest"
)

// TestConformance runs the stores' conformance suite against a fresh
// memory store per subtest.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return memstore.New() })
}
