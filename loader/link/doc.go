// Package link is the loader's entity linking: it maps what a document
// says onto the graph — each reference of each clause onto the node it
// names, by symbol, title, alias, place, date or the conference it follows
// up — and turns the document into the nodes and edges to write, each edge
// with its provenance. A reference that matches nothing becomes a
// placeholder node, marked unresolved, that a later load folds into the
// real node (NameTarget, FollowUpTarget). Index is the snapshot of the
// graph it links against. The package does no I/O.
package link
