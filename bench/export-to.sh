#!/usr/bin/env bash
# An export with --to against the same export with -o only (issue 14; docs/benchmarks.md, "Export
# with --to against -o (issue 14)"). Whole commands, run in turn (-o, --to, -o, --to, ...) so that
# the machine's noise falls on both alike, each with a fresh state directory, output and DuckDB
# file, so both do the whole export:
#
#   A: ./gcjobs export --emulator --interval INTERVAL -o x.ndjson.gz
#   B: ./gcjobs export --emulator --interval INTERVAL -o x.ndjson.gz --to x.duckdb
#
#   bench/export-to.sh [PAIRS] [INTERVAL] [PER_DAY]
#
# PAIRS: default 3. INTERVAL: default 2020-01-01/2020-01-31 (the emulator's first 30 days: its day
# cache holds them all). PER_DAY: conversations a day, default 2000. The emulator runs in the
# command's own process with its defaults (job timing, 300 requests a minute), the client with its
# budget of 280 a minute, as in production the export is bound by Genesys' rate budget. Prints
# every run (wall and CPU seconds, peak RSS, and for B the time the load took after the export
# was done, as the command reports it), then min / median / max per command and the ratio of the
# medians, B / A, and the median of the pair-by-pair ratios. Per-run logs stay in
# target/export-to/.
set -euo pipefail
pairs=${1:-3}
interval=${2:-2020-01-01/2020-01-31}
per_day=${3:-2000}
case "$pairs" in '' | *[!0-9]*) echo "PAIRS must be a number, not '$pairs'" >&2; exit 2 ;; esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
logs="$here/target/export-to"
rm -rf "$logs"
mkdir -p "$logs"
work=$(mktemp -d /tmp/gcjobs-export-to-XXXXXX)
trap 'rm -rf "$work"' EXIT

# Builds the jar once, outside the measured runs.
./gcjobs --version >/dev/null

run() { # run LABEL N [extra args]: prints "wall cpu rss_kb load_s"
  local label=$1 n=$2
  shift 2
  local dir="$work/$label-$n"
  mkdir -p "$dir"
  local log="$logs/$label-$n.log"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S %M' -o "$dir/time" ./gcjobs export --emulator \
    --conversations-per-day "$per_day" --interval "$interval" \
    --state-dir "$dir/state" -o "$dir/x.ndjson.gz" "$@" >"$log" 2>&1
  end=$(date +%s.%N)
  local load
  load=$(sed -n 's/.*loaded [0-9,]* .*, the last in \([0-9.]*\)s after the export:.*/\1/p' "$log" | tail -1)
  read -r user sys rss <"$dir/time"
  rm -rf "$dir"
  awk -v s="$start" -v e="$end" -v u="$user" -v y="$sys" -v r="$rss" -v l="${load:--}" \
    'BEGIN { printf "%.2f %.2f %d %s\n", e - s, u + y, r, l }'
}

results="$logs/results.txt"
: >"$results"
for ((i = 1; i <= pairs; i++)); do
  read -r aw ac ar al < <(run o "$i")
  printf 'pair %d  -o       wall %7.2f s  cpu %7.2f s  rss %5d MB  (load avg %s)\n' \
    "$i" "$aw" "$ac" $((ar / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
  read -r bw bc br bl < <(run to "$i" --to "$work/to-$i.duckdb")
  rm -f "$work/to-$i.duckdb" "$work/to-$i.duckdb.wal"
  printf 'pair %d  --to     wall %7.2f s  cpu %7.2f s  rss %5d MB  load %s s  (load avg %s)\n' \
    "$i" "$bw" "$bc" $((br / 1024)) "$bl" "$(cut -d' ' -f1 /proc/loadavg)"
  echo "$aw $ac $bw $bc $bl" >>"$results"
done

awk -v pairs="$pairs" '
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { n++; aw[n] = $1; ac[n] = $2; bw[n] = $3; bc[n] = $4; bl[n] = $5; r[n] = $3 / $1
    aw2[n] = $1; bw2[n] = $3 }
  END {
    ma = median(aw, n); mb = median(bw, n)
    printf "\n| command | runs | min wall (s) | median wall (s) | max wall (s) | median CPU (s) |\n|---|---|---|---|---|---|\n"
    lo = 1e9; hi = 0; for (i = 1; i <= n; i++) { if (aw2[i] < lo) lo = aw2[i]; if (aw2[i] > hi) hi = aw2[i] }
    printf "| -o | %d | %.1f | %.1f | %.1f | %.1f |\n", n, lo, ma, hi, median(ac, n)
    lo = 1e9; hi = 0; for (i = 1; i <= n; i++) { if (bw2[i] < lo) lo = bw2[i]; if (bw2[i] > hi) hi = bw2[i] }
    printf "| -o --to | %d | %.1f | %.1f | %.1f | %.1f |\n", n, lo, mb, hi, median(bc, n)
    printf "\nratio of medians, --to / -o: %.3f; median of the pair ratios: %.3f; median load left after the export (as reported): %.1f s\n", mb / ma, median(r, n), median(bl, n)
  }' "$results"
