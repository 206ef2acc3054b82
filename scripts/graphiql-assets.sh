#!/usr/bin/env bash
# graphiql-assets.sh — fetch the third-party GraphiQL/React browser bundles
# pinned in server/graphiql/package-lock.json from the npm registry and copy
# exactly the files the GraphiQL page needs into server/graphiql/assets/vendor/,
# where server/graphiql embeds them with go:embed.
#
# Both server/graphiql/node_modules/ and server/graphiql/assets/vendor/* are
# gitignored: third-party code is fetched at build time, never committed.
#
# Idempotent: when every vendored file is present and the stamp records the
# current package-lock.json (and this script), it does nothing.
# Set GRAPHIQL_ASSETS_FORCE=1 to rebuild anyway.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pkg_dir="$root/server/graphiql"
vendor_dir="$pkg_dir/assets/vendor"
stamp="$vendor_dir/.stamp"

# source (relative to node_modules) -> destination name in assets/vendor/.
# Keep in sync with the file list in server/graphiql/graphiql.go.
files=(
  "graphiql/graphiql.min.js:graphiql.min.js"
  "graphiql/graphiql.min.css:graphiql.min.css"
  "react/umd/react.production.min.js:react.production.min.js"
  "react-dom/umd/react-dom.production.min.js:react-dom.production.min.js"
  "graphiql/LICENSE:LICENSE.graphiql.txt"
  "react/LICENSE:LICENSE.react.txt"
  "react-dom/LICENSE:LICENSE.react-dom.txt"
  "graphql/LICENSE:LICENSE.graphql.txt"
)

die() { echo "graphiql-assets: error: $*" >&2; exit 1; }
log() { echo "graphiql-assets: $*" >&2; }

hash_files() {
  if command -v sha256sum >/dev/null 2>&1; then
    cat "$@" | sha256sum | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    cat "$@" | shasum -a 256 | cut -d' ' -f1
  else
    die "need sha256sum or shasum"
  fi
}

[[ -f "$pkg_dir/package-lock.json" ]] || die "missing $pkg_dir/package-lock.json"

want_stamp="$(hash_files "$pkg_dir/package.json" "$pkg_dir/package-lock.json" "${BASH_SOURCE[0]}")"

up_to_date() {
  [[ -f "$stamp" ]] || return 1
  [[ "$(cat "$stamp")" == "$want_stamp" ]] || return 1
  local entry
  for entry in "${files[@]}"; do
    [[ -s "$vendor_dir/${entry#*:}" ]] || return 1
  done
}

if [[ "${GRAPHIQL_ASSETS_FORCE:-}" != 1 ]] && up_to_date; then
  log "up to date ($vendor_dir)"
  exit 0
fi

command -v npm >/dev/null 2>&1 || die "npm not found on PATH.
  GraphiQL's browser bundles are fetched from the npm registry at build time.
  Install Node.js and npm (e.g. 'apt-get install -y nodejs npm'), then re-run:
    scripts/graphiql-assets.sh   (or: make assets)"

log "installing pinned packages (npm ci) in $pkg_dir"
(cd "$pkg_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
  || die "npm ci failed in $pkg_dir (is the npm registry reachable?)"

mkdir -p "$vendor_dir"
tmp="$(mktemp -d "$vendor_dir/.tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

for entry in "${files[@]}"; do
  src="$pkg_dir/node_modules/${entry%%:*}"
  [[ -s "$src" ]] || die "expected file not found after npm ci: $src"
  cp "$src" "$tmp/${entry#*:}"
done

# Drop the stamp first so an interrupted copy is never mistaken for complete.
rm -f "$stamp"
for entry in "${files[@]}"; do
  mv -f "$tmp/${entry#*:}" "$vendor_dir/${entry#*:}"
done
printf '%s\n' "$want_stamp" >"$stamp"

log "vendored into $vendor_dir:"
for entry in "${files[@]}"; do
  name="${entry#*:}"
  printf '  %10s  %s\n' "$(wc -c <"$vendor_dir/$name" | tr -d ' ')" "$name" >&2
done
