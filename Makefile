# hemigraph — the two commands of the README are `make run` and `make test`.
.PHONY: run test assets neo4j-start neo4j-stop build generate fuzz eval

GO ?= go
BIN := bin/hemigraph

# Serve GraphiQL on http://localhost:8080 (and the explorer at /explore)
# with the bundled corpus loaded.
# Without NEO4J_URI, the project's own Neo4j is started (data in .data/neo4j),
# while the assets are vendored and the server built (scripts/run.sh).
run:
	MAKE="$(MAKE)" scripts/run.sh

# Every test against a throwaway Neo4j started and stopped by the script.
test:
	scripts/test.sh

# The browser bundles of GraphiQL and of the explorer, vendored from npm
# into their packages for go:embed.
assets:
	scripts/graphiql-assets.sh
	scripts/explorer-assets.sh

build: assets
	$(GO) build -o $(BIN) ./cmd/hemigraph

generate:
	$(GO) generate ./...

neo4j-start:
	scripts/neo4j.sh start

neo4j-stop:
	scripts/neo4j.sh stop

# Benchmarks beside the baselines (hand-written Cypher, per-row MERGE,
# @neo4j/graphql) on a throwaway Neo4j, started and stopped by scripts/bench.sh.
# `bench` (10k and 100k instruments) writes bench/RESULTS.md; `bench-full`
# adds the 1M-instrument corpus, writes bench/RESULTS-full.md, and takes hours.
.PHONY: bench bench-full
bench:
	scripts/bench.sh quick

bench-full:
	scripts/bench.sh full

# Ten minutes of the benchmark's mixed queries at concurrency 64 on the
# 100k-instrument graph with loads beside them, on a throwaway Neo4j: a
# report (bench/SOAK.md), not a test. About 15-20 minutes.
.PHONY: soak
soak:
	scripts/soak.sh

# Measure the document reader on the development set and rewrite
# docs/extraction-report.md. EVAL_DIR holds the text of the pages listed in
# data/eval/manifest.jsonl, each named by its line counted from 000
# (000.txt, 001.txt, ...); they are third-party text, kept outside the
# repository. See docs/eval.md.
eval: build
	@test -n "$(EVAL_DIR)" || { echo "make eval: set EVAL_DIR to the folder of the development pages (docs/eval.md)"; exit 2; }
	$(BIN) eval -manifest data/eval/manifest.jsonl -report docs/extraction-report.md \
		-title "Extraction on the development set" \
		-note "The 115 available pages of data/eval/manifest.jsonl (stored copies of their first ~2,000 characters), against data/eval/gold.json, resolved against the bundled corpus. Conventions and figures: docs/eval.md." \
		$(EVAL_DIR) data/eval/gold.json
