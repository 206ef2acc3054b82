package query

import (
	"github.com/hemigraph/hemigraph"
)

// Bounds of the subgraph queries.
const (
	MaxNeighbourhoodDepth = 3   // relations between the centre and a node
	MaxNeighbourhoodNodes = 500 // nodes besides the centre
	EdgesPerNode          = 4   // the edges of a neighbourhood are at most this × its node limit
	MaxPathDepth          = 6   // relations in a path
	MaxPaths              = 16  // paths returned
)

// GraphNode is a node of a subgraph with its distance from the centre and
// the number of distinct nodes citing it.
type GraphNode struct {
	hemigraph.Node
	Distance     int
	CitedByCount int
}

// Subgraph is a node's neighbourhood: nodes nearest first, the centre
// first of all, and the edges among them.
type Subgraph struct {
	Nodes     []GraphNode
	Edges     []hemigraph.Relation
	Truncated bool // the node or edge limit cut it short
}

// NeighbourhoodQuery selects the neighbourhood of a node.
type NeighbourhoodQuery struct {
	ID    string
	Depth int                 // 1..MaxNeighbourhoodDepth
	Types []hemigraph.RelType // relation types followed and drawn; all when empty
	Limit int                 // nodes besides the centre, 1..MaxNeighbourhoodNodes
	// Props and RelProps are the properties of the nodes and edges the
	// answer prints (zero: all).
	Props    NodeProps
	RelProps RelProps
}

// Path is a path between two nodes: its nodes in order and its relations,
// each seen from the node before it.
type Path struct {
	Nodes     []hemigraph.Node
	Relations []hemigraph.Relation
}

// PathsQuery selects the shortest paths between two nodes.
type PathsQuery struct {
	From, To string
	MaxDepth int                 // 1..MaxPathDepth
	Types    []hemigraph.RelType // relation types followed; all when empty
	First    int                 // 1..MaxPaths
}

// MaxLineageDepth bounds the depth of a lineage query.
const MaxLineageDepth = 8

// LineageQuery asks which nodes lead to a node.
type LineageQuery struct {
	ID       string
	MaxDepth int     // 1..MaxLineageDepth
	Limit    int     // entries at most
	Expand   *Expand // relations to read ahead around the target and the entries
	// Props and RelProps are the properties the answer prints of the
	// target and the entries' nodes, and of the relations of the chains
	// (zero: all).
	Props    NodeProps
	RelProps RelProps
}

// Lineage is the answer to a LineageQuery.
type Lineage struct {
	Target hemigraph.Node
	// Entries are nearest first; the chain of each goes on through an
	// entry before it (hemigraph.LineageEntry).
	Entries  []hemigraph.LineageEntry
	Prefetch Prefetch
}

// Next returns, for each entry, the place in l.Entries of the node one
// step nearer the target on its chain (hemigraph.LineageEntry.Nearer), or
// -1 where that is the target or not an entry.
func (l Lineage) Next() []int {
	at := make(map[string]int, len(l.Entries))
	for i := range l.Entries {
		at[l.Entries[i].Node.ID] = i
	}
	next := make([]int, len(l.Entries))
	for i := range l.Entries {
		j, ok := at[l.Entries[i].Nearer()]
		if !ok {
			j = -1
		}
		next[i] = j
	}
	return next
}

// Chains returns each entry's whole chain, from its node to the target:
// its Via, then the chain of the entry one step nearer, until the target.
// A chain that breaks off (its nearer node is neither an entry nor the
// target) ends there, and one that comes back on itself, which no store
// answers, ends after one relation more than there are entries.
func (l Lineage) Chains() [][]hemigraph.Relation {
	next := l.Next()
	out := make([][]hemigraph.Relation, len(l.Entries))
	for i := range l.Entries {
		var chain []hemigraph.Relation
		for at := i; at >= 0 && len(chain) <= len(l.Entries); at = next[at] {
			chain = append(chain, l.Entries[at].Via)
			if l.Entries[at].Nearer() == l.Target.ID {
				break
			}
		}
		out[i] = chain
	}
	return out
}
