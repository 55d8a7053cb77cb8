#!/usr/bin/env bash
# Latency of `docker load -i` of a ~100 MB single-layer image saved by the real Docker
# Engine, berthd against dockerd side by side, interleaved; the image is removed from each
# engine between runs, so every load unpacks the layer again.
# Usage: bench/load-latency.sh [RUNS] [MB]   (root; needs bin/berthd, dockerd, docker)
source "$(dirname "$0")/lib.sh"
runs=${1:-20}
mb=${2:-100}
bench_start
# One layer: busybox plus MB of random bytes, flattened by export | import on the real Docker.
head -c "$((mb * 1024 * 1024))" /dev/urandom >"$work/random"
host=$DOCKER
dk create --name bench-load-src busybox true >/dev/null
dk cp "$work/random" bench-load-src:/random
dk export bench-load-src | dk import - bench-load:latest >/dev/null
dk rm bench-load-src >/dev/null
dk save -o "$work/load.tar" bench-load:latest
dk rmi bench-load:latest >/dev/null
rm "$work/random"
echo "docker CLI $("$docker_cli" --version | awk '{print $3}' | tr -d ,), $(nproc) CPUs, archive $(( $(stat -c %s "$work/load.tar") / 1048576 )) MiB"
# One warm-up load each: first-request costs are not what users feel load after load.
for host in "$BERTH" "$DOCKER"; do dk load -i "$work/load.tar" >/dev/null; dk rmi bench-load:latest >/dev/null; done
: >"$work/b.ms"; : >"$work/d.ms"
for _ in $(seq 1 "$runs"); do
  host=$BERTH; ms dk load -i "$work/load.tar" >>"$work/b.ms"; dk rmi bench-load:latest >/dev/null
  host=$DOCKER; ms dk load -i "$work/load.tar" >>"$work/d.ms"; dk rmi bench-load:latest >/dev/null
done
report_time "load -i (${mb} MB, one layer; median of $runs)" "$(median "$work/b.ms")" "$(median "$work/d.ms")"
