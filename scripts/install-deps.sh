#!/usr/bin/env bash
# Installs the system packages Berth needs (Debian 12). Idempotent; quiet unless it fails.
# Usage: scripts/install-deps.sh [--with-docker]   (docker.io: the real engine for compat runs and benchmarks)
set -euo pipefail
packages=(runc conmon containernetworking-plugins busybox-static iptables iproute2 tini curl ca-certificates attr
  docker-registry skopeo apache2-utils # these three: pull/push tests against a real registry
  clang zlib1g-dev libc6-dev) # the CLI's Native AOT build links with them; berth-exec is built with clang, static
[ "${1:-}" = "--with-docker" ] && packages+=(docker.io)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v dotnet >/dev/null; then
  echo "the .NET 10 SDK is required (dotnet on PATH)" >&2
  exit 1
fi
if ! command -v docker >/dev/null; then
  echo "note: no docker CLI on PATH; the compat tests and benchmarks need it" >&2
fi
