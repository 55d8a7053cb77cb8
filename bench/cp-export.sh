#!/usr/bin/env bash
# Latency of `docker cp` of a directory tree (MB megabytes in FILES files) into and out of a
# stopped container, and of `docker export` of that container (the tree plus busybox),
# berthd against dockerd side by side, interleaved.
# Usage: bench/cp-export.sh [RUNS] [MB] [FILES]   (root; needs bin/berthd, dockerd, docker)
source "$(dirname "$0")/lib.sh"
runs=${1:-10}
mb=${2:-100}
files=${3:-1000}
bench_start
mkdir -p "$work/tree"
per=$(( mb * 1024 * 1024 / files ))
for i in $(seq 1 "$files"); do
  d="$work/tree/d$(( i % 10 ))"
  mkdir -p "$d"
  head -c "$per" /dev/urandom >"$d/f$i"
done
echo "docker CLI $("$docker_cli" --version | awk '{print $3}' | tr -d ,), $(nproc) CPUs, tree $(du -sm "$work/tree" | cut -f1) MiB in $files files"
for host in "$BERTH" "$DOCKER"; do
  dk create --name bench-cp busybox true >/dev/null
  dk cp "$work/tree" bench-cp:/tree # warm-up, and the data the runs below copy out and export
done
: >"$work/in.b"; : >"$work/in.d"; : >"$work/out.b"; : >"$work/out.d"; : >"$work/exp.b"; : >"$work/exp.d"
for _ in $(seq 1 "$runs"); do
  for side in b d; do
    if [ "$side" = b ]; then host=$BERTH; else host=$DOCKER; fi
    ms dk cp "$work/tree" bench-cp:/tree >>"$work/in.$side"
    ms dk cp bench-cp:/tree "$work/out" >>"$work/out.$side"
    rm -rf "$work/out"
    ms dk export -o "$work/export.tar" bench-cp >>"$work/exp.$side"
    rm -f "$work/export.tar"
  done
done
report_time "cp into a container (${mb} MB, $files files; median of $runs)" "$(median "$work/in.b")" "$(median "$work/in.d")"
report_time "cp out of a container (${mb} MB, $files files; median of $runs)" "$(median "$work/out.b")" "$(median "$work/out.d")"
report_time "export (${mb} MB + busybox; median of $runs)" "$(median "$work/exp.b")" "$(median "$work/exp.d")"
