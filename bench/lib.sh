# Sourced by the benchmarks (BERTHD_FLAGS: more berthd flags, e.g. --log-level debug, whose
# log is copied to BERTHD_LOG if set): a berthd and a real Docker Engine (Debian's docker.io) side by
# side, each in a network namespace of its own (own bridge, iptables rules and ports, so
# neither meets the host's engines), the same busybox image in both, driven by the same
# real docker CLI. Sets BERTH and DOCKER (values for -H) and the functions below.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
docker_cli=$(command -v docker)
work=$(mktemp -d /tmp/berth-bench-XXXXXX)
berth_netns=berthbench$$
berthd_pid=

bench_cleanup() {
  for host in "${BERTH:-}" "${DOCKER:-}"; do
    [ -n "$host" ] || continue
    ids=$("$docker_cli" -H "$host" ps -aq 2>/dev/null || true)
    [ -z "$ids" ] || "$docker_cli" -H "$host" rm -f $ids >/dev/null 2>&1 || true
  done
  [ -n "${BERTHD_LOG:-}" ] && cp "$work/berthd.log" "$BERTHD_LOG" 2>/dev/null || true
  [ -n "$berthd_pid" ] && kill "$berthd_pid" 2>/dev/null && wait "$berthd_pid" 2>/dev/null || true
  scripts/real-docker.sh stop "$work/docker" >/dev/null 2>&1 || true
  { grep -o " $work/[^ ]*" /proc/self/mountinfo || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  ip netns del "$berth_netns" 2>/dev/null || true
  rm -rf "$work"
}
trap bench_cleanup EXIT

# Runs a command in berthd's network namespace (where its published ports are).
in_berth_net() { nsenter --net="/run/netns/$berth_netns" "$@"; }
# Runs a command in the real Docker Engine's network namespace.
in_docker_net() { nsenter --net="/proc/$(cat "$work/docker/docker.pid")/ns/net" "$@"; }

# Starts both engines and loads busybox:latest into each. Both get a bridge network.
bench_start() {
  ip netns add "$berth_netns"
  ip -n "$berth_netns" link set lo up
  nsenter --net="/run/netns/$berth_netns" bin/berthd -H "unix://$work/berth.sock" --data-root "$work/berth-data" \
    --exec-root "$work/berth-exec" ${BERTHD_FLAGS:-} >"$work/berthd.log" 2>&1 &
  berthd_pid=$!
  DOCKER="unix://$(DOCKER_NETWORK=bridge scripts/real-docker.sh start "$work/docker")"
  BERTH="unix://$work/berth.sock"
  for _ in $(seq 1 100); do curl -sf --unix-socket "$work/berth.sock" http://b/_ping >/dev/null 2>&1 && break; sleep 0.1; done
  for host in "$BERTH" "$DOCKER"; do
    CLIENT="$docker_cli -H $host" scripts/busybox-image.sh busybox:latest >/dev/null
  done
}

# Milliseconds a command takes (its output discarded).
ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# "label: berthd X, dockerd Y, ratio" — for times (lower is better).
report_time() {
  awk -v l="$1" -v b="$2" -v d="$3" -v u="${4:-ms}" \
    'BEGIN { printf "%-44s berthd %8.1f %s   dockerd %8.1f %s   berthd/dockerd %.2f\n", l, b, u, d, u, b/d }'
}

# The same for rates (higher is better).
report_rate() {
  awk -v l="$1" -v b="$2" -v d="$3" -v u="$4" \
    'BEGIN { printf "%-44s berthd %8.1f %s   dockerd %8.1f %s   berthd/dockerd %.2f\n", l, b, u, d, u, b/d }'
}

# Times RUNS interleaved runs of a command against each engine; prints the report line.
# Usage: compare LABEL RUNS COMMAND... (the command gets -H HOST prepended by way of $host)
compare() {
  local label=$1 runs=$2; shift 2
  : >"$work/b.ms"; : >"$work/d.ms"
  for _ in $(seq 1 "$runs"); do
    host=$BERTH ms "$@" >>"$work/b.ms"
    host=$DOCKER ms "$@" >>"$work/d.ms"
  done
  report_time "$label (median of $runs)" "$(median "$work/b.ms")" "$(median "$work/d.ms")"
}

# The docker CLI against the engine named by $host.
dk() { "$docker_cli" -H "$host" "$@"; }
