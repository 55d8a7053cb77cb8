#!/usr/bin/env bash
# Two berthd builds against each other on a busy machine: `run --rm --network none busybox
# true` through the real docker CLI, the two daemons' runs alternated one by one, in both
# orders (the second of a pair pays for the first's background cleanup), with the medians of
# their start and exit phases (PhaseTimer, --log-level debug).
# Usage: bench/ab-berthd.sh OTHER_BERTHD [RUNS]   (root; this checkout's bin/berthd is "this")
set -euo pipefail
cd "$(dirname "$0")/.."
other=$(realpath "$1")
runs=${2:-25}
work=$(mktemp -d /tmp/berth-ab-XXXXXX)
pids=()

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  { grep -o " $work/[^ ]*" /proc/self/mountinfo || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  for name in this other; do ip netns del "ab-$name-$$" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

start() { # start NAME BINARY
  ip netns add "ab-$1-$$"
  ip -n "ab-$1-$$" link set lo up
  nsenter --net="/run/netns/ab-$1-$$" "$2" -H "unix://$work/$1.sock" --data-root "$work/$1/data" \
    --exec-root "$work/$1/exec" --log-level debug >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -sf --unix-socket "$work/$1.sock" http://b/_ping >/dev/null 2>&1 && break; sleep 0.1; done
  CLIENT="docker -H unix://$work/$1.sock" scripts/busybox-image.sh busybox:latest >/dev/null
  docker -H "unix://$work/$1.sock" run --rm busybox true
}

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
phase() { grep -a -o "$2 [0-9.]*" "$work/$1.log" | awk '{print $NF}' | median; }

start this bin/berthd
start other "$other"
for order in "this other" "other this"; do
  : >"$work/this.ms"; : >"$work/other.ms"; : >"$work/this.log"; : >"$work/other.log"
  for _ in $(seq 1 "$runs"); do
    for name in $order; do ms docker -H "unix://$work/$name.sock" run --rm --network none busybox true >>"$work/$name.ms"; done
  done
  echo "order: $order (load $(cut -d' ' -f1 /proc/loadavg))"
  for name in this other; do
    printf '  %-5s run %6s ms   start %6s ms (runtime create %6s ms)   exit %5s ms (record and unmount %5s ms)\n' "$name" \
      "$(median <"$work/$name.ms")" "$(phase "$name" 'start: .*total')" "$(phase "$name" 'runtime create and network')" \
      "$(phase "$name" 'exit: .*total')" "$(phase "$name" 'record and unmount')"
  done
done
