#!/usr/bin/env bash
# The standard validators over a build of the default site, as CI runs them after the
# browser suite:
#
#   1. the Nu Html Checker (npm vnu-jar, with the machine's Java) over every HTML page and
#      the CSS; any error fails;
#   2. frictionless (PyPI) over the HSDS data package in data/hsds/; any error fails;
#   3. pa11y with HTML_CodeSniffer (WCAG 2 AA) in Debian's Chromium, over one page of every
#      kind in every language; any error fails.
#
#   bash tests/validate/run.sh                # builds the default site, runs all three
#   SITE_OUT=/path/to/public bash tests/validate/run.sh   # an existing build instead
#
# Installs what it needs: Java (default-jre-headless) and Chromium with apt when missing,
# the npm packages with `npm ci` (puppeteer's own browser download skipped: Debian's
# Chromium is used), frictionless with pip into a virtual environment kept in
# ~/.cache/onderdak-validate. Prints the time each validator took; the last line is
# "N passed, M failed".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${ONDERDAK_VALIDATE_CACHE:-$HOME/.cache/onderdak-validate}"
FRICTIONLESS_VERSION=5.21.0

passed=0
failed=0
failures=()
tmp=""
cleanup() {
  if [ -n "$tmp" ]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT

# run NAME COMMAND...: runs one validator, prints its time, counts it.
run() {
  local name="$1"
  shift
  echo "== validate: $name"
  local start end rc=0
  start=$(date +%s.%N)
  "$@" || rc=$?
  end=$(date +%s.%N)
  local took
  took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  if [ "$rc" = 0 ]; then
    passed=$((passed + 1))
    echo "ok   $name (${took} s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "FAIL $name (${took} s, exit $rc)"
  fi
}

echo "== validate: install"
need_apt=()
command -v java >/dev/null || need_apt+=(default-jre-headless)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
python3 -c 'import ensurepip, venv' 2>/dev/null || need_apt+=(python3 python3-venv)
if [ "${#need_apt[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y "${need_apt[@]}"
fi
java -version 2>&1 | head -1
(cd "$here" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund)
if [ ! -x "$cache/venv/bin/frictionless" ] ||
  [ "$("$cache/venv/bin/frictionless" --version 2>/dev/null)" != "$FRICTIONLESS_VERSION" ]; then
  rm -rf "$cache/venv"
  mkdir -p "$cache"
  python3 -m venv "$cache/venv"
  "$cache/venv/bin/pip" install --quiet --disable-pip-version-check "frictionless==$FRICTIONLESS_VERSION"
fi
"$cache/venv/bin/frictionless" --version

site="${SITE_OUT:-}"
if [ -z "$site" ]; then
  echo "== validate: build the default site"
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/onderdak-validate.XXXXXX")"
  site="$tmp/site"
  (cd "$root" && cargo run --release -- build --out "$site")
fi
[ -f "$site/index.html" ] || { echo "no site at $site" >&2; exit 1; }

vnu_jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"

# Every HTML page in two batches, one Java process per core (2 here), each given thousands
# of files at once: starting the checker is most of the cost of checking one page.
vnu_pages() {
  local list
  list="$(mktemp)"
  (cd "$site" && find . -name '*.html' -type f | sort) >"$list"
  local total
  total=$(wc -l <"$list")
  local jobs
  jobs=$(nproc 2>/dev/null || echo 2)
  [ "$jobs" -gt 4 ] && jobs=4
  split -n "l/$jobs" "$list" "$list.part."
  local pids=() rc=0
  for part in "$list".part.*; do
    (cd "$site" && xargs -s 1900000 -a "$part" java -Xss8m -jar "$vnu_jar" --errors-only --format gnu >"$part.out" 2>&1) &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  local errors
  errors=$(cat "$list".part.*.out | grep -c ':.*error' || true)
  head -n 50 "$list".part.*.out | grep -v '^==>' | grep -v '^$' || true
  rm -f "$list" "$list".part.*
  echo "vnu: $total pages checked in $jobs batches: $errors error(s)"
  [ "$rc" = 0 ] && [ "$errors" = 0 ]
}
vnu_css() {
  (cd "$site" && java -Xss8m -jar "$vnu_jar" --errors-only --format gnu --css static/*.css)
  echo "vnu: $(ls "$site"/static/*.css | wc -l) CSS file(s) checked"
}
frictionless_hsds() {
  (cd "$site/data/hsds" && "$cache/venv/bin/frictionless" validate datapackage.json)
}
pa11y_pages() {
  node "$here/pa11y.mjs" "$site"
}

run "Nu Html Checker, every page" vnu_pages
run "Nu Html Checker, CSS" vnu_css
run "frictionless, HSDS data package" frictionless_hsds
run "pa11y (HTML_CodeSniffer), one page of every kind in every language" pa11y_pages

if [ "$failed" -gt 0 ]; then
  echo "Failures:"
  for f in "${failures[@]}"; do echo "  - $f"; done
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
