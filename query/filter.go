package query

import (
	"strings"

	"github.com/hemigraph/hemigraph"
)

// Filter selects nodes. Every condition that is set must hold; And, Or and
// Not combine filters. The zero Filter selects every node. Each condition
// is true or false, never null: a node without a date fails a date
// condition, and so passes its Not.
type Filter struct {
	And []Filter
	Or  []Filter
	Not *Filter

	Kinds []hemigraph.Kind
	// Title is a case-insensitive substring of the title or of an alias.
	Title string
	// SymbolPrefix is the start of a document symbol, in any printed
	// variant; case, spaces and dots are ignored.
	SymbolPrefix string
	// Place is a case-insensitive substring of the place.
	Place string
	// DateFrom and DateTo ("YYYY-MM-DD", inclusive, either may be empty)
	// bound the first day of the node's date.
	DateFrom, DateTo string
	// YearFrom and YearTo (inclusive, nil for open) bound the first year.
	YearFrom, YearTo *int
	// AdoptedBy and AdoptedAt hold ids of bodies, and of sessions or
	// conferences, one of which the node was adopted by or at.
	AdoptedBy, AdoptedAt []string
	// Related relations must all exist.
	Related []Related
	// Unresolved, when set, selects placeholder nodes (true) or known ones.
	Unresolved *bool
}

// Related asks for a relation of a type, in a direction, to one of IDs (to
// any node when IDs is empty).
type Related struct {
	Type      hemigraph.RelType
	Direction Direction
	IDs       []string
}

// Limits on a filter, so that its statement stays small.
const (
	MaxFilterDepth      = 4   // nesting of And, Or and Not
	MaxFilterConditions = 64  // conditions in all, nested ones included
	MaxFilterIDs        = 100 // ids in one list of a filter
)

// SymbolPrefixKey normalizes the start of a symbol as Filter.SymbolPrefix
// compares it: a whole symbol is first put in its canonical printed form
// (hemigraph.SymbolKey), then case, spaces and dots are dropped, so that
// "ag/res 1412" and "AG/RES. 1412" are one prefix.
func SymbolPrefixKey(s string) string {
	if sym, err := hemigraph.ParseSymbol(s); err == nil {
		s = sym.String()
	}
	return strings.NewReplacer(" ", "", ".", "").Replace(strings.ToUpper(s))
}
