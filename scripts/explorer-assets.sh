#!/usr/bin/env bash
# explorer-assets.sh — fetch the third-party browser modules of the explorer
# page (/explore) pinned in server/explorer/package-lock.json from the npm
# registry and copy exactly the files the page needs, with their licences,
# into server/explorer/assets/vendor/, where server/explorer embeds them with
# go:embed.
#
#   cytoscape       3.34.x  MIT  graph drawing (ES module build)
#   @dagrejs/dagre  3.x     MIT  layered layout of lineage and paths
#                                (ES module build, @dagrejs/graphlib, MIT,
#                                bundled inside it)
#   cytoscape-fcose 2.x     MIT  force-directed layout of neighbourhoods,
#                                with cose-base and layout-base (MIT): UMD
#                                scripts, loaded before the modules
#
# Both server/explorer/node_modules/ and server/explorer/assets/vendor/* are
# gitignored: third-party code is fetched at build time, never committed.
#
# Idempotent: when every vendored file is present and the stamp records the
# current package.json, package-lock.json and this script, it does nothing.
# Set EXPLORER_ASSETS_FORCE=1 to rebuild anyway.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pkg_dir="$root/server/explorer"
vendor_dir="$pkg_dir/assets/vendor"
stamp="$vendor_dir/.stamp"

# source (relative to node_modules) -> destination name in assets/vendor/.
# Keep in sync with the vendor entries of the asset list in
# server/explorer/explorer.go.
files=(
  "cytoscape/dist/cytoscape.esm.min.mjs:cytoscape.esm.min.js"
  "@dagrejs/dagre/dist/dagre.esm.js:dagre.esm.js"
  "@dagrejs/dagre/dist/dagre.esm.js.LEGAL.txt:dagre.esm.js.LEGAL.txt"
  "layout-base/layout-base.js:layout-base.js"
  "cose-base/cose-base.js:cose-base.js"
  "cytoscape-fcose/cytoscape-fcose.js:cytoscape-fcose.js"
  "cytoscape/LICENSE:LICENSE.cytoscape.txt"
  "@dagrejs/dagre/LICENSE:LICENSE.dagre.txt"
  "@dagrejs/graphlib/LICENSE:LICENSE.graphlib.txt"
  "cytoscape-fcose/LICENSE:LICENSE.cytoscape-fcose.txt"
  "cose-base/LICENSE:LICENSE.cose-base.txt"
  "layout-base/LICENSE:LICENSE.layout-base.txt"
)

die() { echo "explorer-assets: error: $*" >&2; exit 1; }
log() { echo "explorer-assets: $*" >&2; }

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

if [[ "${EXPLORER_ASSETS_FORCE:-}" != 1 ]] && up_to_date; then
  log "up to date ($vendor_dir)"
  exit 0
fi

command -v npm >/dev/null 2>&1 || die "npm not found on PATH.
  The explorer's browser modules are fetched from the npm registry at build time.
  Install Node.js and npm (e.g. 'apt-get install -y nodejs npm'), then re-run:
    scripts/explorer-assets.sh   (or: make assets)"

log "installing pinned packages (npm ci) in $pkg_dir"
(cd "$pkg_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
  || die "npm ci failed in $pkg_dir (is the npm registry reachable?)"

mkdir -p "$vendor_dir"
tmp="$(mktemp -d "$vendor_dir/.tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

for entry in "${files[@]}"; do
  src="$pkg_dir/node_modules/${entry%%:*}"
  [[ -s "$src" ]] || die "expected file not found after npm ci: $src"
  # The source maps are not vendored: drop the comments that point at them,
  # so that a browser's developer tools do not ask the server for them.
  sed -e '/^\/\/# sourceMappingURL=/d' "$src" >"$tmp/${entry#*:}"
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
