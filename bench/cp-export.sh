#!/usr/bin/env bash
# Latency of `docker cp` of a directory tree (MB megabytes in FILES files) into and out of a
# stopped container, and of `docker export` of that container (the tree plus busybox),
# berthd against dockerd side by side, interleaved.
# The tree goes in as `tree/.`, its contents over /tree each time: a plain `tree` into the
# existing /tree would land in /tree/tree, and cp out and export would move twice the data.
# Fairness: both engines write into the same host paths; before each timed command the previous
# command's output is removed and the disk settled (`sync` and a pause: this ext4 discards freed
# blocks at its next commit, and the data of the cp in just before would still be written back
# meanwhile, so the command timed right after a big write or delete paid for it); which engine
# goes first alternates from round to round.
# The "floor" lines are the same docker CLI against bench/tar-server.py, an engine that answers
# from tars held in memory (berthd's own cp-out and export tars): the client's own time.
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
  dk cp "$work/tree/." bench-cp:/tree # warm-up, and the data the runs below copy out and export
done
host=$BERTH
stat=$(curl -sfI --unix-socket "$work/berth.sock" "http://b/containers/bench-cp/archive?path=/tree" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-docker-container-path-stat" {print $2}')
curl -sf --unix-socket "$work/berth.sock" -o "$work/archive.tar" "http://b/containers/bench-cp/archive?path=/tree"
curl -sf --unix-socket "$work/berth.sock" -o "$work/whole.tar" "http://b/containers/bench-cp/export"
bench/tar-server.py "$work/floor.sock" "$work/archive.tar" "$work/whole.tar" "$stat" &
floor_pid=$!
trap 'kill "$floor_pid" 2>/dev/null || true; bench_cleanup' EXIT # errexit holds in the trap too
for _ in $(seq 1 50); do [ -S "$work/floor.sock" ] && break; sleep 0.1; done
FLOOR="unix://$work/floor.sock"

# Removes the last outputs and lets the disk settle before the next timed command.
settle() { rm -rf "$work/out" "$work/export.tar"; sync; sleep 1; }

for f in in out exp; do for side in b d f; do : >"$work/$f.$side"; done; done
for round in $(seq 1 "$runs"); do
  sides="b d f"; [ $(( round % 2 )) = 0 ] && sides="d b f"
  for side in $sides; do
    case $side in b) host=$BERTH ;; d) host=$DOCKER ;; f) host=$FLOOR ;; esac
    if [ "$side" != f ]; then settle; ms dk cp "$work/tree/." bench-cp:/tree >>"$work/in.$side"; fi
    settle; ms dk cp bench-cp:/tree "$work/out" >>"$work/out.$side"
    settle; ms dk export -o "$work/export.tar" bench-cp >>"$work/exp.$side"
  done
done
settle
report_time "cp into a container (${mb} MB, $files files; median of $runs)" "$(median "$work/in.b")" "$(median "$work/in.d")"
report_time "cp out of a container (${mb} MB, $files files; median of $runs)" "$(median "$work/out.b")" "$(median "$work/out.d")"
report_time "export (${mb} MB + busybox; median of $runs)" "$(median "$work/exp.b")" "$(median "$work/exp.d")"
# The best berthd/dockerd ratio a daemon could reach with this client.
floor() {
  awk -v l="$1" -v f="$2" -v d="$3" \
    'BEGIN { printf "%-44s floor  %8.1f ms   dockerd %8.1f ms   floor/dockerd  %.2f\n", l, f, d, f/d }'
}
floor "cp out, the CLI alone (median of $runs)" "$(median "$work/out.f")" "$(median "$work/out.d")"
floor "export, the CLI alone (median of $runs)" "$(median "$work/exp.f")" "$(median "$work/exp.d")"
