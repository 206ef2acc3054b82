package query

import (
	"strconv"
	"strings"

	"github.com/hemigraph/hemigraph"
)

// Direction says which relations of a node to follow.
type Direction int

// The directions.
const (
	Both     Direction = iota // outgoing and incoming
	Outgoing                  // from the node
	Incoming                  // to the node
)

// RelQuery selects relations of nodes.
type RelQuery struct {
	Types     []hemigraph.RelType // empty means every type
	Direction Direction
	First     int // at most this many per node
}

// Key returns a string that identifies q, for batching.
func (q RelQuery) Key() string {
	var b strings.Builder
	for _, t := range q.Types {
		b.WriteString(string(t))
		b.WriteByte(',')
	}
	b.WriteString("|" + strconv.Itoa(int(q.Direction)) + "|" + strconv.Itoa(q.First))
	return b.String()
}
