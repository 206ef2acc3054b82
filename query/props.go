package query

// NodeProps is a set of the properties of a node a read returns, so that
// a store may leave out those the answer does not print. The zero value is
// every property: a caller that cannot tell what the answer prints asks
// for all. A set a caller builds holds PropID. A node's kind is always
// read; a property left out is the zero value in the node returned.
type NodeProps uint16

// The properties of a node, as NodeProps.
const (
	PropID NodeProps = 1 << iota
	PropTitle
	PropSymbol
	PropAliases
	PropDate
	PropPlace
	PropSource
	PropUnresolved
	PropCitedByCount

	// AllNodeProps is every property of a node.
	AllNodeProps = PropCitedByCount<<1 - 1
)

// Has reports whether p reads every property of q (of every property for
// q zero): always for p zero, which reads every property.
func (p NodeProps) Has(q NodeProps) bool { return has(p, q, AllNodeProps) }

// With returns p with the properties of q (every property when either is
// zero).
func (p NodeProps) With(q NodeProps) NodeProps { return with(p, q) }

// RelProps is a set of the properties of a relation a read returns, as
// NodeProps is of a node's. The zero value is every property; a set a
// caller builds holds PropKey. A relation's type and ends are always read.
type RelProps uint8

// The properties of a relation, as RelProps. PropClause is the clause and
// its span, read or left out together.
const (
	PropKey RelProps = 1 << iota
	PropVerb
	PropThrough
	PropRelSource
	PropEvidence
	PropDocument
	PropClause

	// AllRelProps is every property of a relation.
	AllRelProps = PropClause<<1 - 1
)

// Has reports whether p reads every property of q (of every property for
// q zero): always for p zero, which reads every property.
func (p RelProps) Has(q RelProps) bool { return has(p, q, AllRelProps) }

// With returns p with the properties of q (every property when either is
// zero).
func (p RelProps) With(q RelProps) RelProps { return with(p, q) }

// propSet is NodeProps or RelProps, where zero is every property.
type propSet interface{ ~uint8 | ~uint16 }

// has is Has for either set; all is every property of it.
func has[P propSet](p, q, all P) bool {
	if q == 0 {
		q = all
	}
	return p == 0 || p&q == q
}

// with is With for either set.
func with[P propSet](p, q P) P {
	if p == 0 || q == 0 {
		return 0
	}
	return p | q
}
