#!/usr/bin/env bash
# Installs the content editor (Decap CMS and decap-server, at the versions pinned in
# package-lock.json) into a cache folder, outside the repository and outside any site.
# `onderdak serve` serves the editor at /admin/ from there; nothing is loaded from a CDN.
#
#   bash tools/cms/fetch.sh          # prints the cache folder on its last line
#
# ONDERDAK_CMS_CACHE overrides the folder (default: ~/.cache/onderdak-cms). Runs `npm ci`
# only when the lock file changed since the last install (~400 MB, about 1.5 minutes).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${ONDERDAK_CMS_CACHE:-$HOME/.cache/onderdak-cms}"
mkdir -p "$cache"
command -v npm >/dev/null || { echo "npm is not installed (Debian: apt-get install npm)" >&2; exit 1; }

if ! cmp -s "$here/package-lock.json" "$cache/package-lock.json" \
  || [ ! -f "$cache/node_modules/decap-cms/dist/decap-cms.js" ] \
  || [ ! -f "$cache/node_modules/decap-server/dist/index.js" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$cache/"
  # --ignore-scripts: the built bundle is all that is used; no install script needs to run.
  (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund)
fi
echo "$cache"
