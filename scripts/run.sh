#!/usr/bin/env bash
# `make run`: Neo4j up (the project's own unless NEO4J_URI is set), the
# bundled corpus loaded (idempotent: a rerun writes nothing), GraphiQL served.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The project's Neo4j starts while the assets are vendored and the server
# built: neither waits on the other.
neo4j_pid=
if [ -z "${NEO4J_URI:-}" ]; then
  neo4j_out=$(mktemp "${TMPDIR:-/tmp}/hemigraph-run.XXXXXX")
  scripts/neo4j.sh start >"$neo4j_out" &
  neo4j_pid=$!
  # Whatever fails, the start is waited for, so its messages are not lost
  # and the pid file is written before this script ends.
  trap 'wait "$neo4j_pid" 2>/dev/null || true; rm -f "$neo4j_out"' EXIT
fi

"${MAKE:-make}" --no-print-directory build

if [ -n "$neo4j_pid" ]; then
  wait "$neo4j_pid" || { echo "run: the project's Neo4j did not start (see above)" >&2; exit 1; }
  NEO4J_URI=$(tail -n 1 "$neo4j_out")
  export NEO4J_URI
  rm -f "$neo4j_out"
  trap - EXIT
  echo "run: using the project's Neo4j at $NEO4J_URI (stop it with: make neo4j-stop)" >&2
else
  echo "run: using NEO4J_URI=$NEO4J_URI" >&2
fi

bin/hemigraph load data/corpus
exec bin/hemigraph serve -addr "${HEMIGRAPH_ADDR:-localhost:8080}"
