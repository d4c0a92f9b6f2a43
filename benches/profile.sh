#!/usr/bin/env bash
# Where does `onderdak build` spend its time? Two views of one build of a generated site:
#
#   1. callgrind (valgrind): instructions per function, user space only, exact and
#      repeatable; the build runs ~50x slower, so use a small preset (2k by default).
#   2. perf (if it works here): sampled CPU time including the kernel (file creation),
#      on a bigger preset. Hardware counters are not available in this VM (`perf stat -e
#      instructions true` says <not supported>), so it samples the cpu-clock software event.
#
#   benches/profile.sh [2k|10k|full]     # callgrind preset (default 2k); perf uses PERF_SIZE (10k)
#
# Environment: BENCH_DISK (default /tmp/onderdak-bench), ONDERDAK, THEMES, TOP (25), PERF=0 to skip perf.
set -eu   # no pipefail: `| head` below closes pipes early on purpose

SIZE="${1:-2k}"
PERF_SIZE="${PERF_SIZE:-10k}"
TOP="${TOP:-25}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DISK:-/tmp/onderdak-bench}/profile"
ONDERDAK="${ONDERDAK:-$REPO/target/release/onderdak}"
OUT_FS="${PROFILE_OUT:-/dev/shm/onderdak-profile}"   # build output on tmpfs: less disk noise

if ! command -v valgrind >/dev/null; then
  apt-get install -y valgrind >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y valgrind >/dev/null; }
fi
[ -x "$ONDERDAK" ] || (cd "$REPO" && cargo build --release)
mkdir -p "$WORK" "$OUT_FS"
rm -rf "$WORK/snap" && mkdir -p "$WORK/snap"
cp "$ONDERDAK" "$WORK/snap/onderdak" && cp -r "${THEMES:-$REPO/themes}" "$WORK/snap/themes"
OD="$WORK/snap/onderdak"

echo "== generating the $SIZE site"
python3 "$REPO/benches/generate.py" --out "$WORK/site-$SIZE" --preset "$SIZE" --themes "$WORK/snap/themes" --force --onderdak "$OD" | tail -2
rm -rf "$WORK/site-$SIZE/public"

echo "== callgrind: onderdak build ($SIZE)"
rm -rf "$OUT_FS/out"
valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" \
  "$OD" build --site "$WORK/site-$SIZE" --out "$OUT_FS/out" 2>"$WORK/callgrind.log" | tail -1
grep -E "Collected" "$WORK/callgrind.log" || true
python3 "$REPO/benches/callgrind_summary.py" "$WORK/callgrind.out" --top "$TOP" | tee "$WORK/callgrind-summary.txt"

if [ "${PERF:-1}" = 1 ] && command -v perf >/dev/null; then
  echo "== perf: onderdak build ($PERF_SIZE), cpu-clock samples, output on $(df -T "$OUT_FS" | awk 'NR==2 {print $2}')"
  python3 "$REPO/benches/generate.py" --out "$WORK/site-$PERF_SIZE" --preset "$PERF_SIZE" --themes "$WORK/snap/themes" --force | tail -1
  rm -rf "$OUT_FS/out"
  if perf record -e cpu-clock -F 999 -o "$WORK/perf.data" "$OD" build --site "$WORK/site-$PERF_SIZE" --out "$OUT_FS/out" 2>"$WORK/perf.log" | tail -1; then
    echo "-- self time by symbol"
    perf report -i "$WORK/perf.data" --no-children --sort symbol --stdio -g none 2>/dev/null \
      | grep -E '^ +[0-9]' | head -n "$TOP" | cut -c1-160 | tee "$WORK/perf-self.txt"
    echo "-- self time by binary (kernel = file creation, page faults, ...)"
    perf report -i "$WORK/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null \
      | grep -E '^ +[0-9]' | head -n 8 | cut -c1-100 | tee "$WORK/perf-dso.txt"
  else
    echo "perf record failed:"; tail -5 "$WORK/perf.log"
  fi
fi
rm -rf "$OUT_FS"
echo "profiles: $WORK"
