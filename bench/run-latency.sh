#!/usr/bin/env bash
# Latency of `run --rm busybox true` through the real docker CLI: berthd against a real
# Docker Engine (Debian's docker.io), side by side in one run, interleaved, same image.
# Both use --network none: berthd has no bridge network yet.
# Usage: bench/run-latency.sh [RUNS]      (root; needs bin/berthd, dockerd, docker)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
docker_cli=$(command -v docker)
work=$(mktemp -d /tmp/berth-bench-XXXXXX)
berthd_pid=
cleanup() {
  [ -n "$berthd_pid" ] && kill "$berthd_pid" 2>/dev/null && wait "$berthd_pid" 2>/dev/null || true
  scripts/real-docker.sh stop "$work/docker" >/dev/null 2>&1 || true
  { grep -o " $work/[^ ]*" /proc/self/mountinfo || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

bin/berthd -H "unix://$work/berth.sock" --data-root "$work/berth-data" --exec-root "$work/berth-exec" >"$work/berthd.log" 2>&1 &
berthd_pid=$!
docker_sock=$(scripts/real-docker.sh start "$work/docker")
for _ in $(seq 1 100); do curl -sf --unix-socket "$work/berth.sock" http://b/_ping >/dev/null 2>&1 && break; sleep 0.1; done

for host in "unix://$work/berth.sock" "unix://$docker_sock"; do
  CLIENT="$docker_cli -H $host" scripts/busybox-image.sh busybox:latest >/dev/null
  # One warm-up run each: first-request costs are not what users feel run after run.
  "$docker_cli" -H "$host" run --rm --network none busybox true
done

time_run() { # prints milliseconds
  local start end
  start=$(date +%s%N)
  "$docker_cli" -H "$1" run --rm --network none busybox true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
: >"$work/berth.ms"; : >"$work/docker.ms"
for _ in $(seq 1 "$runs"); do
  time_run "unix://$work/berth.sock" >>"$work/berth.ms"
  time_run "unix://$docker_sock" >>"$work/docker.ms"
done

median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
b=$(median "$work/berth.ms"); d=$(median "$work/docker.ms")
echo "run --rm --network none busybox true, $runs runs each, docker CLI $("$docker_cli" --version | awk '{print $3}' | tr -d ,)"
printf 'berthd median: %s ms\n' "$b"
printf 'dockerd median: %s ms\n' "$d"
awk -v b="$b" -v d="$d" 'BEGIN { printf "ratio berthd/dockerd: %.2f (Docker takes %.1fx as long)\n", b/d, d/b }'
