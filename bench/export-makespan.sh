#!/usr/bin/env bash
# Export makespan before and after: the export bench (ExportMakespanBench, docs/benchmarks.md,
# "Export makespan") for two builds in one script, run alternately (base, current, base, current,
# ...) so that the machine's noise falls on both alike. The base is a git ref built in a temporary
# git worktree under /tmp (removed at the end); the current build is this work tree as it is,
# uncommitted changes included.
#
#   bench/export-makespan.sh [BASE_REF] [PAIRS] [-- BENCH_ARGS...]
#
# BASE_REF: default 8d6bbf0. PAIRS: how many times each build runs, default 5. Each run is its own
# JVM: one unmeasured warm-up export, then the measured export(s). BENCH_ARGS go to
# ExportMakespanBench, default "--scale 5 --runs 1 --no-tutorial". Per-run logs stay in
# target/export-makespan/. Prints every run, then per build min / median / max makespan (full-scale
# seconds) and the ratio of the medians, current / base.
set -euo pipefail
base_ref=${1:-8d6bbf0}
pairs=${2:-5}
if [ $# -gt 2 ]; then
  shift 2
  [ "${1:-}" = "--" ] && shift
  bench_args=("$@")
else
  bench_args=(--scale 5 --runs 1 --no-tutorial)
fi
case "$pairs" in '' | *[!0-9]*) echo "PAIRS must be a number, not '$pairs'" >&2; exit 2 ;; esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
base_sha=$(git rev-parse --verify --short "$base_ref^{commit}")
current_label="work tree at $(git rev-parse --short HEAD)"
[ -n "$(git status --porcelain --untracked-files=no)" ] && current_label="$current_label + changes"

base_dir=$(mktemp -d /tmp/gcjobs-makespan-base-XXXXXX)
rmdir "$base_dir"
logs="$here/target/export-makespan"
rm -rf "$logs"
mkdir -p "$logs"
cleanup() {
  git -C "$here" worktree remove --force "$base_dir" 2>/dev/null || rm -rf "$base_dir"
  git -C "$here" worktree prune 2>/dev/null || true
}
trap cleanup EXIT

build() {
  echo "building $1 ..." >&2
  (cd "$2" \
    && mvn -B -q -Dstyle.color=never test-compile \
    && mvn -B -q -Dstyle.color=never dependency:build-classpath \
      -Dmdep.outputFile=target/makespan-classpath.txt) >"$logs/build-$1.log" 2>&1 \
    || { cat "$logs/build-$1.log" >&2; exit 1; }
}

git worktree add --detach --quiet "$base_dir" "$base_sha"
build base "$base_dir"
build current "$here"

# One JVM of the bench in build $1 (directory $2); appends its makespans to $logs/$1.values.
run_once() {
  local log="$logs/$1-$3"
  (cd "$2" && java -cp "target/test-classes:target/classes:$(cat target/makespan-classpath.txt)" \
    dev.gcjobs.engine.ExportMakespanBench "${bench_args[@]}") >"$log.out" 2>"$log.err" \
    || { cat "$log.err" >&2; exit 1; }
  local values
  values=$(sed -n 's/^round [0-9]*  .* \([0-9.]*\) s (full scale).*/\1/p' "$log.err")
  [ -n "$values" ] || { echo "no makespan in $log.err" >&2; exit 1; }
  echo "$values" >>"$logs/$1.values"
  printf 'run %2d  %-8s %s s  (load %s)\n' "$3" "$1" "$(echo $values)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "base: $base_ref ($base_sha); current: $current_label; $pairs runs each, alternating;" \
  "bench args: ${bench_args[*]}"
for i in $(seq "$pairs"); do
  run_once base "$base_dir" "$i"
  run_once current "$here" "$i"
done

# min, median, max of the numbers in file $1
stats() {
  sort -g "$1" | awk '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f %.1f %.1f %d\n", v[1], m, v[NR], NR }'
}
read -r bmin bmed bmax bn < <(stats "$logs/base.values")
read -r cmin cmed cmax cn < <(stats "$logs/current.values")
echo
echo "| build | runs | min (s) | median (s) | max (s) |"
echo "|---|---|---|---|---|"
echo "| base $base_ref ($base_sha) | $bn | $bmin | $bmed | $bmax |"
echo "| current: $current_label | $cn | $cmin | $cmed | $cmax |"
echo
awk -v c="$cmed" -v b="$bmed" 'BEGIN { printf "ratio of medians, current / base: %.3f\n", c / b }'
echo "logs: $logs"
