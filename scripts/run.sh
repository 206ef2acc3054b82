#!/usr/bin/env bash
# `make run`: Neo4j up (the project's own unless NEO4J_URI is set), the
# bundled corpus loaded (idempotent: a rerun writes nothing), GraphiQL served.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ -z "${NEO4J_URI:-}" ]; then
  NEO4J_URI=$(scripts/neo4j.sh start | tail -n 1)
  export NEO4J_URI
  echo "run: using the project's Neo4j at $NEO4J_URI (stop it with: make neo4j-stop)" >&2
else
  echo "run: using NEO4J_URI=$NEO4J_URI" >&2
fi

bin/hemigraph load data/corpus
exec bin/hemigraph serve -addr "${HEMIGRAPH_ADDR:-localhost:8080}"
