#!/usr/bin/env bash
# Issue 14's table from one run: every benchmark it names, Berth against Docker through the
# same docker CLI (medians of RUNS, at least 20), then each row's berthd/dockerd ratio and the
# load average before and after (the machine is shared: only ratios measured side by side,
# in the same run, mean anything). The full output of each script is kept in OUT.
# Usage: bench/summary.sh [RUNS] [OUT]   (root; default 20 runs, /tmp/berth-bench-summary)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
out=${2:-/tmp/berth-bench-summary}
mkdir -p "$out"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
bench/cli-start.sh "$runs" | tee "$out/cli-start.txt"
bench/run-latency.sh "$runs" | tee "$out/run-latency.txt"
bench/exec-latency.sh "$runs" | tee "$out/exec-latency.txt"
bench/start-many.sh 50 8 | tee "$out/start-many.txt"
bench/port-traffic.sh 5 256 | tee "$out/port-traffic.txt"
bench/rss-soak.sh 1000 3000 | tee "$out/rss-soak.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "row                                           berth/docker   target"
row() { # FILE PATTERN LABEL TARGET
  local ratio
  ratio=$(grep -F -- "$2" "$out/$1" | head -1 | awk '{print $NF}')
  printf "%-46s %-14s %s\n" "$3" "${ratio:-?}" "$4"
}
row run-latency.txt "(default bridge)" "run --rm busybox true, default bridge" "<= 0.25"
row run-latency.txt "--network none" "run --rm --network none busybox true" "<= 0.20"
row exec-latency.txt "exec bench-exec true" "exec C true" "<= 0.60"
row start-many.txt "sequentially" "start of 50, sequentially" "<= 0.25"
row start-many.txt "at a time" "start of 50, 8 in parallel" "<= 0.25"
row cli-start.txt "CLI start" "CLI start (--version)" "<= 1.0"
row port-traffic.txt "connections/s to httpd via gateway" "connections/s via the bridge gateway" ">= 1.0"
row rss-soak.txt "idle RSS" "berthd idle RSS (MB; ratio to dockerd)" "<= 60 MB"
grep -F "idle RSS" "$out/rss-soak.txt" | awk '{printf "%-46s %s MB\n", "  berthd idle RSS, absolute", $4}'
grep -F "RSS growth" "$out/rss-soak.txt" | awk '{printf "%-46s %s %%\n", "  berthd RSS growth after the soak", $6}'
grep -F "open fds" "$out/rss-soak.txt" | sed 's/^/  /'
