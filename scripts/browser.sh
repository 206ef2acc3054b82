#!/usr/bin/env bash
# browser.sh — make sure a headless Chromium is there for the browser tests
# of the explorer (server/explorer_browser_test.go) and print its path.
#
# It uses, first to last: $HEMIGRAPH_BROWSER (a path or a name on PATH);
# a browser on PATH (chromium-headless-shell, headless-shell, chromium,
# chromium-browser, google-chrome); else Debian's chromium-headless-shell,
# or chromium where that package does not exist, installed with apt-get
# when the machine allows it (root, or sudo without a password). Otherwise
# it fails and says what to do: the browser tests are never skipped in
# `make test` or CI.
set -euo pipefail

log() { echo "browser: $*" >&2; }
die() {
  echo "browser: error: $*" >&2
  echo "browser: install Chromium (Debian: apt-get install chromium-headless-shell, or chromium)," >&2
  echo "browser: or set HEMIGRAPH_BROWSER to a Chrome or Chromium executable, then re-run." >&2
  exit 1
}

if [[ -n "${HEMIGRAPH_BROWSER:-}" ]]; then
  path="$(command -v "$HEMIGRAPH_BROWSER" || true)"
  [[ -n "$path" ]] || die "HEMIGRAPH_BROWSER=$HEMIGRAPH_BROWSER is not an executable"
  echo "$path"
  exit 0
fi

find_browser() {
  local name
  for name in chromium-headless-shell headless-shell chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

if path="$(find_browser)"; then
  echo "$path"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "no headless browser found, and no apt-get to install one"
sudo=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    die "no headless browser found, and installing one with apt-get needs root"
  fi
fi

# candidate prints the version apt would install, or nothing.
candidate() {
  apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { if ($2 != "(none)") print $2 }'
}

pkg=""
for attempt in 1 2; do
  for name in chromium-headless-shell chromium; do
    if [[ -n "$(candidate "$name")" ]]; then
      pkg="$name"
      break 2
    fi
  done
  [[ "$attempt" == 1 ]] || break
  log "updating apt's package lists"
  "${sudo[@]}" apt-get update -qq >&2 || die "apt-get update failed"
done
[[ -n "$pkg" ]] || die "apt knows neither chromium-headless-shell nor chromium"

log "installing $pkg $(candidate "$pkg") with apt-get"
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$pkg" fonts-dejavu-core >&2 \
  || die "apt-get install $pkg failed"
path="$(find_browser)" || die "$pkg was installed, but no browser is on PATH"
echo "$path"
