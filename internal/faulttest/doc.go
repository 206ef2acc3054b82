// Package faulttest holds hemigraph's fault tests: they start a Neo4j of
// their own (scripts/neo4j.sh, on a free port and a temporary data
// directory), kill it with SIGKILL and restart it on the same data, and
// check what hemigraph does:
//
//   - TestKillDuringLoad: Neo4j killed in the middle of a load of more
//     than 50,000 rows; after the restart the same load, run again, gives
//     exactly the graph of a clean load (node and relationship counts, and
//     a checksum over every property), nothing duplicated or missing;
//   - TestNeo4jDownWhileServing: Neo4j killed under a running `hemigraph
//     serve`: queries fail at once with SERVICE_UNAVAILABLE, /readyz turns
//     503 while /healthz stays 200, and once Neo4j is back queries succeed
//     within 5 s without restarting hemigraph;
//   - TestShutdownDuringRequests: SIGTERM to `hemigraph serve` with a
//     request in flight: it finishes, new connections are refused, and the
//     process exits 0.
//
// They run where the integration tests run (neo4jtest.Enabled: when
// NEO4J_TEST_URI or CI is set) and fail, never skip, in CI. They log
// their figures (go test -v): docs/operations.md quotes them.
package faulttest
