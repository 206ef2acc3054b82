package hemigraph

import "slices"

// Kind is the kind of a node. Instrument kinds share the Neo4j label
// "Instrument"; every kind is also a label of its own.
type Kind string

// The kinds of node in the graph.
const (
	KindResolution   Kind = "Resolution"
	KindDeclaration  Kind = "Declaration"
	KindConvention   Kind = "Convention"
	KindReport       Kind = "Report"
	KindPlanOfAction Kind = "PlanOfAction"
	KindConference   Kind = "Conference"
	KindSession      Kind = "Session"
	KindBody         Kind = "Body"
)

// Kinds lists every kind, instruments first.
var Kinds = []Kind{
	KindResolution, KindDeclaration, KindConvention, KindReport, KindPlanOfAction,
	KindConference, KindSession, KindBody,
}

// InstrumentKinds lists the kinds that carry the Instrument label.
var InstrumentKinds = Kinds[:5]

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// IsInstrument reports whether k is an instrument kind.
func (k Kind) IsInstrument() bool { return slices.Contains(InstrumentKinds, k) }

// RelType is the type of a relationship between two nodes.
type RelType string

// The relationship types of the graph.
const (
	RelCites       RelType = "CITES"       // an instrument cites another node, with the clause verb
	RelMentions    RelType = "MENTIONS"    // a node is referred to without a more precise relation
	RelConvenes    RelType = "CONVENES"    // an instrument convenes a conference or meeting
	RelInstructs   RelType = "INSTRUCTS"   // an instrument instructs a body
	RelRequests    RelType = "REQUESTS"    // an instrument requests something of a body
	RelProduced    RelType = "PRODUCED"    // a conference produced an instrument
	RelAdoptedAt   RelType = "ADOPTED_AT"  // an instrument was adopted at a session or conference
	RelAdoptedBy   RelType = "ADOPTED_BY"  // an instrument was adopted by a body
	RelFollowsUp   RelType = "FOLLOWS_UP"  // a conference or instrument follows up another
	RelPartOf      RelType = "PART_OF"     // a body or session is part of another
	RelEstablishes RelType = "ESTABLISHES" // an instrument establishes a body or mechanism
)

// RelTypes lists every relationship type.
var RelTypes = []RelType{
	RelCites, RelMentions, RelConvenes, RelInstructs, RelRequests, RelProduced,
	RelAdoptedAt, RelAdoptedBy, RelFollowsUp, RelPartOf, RelEstablishes,
}

// Valid reports whether t is one of RelTypes.
func (t RelType) Valid() bool { return slices.Contains(RelTypes, t) }
