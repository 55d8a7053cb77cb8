#!/usr/bin/env bash
# Latency of `exec C true` into a running busybox container through the real docker CLI,
# berthd against a real Docker Engine side by side, interleaved.
# Usage: bench/exec-latency.sh [RUNS]     (root; needs bin/berthd, dockerd, docker)
source "$(dirname "$0")/lib.sh"
runs=${1:-30}
bench_start
for host in "$BERTH" "$DOCKER"; do
  dk run -d --name bench-exec busybox sleep 3600 >/dev/null
  dk exec bench-exec true
done
echo "docker CLI $("$docker_cli" --version | awk '{print $3}' | tr -d ,), $(nproc) CPUs"
compare "exec bench-exec true" "$runs" dk exec bench-exec true
compare "exec -i bench-exec cat (stdin closed)" "$runs" dk exec -i bench-exec cat </dev/null
