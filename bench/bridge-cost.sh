#!/usr/bin/env bash
# What the default bridge costs over --network none on berthd alone: `run --rm busybox true`
# both ways, alternated run by run, so a busy machine's load falls on both rows alike.
# Usage: bench/bridge-cost.sh [RUNS]      (root; needs bin/berthd, dockerd, docker)
source "$(dirname "$0")/lib.sh"
runs=${1:-40}
bench_start
host=$BERTH
for _ in 1 2; do dk run --rm busybox true; dk run --rm --network none busybox true; done
: >"$work/none.ms"; : >"$work/bridge.ms"
for _ in $(seq 1 "$runs"); do
  ms dk run --rm --network none busybox true >>"$work/none.ms"
  ms dk run --rm busybox true >>"$work/bridge.ms"
done
none=$(median "$work/none.ms"); bridge=$(median "$work/bridge.ms")
awk -v n="$none" -v b="$bridge" -v r="$runs" \
  'BEGIN { printf "berthd run --rm busybox true (median of %d, alternated): none %.1f ms, bridge %.1f ms, bridge costs %.1f ms\n", r, n, b, b - n }'
