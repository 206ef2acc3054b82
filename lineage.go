package hemigraph

import "slices"

// The lineage rule: which instruments led to a conference. Influence flows
// along a relation from the node that acts to the node it acts on — what a
// resolution CONVENES, PRODUCED, REQUESTS or INSTRUCTS was led to by it —
// and against a relation that looks back: the instrument a node CITES, the
// conference it FOLLOWS_UP, led to it. A chain of such steps leads to the
// conference from every node on it, with three limits that every store and
// baseline applies alike: a chain does not pass through a standing body
// (LineagePassesThrough), though a body may end one; a node dated after
// the conference did not lead to it (LineageDated); and each node is
// reached once, by its shortest chain.
var (
	// LineageAlong are the relation types along which influence flows
	// from the relation's start node to its end node.
	LineageAlong = []RelType{RelConvenes, RelProduced, RelRequests, RelInstructs}
	// LineageAgainst are the relation types along which influence flows
	// from the relation's end node back to its start node.
	LineageAgainst = []RelType{RelCites, RelFollowsUp}
	// LineageRelTypes are all the relation types a lineage follows.
	LineageRelTypes = slices.Concat(LineageAlong, LineageAgainst)
)

// LineageStep returns the node that, by e, led to the node led, and
// whether e is a lineage step towards led at all.
func LineageStep(e Edge, led string) (string, bool) {
	switch {
	case e.To == led && slices.Contains(LineageAlong, e.Type):
		return e.From, true
	case e.From == led && slices.Contains(LineageAgainst, e.Type):
		return e.To, true
	}
	return "", false
}

// LineagePassesThrough reports whether a lineage chain may continue past a
// node of kind k: not past a standing body, which links everything it was
// ever asked to do.
func LineagePassesThrough(k Kind) bool { return k != KindBody }

// LineageDated reports whether a node of year y may lead to a target of
// year target: unless it is dated after it (an unknown year, 0, never
// excludes).
func LineageDated(y, target int) bool { return y == 0 || target == 0 || y <= target }
