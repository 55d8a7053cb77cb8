#!/usr/bin/env bash
# `docker build` of a 6-step Dockerfile (FROM busybox, COPY of a context of FILES files and
# MB megabytes, RUN, ENV, WORKDIR, CMD) through the real docker CLI's classic builder, berthd
# against dockerd side by side, interleaved: cold (--no-cache) and fully cached.
# Targets (issue 11): cold at most 1/2 of Docker's time, cached at most 1/3.
# Usage: bench/build.sh [RUNS] [MB] [FILES]   (root; needs bin/berthd, dockerd, docker)
source "$(dirname "$0")/lib.sh"
runs=${1:-5}
mb=${2:-50}
files=${3:-2000}
export DOCKER_BUILDKIT=0
bench_start
ctx=$work/context
mkdir -p "$ctx"
per=$(( mb * 1024 * 1024 / files ))
for i in $(seq 1 "$files"); do
  d=$ctx/dir$(( i % 20 ))
  mkdir -p "$d"
  head -c "$per" /dev/urandom >"$d/file$i"
done
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM busybox
COPY . /ctx
RUN du -s /ctx >/ctx-size
ENV BENCH=1
WORKDIR /ctx
CMD ["cat", "/ctx-size"]
DOCKERFILE
echo "docker CLI $("$docker_cli" --version | awk '{print $3}' | tr -d ,), $(nproc) CPUs, context $files files, $mb MB"
# One warm-up build each, which also fills the cache for the cached runs.
for host in "$BERTH" "$DOCKER"; do dk build -q -t bench-build "$ctx" >/dev/null 2>&1; done
compare "build, cold (--no-cache)" "$runs" dk build -q --no-cache -t bench-build "$ctx"
compare "build, fully cached" "$runs" dk build -q -t bench-build "$ctx"
