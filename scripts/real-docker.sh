#!/usr/bin/env bash
# Runs a real Docker Engine (Debian's docker.io) isolated in its own network and mount
# namespaces, roots and socket, so it collides with nothing on the host.
# Usage: scripts/real-docker.sh start DIR   -> prints the socket path (DIR/docker.sock)
#        scripts/real-docker.sh stop DIR
# DOCKER_NETWORK=bridge keeps Docker's own bridge (docker0) and iptables rules, inside the
# engine's namespace; the default is --bridge none, for tests that need no network.
# DOCKER_NETNS=FILE runs the engine in that existing network namespace instead of a new one
# (a berthd's, so each reaches the other's registry on 127.0.0.1).
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
case "$cmd" in
start)
  command -v dockerd >/dev/null || { echo "dockerd not installed (apt-get install docker.io)" >&2; exit 1; }
  network_flags="--bridge none --iptables=false --ip6tables=false"
  [ "${DOCKER_NETWORK:-none}" = bridge ] && network_flags="--ip6tables=false"
  enter=(unshare --net --mount --fork)
  [ -n "${DOCKER_NETNS:-}" ] && enter=(nsenter "--net=$DOCKER_NETNS" unshare --mount --fork)
  setsid "${enter[@]}" bash -c "
      ip link set lo up
      mount --make-rshared /
      exec dockerd --data-root '$dir/data' --exec-root '$dir/exec' --pidfile '$dir/docker.pid' \
          -H 'unix://$dir/docker.sock' $network_flags" \
      >"$dir/dockerd.log" 2>&1 < /dev/null &
  echo $! > "$dir/unshare.pid"
  for _ in $(seq 1 100); do
    curl -sf --unix-socket "$dir/docker.sock" http://docker/_ping >/dev/null 2>&1 && { echo "$dir/docker.sock"; exit 0; }
    sleep 0.1
  done
  echo "dockerd did not come up; see $dir/dockerd.log" >&2
  exit 1
  ;;
stop)
  if [ -f "$dir/docker.pid" ]; then
    pid=$(cat "$dir/docker.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  [ -f "$dir/unshare.pid" ] && kill -9 "$(cat "$dir/unshare.pid")" 2>/dev/null || true
  # The engine's mounts live in its own namespace and die with it; anything seen here is a leak.
  { grep -o " $dir/[^ ]*" /proc/self/mountinfo || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
