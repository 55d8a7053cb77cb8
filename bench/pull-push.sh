#!/usr/bin/env bash
# Pull and push of a ~100 MB image of 5 layers from and to a local docker-registry (Debian's,
# distribution 2.8), berthd against dockerd side by side, interleaved. Each engine has
# registries of its own on its own loopback (same software, same content, seeded by skopeo):
# 127.0.0.1:5000 holds the image to pull; 127.0.0.1:5001 starts empty before every push, so
# every layer is uploaded. Between pulls the image is removed, so every layer is fetched again.
# Usage: bench/pull-push.sh [RUNS] [MB]   (root; needs bin/berthd, dockerd, docker, docker-registry, skopeo)
source "$(dirname "$0")/lib.sh"
runs=${1:-5}
mb=${2:-100}
registry_pids=()
trap 'for p in "${registry_pids[@]}"; do kill "$p" 2>/dev/null || true; done; bench_cleanup' EXIT
bench_start

# The image: busybox plus 5 layers of MB/5 random bytes, committed on the real Docker.
host=$DOCKER
image=busybox
for i in 1 2 3 4 5; do
  dk run --name "bench-pp-$i" --network none "$image" sh -c "head -c $((mb * 1024 * 1024 / 5)) /dev/urandom > /layer$i" >/dev/null
  dk commit "bench-pp-$i" "bench-pp:$i" >/dev/null
  dk rm "bench-pp-$i" >/dev/null
  image=bench-pp:$i
done
dk save -o "$work/pp.tar" bench-pp:5
for i in 1 2 3 4 5; do dk rmi "bench-pp:$i" >/dev/null; done

# registry NETNS-RUNNER NAME PORT: a docker-registry in an engine's network namespace.
registry() {
  local dir=$work/registry-$2 ns
  rm -rf "$dir"; mkdir -p "$dir"
  printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' "$dir/data" "$3" >"$dir/config.yml"
  if [ "$1" = in_berth_net ]; then ns=/run/netns/$berth_netns; else ns=/proc/$(cat "$work/docker/docker.pid")/ns/net; fi
  # nsenter execs the registry: $! is the registry itself, for the cleanup to kill.
  nsenter --net="$ns" /usr/bin/docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
  registry_pids+=($!)
  for _ in $(seq 1 100); do $1 curl -sf "http://127.0.0.1:$3/v2/" >/dev/null && return; sleep 0.1; done
  echo "registry $2 did not start" >&2; exit 1
}
registry in_berth_net berth-pull 5000
registry in_docker_net docker-pull 5000
in_berth_net skopeo copy -q --dest-tls-verify=false "docker-archive:$work/pp.tar" docker://127.0.0.1:5000/pp:1
in_docker_net skopeo copy -q --dest-tls-verify=false "docker-archive:$work/pp.tar" docker://127.0.0.1:5000/pp:1
rm "$work/pp.tar"
echo "docker CLI $("$docker_cli" --version | awk '{print $3}' | tr -d ,), $(nproc) CPUs, image $mb MB in 5 layers"

# One warm-up pull each.
for host in "$BERTH" "$DOCKER"; do dk pull -q 127.0.0.1:5000/pp:1 >/dev/null; dk rmi 127.0.0.1:5000/pp:1 >/dev/null; done
: >"$work/b.ms"; : >"$work/d.ms"
for _ in $(seq 1 "$runs"); do
  host=$BERTH; ms dk pull 127.0.0.1:5000/pp:1 >>"$work/b.ms"; dk rmi 127.0.0.1:5000/pp:1 >/dev/null
  host=$DOCKER; ms dk pull 127.0.0.1:5000/pp:1 >>"$work/d.ms"; dk rmi 127.0.0.1:5000/pp:1 >/dev/null
done
report_time "pull (${mb} MB, 5 layers; median of $runs)" "$(median "$work/b.ms")" "$(median "$work/d.ms")"

# Push: the pulled image into a second registry, started empty for every run (a new
# repository in the same registry would let both engines mount the blobs pushed before).
for host in "$BERTH" "$DOCKER"; do dk pull -q 127.0.0.1:5000/pp:1 >/dev/null; dk tag 127.0.0.1:5000/pp:1 127.0.0.1:5001/pushed:1; done
: >"$work/b.ms"; : >"$work/d.ms"
push_run() { # NETNS-RUNNER NAME FILE
  registry "$1" "$2" 5001
  ms dk push 127.0.0.1:5001/pushed:1 >>"$3"
  kill "${registry_pids[-1]}"; wait "${registry_pids[-1]}" 2>/dev/null || true
}
for _ in $(seq 1 "$runs"); do
  host=$BERTH; push_run in_berth_net berth-push "$work/b.ms"
  host=$DOCKER; push_run in_docker_net docker-push "$work/d.ms"
done
report_time "push (${mb} MB, 5 layers; median of $runs)" "$(median "$work/b.ms")" "$(median "$work/d.ms")"
