#!/usr/bin/env bash
# The soak of make soak: hemigraph serve under the benchmark's mixed queries
# at concurrency 64 on the 100k-instrument graph, with loads running
# beside them, for 10 minutes, on a throwaway Neo4j this script starts and
# stops; writes bench/SOAK.md. A report, not a test (about 15-20 minutes
# with the setup). Extra arguments go to `hemigraph-bench soak` (e.g.
# -duration 2m -n 10000). Environment: NEO4J_HEAP / NEO4J_PAGECACHE for the
# throwaway Neo4j (default 2g/2g), SOAK_OUT (the report).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

heap="${NEO4J_HEAP:-2g}" pagecache="${NEO4J_PAGECACHE:-2g}" out="${SOAK_OUT:-bench/SOAK.md}"

echo "soak: building" >&2
scripts/graphiql-assets.sh
mkdir -p bin
go build -o bin/hemigraph ./cmd/hemigraph
go build -o bin/hemigraph-bench ./cmd/hemigraph-bench

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 17797)
data=$(mktemp -d "${TMPDIR:-/tmp}/hemigraph-soak-neo4j.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/hemigraph-soak-work.XXXXXX")
cleanup() {
  NEO4J_PORT="$port" NEO4J_DATA_DIR="$data" scripts/neo4j.sh stop || true
  rm -rf "$data" "$work"
}
trap cleanup EXIT

uri=$(NEO4J_PORT="$port" NEO4J_DATA_DIR="$data" NEO4J_HEAP="$heap" NEO4J_PAGECACHE="$pagecache" \
  NEO4J_TX_TIMEOUT=0 scripts/neo4j.sh start | tail -n 1)
echo "soak: Neo4j at $uri (heap $heap, page cache $pagecache)" >&2

NEO4J_URI="$uri" NEO4J_HEAP="$heap" NEO4J_PAGECACHE="$pagecache" bin/hemigraph-bench soak \
  -work "$work" -hemigraph bin/hemigraph -out "$out" "$@"
echo "soak: wrote $out" >&2
