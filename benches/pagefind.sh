#!/usr/bin/env bash
# Our search side by side with Pagefind (npm `pagefind`, pinned in benches/pagefind/) on the
# same built site, the same query set (tests/search/queries.json) and the same browser.
#
#   bash benches/pagefind.sh BUILT_SITE [OUT_DIR]
#
# BUILT_SITE is an `onderdak build` output (the default site, or a nationwide one from
# benches/generate.py). Pagefind indexes a hard-linked copy of it that holds the pages a
# search should return: services, explainers, municipalities and regions (not the question
# flow's steps, flyers, "what changed" pages, topic pages or the search page, which repeat
# those pages' text). The search pages are put back after indexing, to run the queries
# from: Pagefind's JS API picks the index of the page's language. Then
# tests/browser/search-quality.mjs runs every query with a cold cache for both engines and
# writes OUT_DIR/ours.json and OUT_DIR/pagefind.json (recall@5 and bytes per query).
# QUERIES=FILE runs another query set (e.g. from tests/search/expect.py for a nationwide site).
# Pagefind is installed with `npm ci` into $PAGEFIND_CACHE (default ~/.cache/onderdak-pagefind).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
site="$(cd "$1" && pwd)"
out="${2:-$root/target/search-bench}"
mkdir -p "$out"
cache="${PAGEFIND_CACHE:-$HOME/.cache/onderdak-pagefind}"

echo "== pagefind: npm ci into $cache"
mkdir -p "$cache"
cp "$here/pagefind/package.json" "$here/pagefind/package-lock.json" "$cache/"
(cd "$cache" && npm ci --no-audit --no-fund >/dev/null)
"$cache/node_modules/.bin/pagefind" --version

echo "== browser test packages"
(cd "$root/tests/browser" && npm ci --no-audit --no-fund >/dev/null)

stage="$(mktemp -d "${TMPDIR:-/tmp}/onderdak-pagefind.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
echo "== pagefind: index a copy of $site (in $stage)"
cp -al "$site/." "$stage/"
rm -rf "$stage/pagefind"
for lang_dir in "$stage"/*/; do
  [ -f "$lang_dir/index.html" ] || continue
  rm -rf "$lang_dir/zoeken" "$lang_dir/onderwerp" "$lang_dir/waar-kan-ik-terecht" "$lang_dir/offline"
done
find "$stage" -depth -type d \( -name flyer -o -name waar-kan-ik-terecht -o -name wat-is-er-veranderd \) -exec rm -rf {} +
rm -f "$stage/index.html" "$stage/404.html"
start=$(date +%s)
"$cache/node_modules/.bin/pagefind" --site "$stage" --output-path "$stage/pagefind" > "$out/pagefind-index.log" 2>&1
echo "indexed in $(( $(date +%s) - start )) s: $(grep -E 'Indexed|pages' "$out/pagefind-index.log" | tr '\n' ' ')"
du -sb "$stage/pagefind" | awk '{print "pagefind files: " $1 " bytes"}'
find "$stage/pagefind" -type f -printf '%s %p\n' | sort -n | tail -1 | awk '{print "largest pagefind file: " $1 " bytes " $2}'
for lang_dir in "$site"/*/; do
  l="$(basename "$lang_dir")"
  [ -d "$lang_dir/zoeken" ] && mkdir -p "$stage/$l/zoeken" && cp "$lang_dir/zoeken/index.html" "$stage/$l/zoeken/"
done

echo "== queries: ours"
node "$root/tests/browser/search-quality.mjs" "$site" --engine ours ${QUERIES:+--queries "$QUERIES"} --json "$out/ours.json" > "$out/ours.log" 2>&1 || true
tail -4 "$out/ours.log" | head -2
echo "== queries: pagefind"
node "$root/tests/browser/search-quality.mjs" "$stage" --engine pagefind ${QUERIES:+--queries "$QUERIES"} --json "$out/pagefind.json" > "$out/pagefind.log" 2>&1 || true
tail -4 "$out/pagefind.log" | head -2
