package query

import (
	"github.com/hemigraph/hemigraph"
)

// OrderField is what a list is sorted by.
type OrderField int

// The orders of a list.
const (
	OrderID      OrderField = iota // canonical id
	OrderDate                      // first day of the date, undated nodes last
	OrderSymbol                    // canonical printed symbol, nodes without one last
	OrderTitle                     // title, ignoring case
	OrderCitedBy                   // number of distinct nodes citing the node
)

// Order is the order of a list. Ties are broken by id, in the same
// direction, so that every node has one place.
type Order struct {
	Field OrderField
	Desc  bool
}

// Cursor is a position in a sorted list: the sort key and the id of a node.
// Key is a string, or an int64 for OrderCitedBy.
type Cursor struct {
	Key any
	ID  string
}

// FindQuery selects a page of a filtered, sorted list.
type FindQuery struct {
	Label  string // "Instrument", "Conference", "Body", "Session" or "Entity"
	Filter Filter
	Order  Order
	After  *Cursor // the page starts after this position; nil for the first page
	First  int     // page size
	Count  bool    // also count every node matching the filter
	Expand *Expand // relations to read ahead around the nodes of the page
}

// Page is a page of a list.
type Page struct {
	Nodes    []hemigraph.Node
	Cursors  []Cursor // the position of each node
	HasNext  bool     // more nodes follow the page
	Total    int      // nodes matching the filter, when counted
	Prefetch Prefetch // relations read ahead
}

// Facets counts the nodes matching a filter.
type Facets struct {
	Total  int
	Kinds  []KindCount // largest first
	Years  []YearCount // in year order
	Bodies []BodyCount // adopting bodies, largest first
}

// KindCount is the number of nodes of a kind.
type KindCount struct {
	Kind  hemigraph.Kind
	Count int
}

// YearCount is the number of nodes whose date starts in a year.
type YearCount struct {
	Year  int
	Count int
}

// BodyCount is the number of nodes adopted by a body.
type BodyCount struct {
	Body  hemigraph.Node
	Count int
}

// MaxFacetBodies bounds the bodies of Facets.
const MaxFacetBodies = 100
