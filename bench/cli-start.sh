#!/usr/bin/env bash
# Start-up time of the CLI alone: `berth --version` against `docker --version` (no daemon
# reached, so this is the executable's own start: loader, runtime, argument parsing).
# Target (issue 14): berth at most as slow as docker.
# Usage: bench/cli-start.sh [RUNS]   (needs bin/berth and docker; no root, no engine)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
work=$(mktemp -d /tmp/berth-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 100000 )); }
# Warm the page cache for both executables first.
bin/berth --version >/dev/null; docker --version >/dev/null
for _ in $(seq 1 "$runs"); do
  ms bin/berth --version >>"$work/b"
  ms docker --version >>"$work/d"
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2) / 10}'; }
awk -v l="CLI start, --version (median of $runs)" -v b="$(median "$work/b")" -v d="$(median "$work/d")" \
  'BEGIN { printf "%-44s berth  %8.1f ms   docker  %8.1f ms   berth/docker   %.2f\n", l, b, d, b/d }'
