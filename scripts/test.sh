#!/usr/bin/env bash
# Runs every test against a throwaway Neo4j that this script starts and stops.
# Used by `make test` and CI. Extra arguments go to `go test`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# A free port and a throwaway data directory, so a demo server keeps running.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 17687)
data=$(mktemp -d "${TMPDIR:-/tmp}/hemigraph-test-neo4j.XXXXXX")
export NEO4J_PORT="$port" NEO4J_DATA_DIR="$data"
neo4j_out="$data.uri"
neo4j_pid=
cleanup() {
  # a start still running writes its pid file before it can be stopped
  [ -z "$neo4j_pid" ] || wait "$neo4j_pid" 2>/dev/null || true
  NEO4J_PORT="$port" NEO4J_DATA_DIR="$data" scripts/neo4j.sh stop || true
  rm -rf "$data" "$neo4j_out"
}
trap cleanup EXIT

# Neo4j starts while the assets are vendored and the browser found.
scripts/neo4j.sh start >"$neo4j_out" &
neo4j_pid=$!

scripts/graphiql-assets.sh
scripts/explorer-assets.sh
# The explorer's browser tests drive a headless Chromium, installed with apt
# when it is missing; they fail, never skip, when it cannot be had.
HEMIGRAPH_BROWSER=$(scripts/browser.sh)
export HEMIGRAPH_BROWSER HEMIGRAPH_BROWSER_TESTS=1
echo "test: browser $HEMIGRAPH_BROWSER" >&2
wait "$neo4j_pid" || { neo4j_pid=; echo "test: Neo4j did not start (see above)" >&2; exit 1; }
neo4j_pid=
uri=$(tail -n 1 "$neo4j_out")
export NEO4J_TEST_URI="$uri"
echo "test: Neo4j at $NEO4J_TEST_URI" >&2

# Integration tests share one database and wipe it per test: one package at a time.
go test -p 1 -count=1 "$@" ./...

# The fuzz targets of the readers, for a bounded number of inputs each
# (about 15 s here): new crashers fail the run and are saved under
# testdata/fuzz. A count, not a duration, bounds them: a duration that ends
# while a worker is busy is reported by go test as a failure without a crasher.
go test -run '^$' -fuzz '^FuzzRead$' -fuzztime "${FUZZ_READ:-200000x}" ./loader/document
go test -run '^$' -fuzz '^FuzzParseSymbol$' -fuzztime "${FUZZ_SYMBOL:-500000x}" .
