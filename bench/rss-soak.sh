#!/usr/bin/env bash
# The daemons' memory at rest and after a soak: resident set size (RSS) and open fds of
# berthd and dockerd when idle, then after COUNT `run --rm busybox true` and CALLS mixed API
# requests (ping, version, info, container and image lists, inspect, events since), each
# engine soaked in turn, then left 10 s to settle.
# Targets (issue 14): berthd idle at most 60 MB; after the soak RSS within 10% of idle and
# the fd count back to idle.
# Usage: bench/rss-soak.sh [COUNT] [CALLS]   (default 1000 and 3000; root)
source "$(dirname "$0")/lib.sh"
count=${1:-1000}
calls=${2:-3000}
bench_start
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
fds() { ls "/proc/$1/fd" | wc -l; }
berthd=$berthd_pid
dockerd=$(cat "$work/docker/docker.pid")
sock() { if [ "$host" = "$BERTH" ]; then echo "$work/berth.sock"; else echo "$work/docker/docker.sock"; fi; }

# Let both settle after start and the image load.
for host in "$BERTH" "$DOCKER"; do dk run --rm busybox true; done
sleep 10
b_idle=$(rss_kb "$berthd"); d_idle=$(rss_kb "$dockerd"); b_fds=$(fds "$berthd"); d_fds=$(fds "$dockerd")
report_time "idle RSS" "$((b_idle / 1024))" "$((d_idle / 1024))" MB

soak() {
  local s; s=$(sock)
  for _ in $(seq 1 "$count"); do dk run --rm busybox true; done
  local paths=(/_ping /version /info /containers/json "/containers/json?all=1" /images/json /images/busybox/json
    "/events?since=0&until=1" /networks /volumes)
  for i in $(seq 1 "$calls"); do
    curl -sf --unix-socket "$s" -o /dev/null "http://x${paths[i % ${#paths[@]}]}" || true
  done
}
for host in "$BERTH" "$DOCKER"; do soak; done
sleep 10
b_after=$(rss_kb "$berthd"); d_after=$(rss_kb "$dockerd")
report_time "RSS after $count run --rm + $calls API calls" "$((b_after / 1024))" "$((d_after / 1024))" MB
awk -v l="RSS growth over idle" -v b="$b_idle" -v ba="$b_after" -v d="$d_idle" -v da="$d_after" \
  'BEGIN { printf "%-44s berthd %7.1f %%    dockerd %7.1f %%\n", l, (ba-b)*100/b, (da-d)*100/d }'
echo "open fds idle/after: berthd $b_fds/$(fds "$berthd"), dockerd $d_fds/$(fds "$dockerd")"
