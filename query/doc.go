// Package query is the read contract of the graph in the domain's words:
// what a client may ask of a store — nodes by id or symbol, filtered and
// sorted lists a page at a time, relations of nodes, relations read ahead
// with the nodes they hang from (Expand), facets, full-text search, a
// node's neighbourhood, paths between two nodes, and the lineage of a
// conference — and the shapes of the answers, with the bounds every store
// enforces. It imports only the standard library and the domain package;
// neo4jstore and memstore implement it, and storetest checks that they
// answer alike.
package query
