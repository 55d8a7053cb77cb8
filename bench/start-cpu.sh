#!/usr/bin/env bash
# berthd's own CPU per `start` (user and system, from /proc/<berthd>/stat around the starts):
# COUNT created busybox containers (`sleep 3600`, default bridge) started one after another
# through the real docker CLI, then removed. berthd alone: no dockerd. Children (conmon, runc)
# are not counted: they are not waited for by berthd's own clock.
# With PERF_OUT set, `perf record -g` of berthd during the starts goes to that file.
# Usage: bench/start-cpu.sh [COUNT] [BERTHD] [PARALLEL]   (root; default 50, bin/berthd, 1 at a time)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-50}
berthd=$(realpath "${2:-bin/berthd}")
parallel=${3:-1}
work=$(mktemp -d /tmp/berth-cpu-XXXXXX)
netns=berthcpu$$
pid=
cleanup() {
  ids=$(docker -H "unix://$work/berth.sock" ps -aq 2>/dev/null || true)
  [ -z "$ids" ] || docker -H "unix://$work/berth.sock" rm -f $ids >/dev/null 2>&1 || true
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  { grep -o " $work/[^ ]*" /proc/self/mountinfo || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  ip netns del "$netns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$netns"
ip -n "$netns" link set lo up
nsenter --net="/run/netns/$netns" "$berthd" -H "unix://$work/berth.sock" --data-root "$work/data" \
  --exec-root "$work/exec" >"$work/berthd.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -sf --unix-socket "$work/berth.sock" http://b/_ping >/dev/null 2>&1 && break; sleep 0.1; done
dk() { docker -H "unix://$work/berth.sock" "$@"; }
CLIENT="docker -H unix://$work/berth.sock" scripts/busybox-image.sh busybox:latest >/dev/null
dk run --rm busybox true
for i in $(seq 1 "$count"); do dk create --name "cpu-$i-$$" busybox sleep 3600 >/dev/null; done
ticks() { awk '{print $14, $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
load=$(cut -d' ' -f1 /proc/loadavg)
read -r u0 s0 < <(ticks)
perf_pid=
if [ -n "${PERF_OUT:-}" ]; then perf record -q -g -p "$pid" -o "$PERF_OUT" 2>/dev/null & perf_pid=$!; sleep 1; fi
t0=$(date +%s%N)
seq 1 "$count" | xargs -P "$parallel" -I{} docker -H "unix://$work/berth.sock" start "cpu-{}-$$" >/dev/null
t1=$(date +%s%N)
read -r u1 s1 < <(ticks)
if [ -n "$perf_pid" ]; then kill -INT "$perf_pid"; wait "$perf_pid" || true; fi
awk -v c="$count" -v p="$parallel" -v hz="$hz" -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v t=$(((t1 - t0) / 1000000)) -v l="$load" \
  'BEGIN { printf "berthd CPU per start (%d, %d at a time, bridge, load %s): %.1f ms (user %.1f, system %.1f); wall %.1f ms for all\n", c, p, l, (u+s)*1000/hz/c, u*1000/hz/c, s*1000/hz/c, t }'
