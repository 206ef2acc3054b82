#!/usr/bin/env bash
# Benchmarks hemigraph beside its baselines on a throwaway Neo4j that this
# script starts and stops, and writes bench/RESULTS.md.
#
#   scripts/bench.sh          # make bench:      10k and 100k instruments, short server phase;
#                             #                  writes bench/RESULTS.md
#   scripts/bench.sh full     # make bench-full: adds 1M instruments (an hour or more);
#                             #                  writes bench/RESULTS-full.md
#
# Installs what it needs: the @neo4j/graphql peer with `npm ci` from its
# lockfile (bench/neo4j-graphql), Neo4j through scripts/neo4j.sh (Maven).
# Extra arguments go to `hemigraph-bench run` (e.g. -sizes 10000 -duration 1s).
# Environment: NEO4J_HEAP / NEO4J_PAGECACHE for the throwaway Neo4j
# (defaults 2g/2g quick, 8g/8g full), BENCH_OUT (the results file).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

mode="quick"
if [ "${1:-}" = "full" ] || [ "${1:-}" = "quick" ]; then
  mode="$1"
  shift
fi
if [ "$mode" = full ]; then
  heap="${NEO4J_HEAP:-8g}" pagecache="${NEO4J_PAGECACHE:-8g}" out="${BENCH_OUT:-bench/RESULTS-full.md}"
else
  heap="${NEO4J_HEAP:-2g}" pagecache="${NEO4J_PAGECACHE:-2g}" out="${BENCH_OUT:-bench/RESULTS.md}"
fi

command -v npm >/dev/null 2>&1 || { echo "bench: npm not found; install Node.js 20+ and npm" >&2; exit 1; }
echo "bench: installing the @neo4j/graphql peer (npm ci)" >&2
(cd bench/neo4j-graphql && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

echo "bench: building" >&2
scripts/graphiql-assets.sh
mkdir -p bin
go build -o bin/hemigraph ./cmd/hemigraph
go build -o bin/hemigraph-bench ./cmd/hemigraph-bench

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 17787)
data=$(mktemp -d "${TMPDIR:-/tmp}/hemigraph-bench-neo4j.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/hemigraph-bench-work.XXXXXX")
cleanup() {
  NEO4J_PORT="$port" NEO4J_DATA_DIR="$data" scripts/neo4j.sh stop || true
  rm -rf "$data" "$work"
}
trap cleanup EXIT

uri=$(NEO4J_PORT="$port" NEO4J_DATA_DIR="$data" NEO4J_HEAP="$heap" NEO4J_PAGECACHE="$pagecache" \
  NEO4J_TX_TIMEOUT=0 scripts/neo4j.sh start | tail -n 1)
echo "bench: Neo4j at $uri (heap $heap, page cache $pagecache)" >&2

NEO4J_URI="$uri" NEO4J_HEAP="$heap" NEO4J_PAGECACHE="$pagecache" bin/hemigraph-bench run \
  -mode "$mode" -work "$work" -hemigraph bin/hemigraph -peer bench/neo4j-graphql \
  -out "$out" -json "${BENCH_JSON:-$work/results.json}" "$@"
echo "bench: wrote $out" >&2
