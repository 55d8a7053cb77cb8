#!/usr/bin/env bash
# Latency of `run --rm busybox true` through the real docker CLI, berthd against a real
# Docker Engine side by side, interleaved: with --network none, and on the default bridge
# (the number users feel: a network namespace, a veth, an address, NAT rules per run).
# Usage: bench/run-latency.sh [RUNS]      (root; needs bin/berthd, dockerd, docker)
source "$(dirname "$0")/lib.sh"
runs=${1:-30}
bench_start
# One warm-up run each: first-request costs are not what users feel run after run.
for host in "$BERTH" "$DOCKER"; do dk run --rm busybox true; done
echo "docker CLI $("$docker_cli" --version | awk '{print $3}' | tr -d ,), $(nproc) CPUs"
compare "run --rm --network none busybox true" "$runs" dk run --rm --network none busybox true
compare "run --rm busybox true (default bridge)" "$runs" dk run --rm busybox true
