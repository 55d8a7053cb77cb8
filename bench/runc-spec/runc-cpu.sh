#!/bin/bash
# runc's CPU (runc create + runc init + the container's `true`) per bundle variant:
# one `perf stat` per run, variants alternated so the shared machine's load falls on all alike.
# Usage: runc-cpu.sh DIR ROUNDS VARIANT...   (DIR/VARIANT/config.json, each its own cgroupsPath)
set -euo pipefail
dir=$1 rounds=$2; shift 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for ((i = 0; i < rounds; i++)); do
  for v in "$@"; do
    perf stat -x, -e task-clock -o "$out/stat" runc run --bundle "$dir/$v" "bench-$v-$$" </dev/null >/dev/null 2>&1
    grep task-clock "$out/stat" | cut -d, -f1 >> "$out/$v"
  done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for v in "$@"; do
  sort -n "$out/$v" | awk -v v="$v" '{a[NR]=$1} END {printf "%-14s median %6.1f ms  min %6.1f  max %6.1f  n=%d\n", v, (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[1], a[NR], NR}'
done
