#!/usr/bin/env bash
# Starts berthd in the background unless one already answers on the socket.
# Usage: scripts/start-daemon.sh [SOCKET]   (log: /var/log/berthd.log)
set -euo pipefail
socket=${1:-/run/berth/berth.sock}
berthd=${BERTHD:-$(command -v berthd || echo "$(dirname "$0")/../bin/berthd")}
if curl -sf --unix-socket "$socket" http://berth/_ping >/dev/null 2>&1; then
  echo "berthd already running on $socket"
  exit 0
fi
setsid "$berthd" -H "unix://$socket" >>/var/log/berthd.log 2>&1 < /dev/null &
for _ in $(seq 1 100); do
  curl -sf --unix-socket "$socket" http://berth/_ping >/dev/null 2>&1 && { echo "berthd running on $socket (log: /var/log/berthd.log)"; exit 0; }
  sleep 0.1
done
echo "berthd did not start; see /var/log/berthd.log" >&2
exit 1
