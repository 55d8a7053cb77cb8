#!/usr/bin/env bash
# `start` of COUNT created busybox containers (default bridge network), one after another,
# then PARALLEL at a time, through the real docker CLI: berthd against a real Docker Engine.
# Containers are created beforehand (not timed) and removed after each round.
# Usage: bench/start-many.sh [COUNT] [PARALLEL]   (default 50 and 8; root)
source "$(dirname "$0")/lib.sh"
count=${1:-50}
parallel=${2:-8}
bench_start

create_all() { for i in $(seq 1 "$count"); do dk create --name "bench-$i" busybox sleep 3600 >/dev/null; done; }
remove_all() { dk rm -f $(dk ps -aq) >/dev/null; }
start_sequential() { for i in $(seq 1 "$count"); do dk start "bench-$i" >/dev/null; done; }
start_parallel() { seq 1 "$count" | xargs -P "$parallel" -I{} "$docker_cli" -H "$host" start bench-{} >/dev/null; }

round() { # round FUNCTION -> ms for each engine into $work/b.ms, $work/d.ms
  for engine in b d; do
    if [ $engine = b ]; then host=$BERTH; else host=$DOCKER; fi
    create_all
    ms "$1" >"$work/$engine.ms"
    [ "$(dk ps -q | wc -l)" -eq "$count" ] || { echo "not all $count containers run on $host" >&2; exit 1; }
    remove_all
  done
}

echo "docker CLI $("$docker_cli" --version | awk '{print $3}' | tr -d ,), $(nproc) CPUs"
round start_sequential
report_time "start $count containers, sequentially" "$(cat "$work/b.ms")" "$(cat "$work/d.ms")"
round start_parallel
report_time "start $count containers, $parallel at a time" "$(cat "$work/b.ms")" "$(cat "$work/d.ms")"
