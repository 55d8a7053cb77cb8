#!/usr/bin/env bash
# Traffic through a published port, berthd against a real Docker Engine (each in its own
# network namespace, default settings: Docker with its userland proxy): connection rate to
# a busybox httpd and throughput of one download of a MIB file from it (tmpfs, sendfile), on 127.0.0.1 and on the bridge
# gateway address (a host address; Docker's DNAT path, Berth's portmap path).
# Usage: bench/port-traffic.sh [SECONDS] [MIB]   (default 5 s of connections, 1024 MiB; root)
source "$(dirname "$0")/lib.sh"
seconds=${1:-5}
mib=${2:-1024}
bench_start
client="python3 bench/tcp-client.py"
for host in "$BERTH" "$DOCKER"; do
  dk run -d --name bench-httpd -p 18080:80 --tmpfs /www busybox sh -c \
    "echo hello > /www/index.html && dd if=/dev/zero of=/www/big bs=1M count=$mib 2>/dev/null && exec httpd -f -p 80 -h /www" >/dev/null
done
for host in "$BERTH" "$DOCKER"; do
  until [ "$(dk exec bench-httpd sh -c 'pidof httpd || true')" != "" ]; do sleep 0.2; done
done
gateway() { dk inspect bench-httpd --format '{{.NetworkSettings.Gateway}}'; }
host=$BERTH; berth_gw=$(gateway)
host=$DOCKER; docker_gw=$(gateway)
[ -n "$berth_gw" ] && [ -n "$docker_gw" ] || { echo "no bridge gateway: berthd '$berth_gw', dockerd '$docker_gw'" >&2; exit 1; }

echo "docker CLI $("$docker_cli" --version | awk '{print $3}' | tr -d ,), $(nproc) CPUs"
for where in loopback gateway; do
  if [ $where = loopback ]; then b_addr=127.0.0.1; d_addr=127.0.0.1; else b_addr=$berth_gw; d_addr=$docker_gw; fi
  b=$(in_berth_net $client rate "$b_addr" 18080 "$seconds")
  d=$(in_docker_net $client rate "$d_addr" 18080 "$seconds")
  report_rate "connections/s to httpd via $where" "$b" "$d" conn/s
  b=$(in_berth_net $client throughput "$b_addr" 18080 /big)
  d=$(in_docker_net $client throughput "$d_addr" 18080 /big)
  report_rate "download of $mib MiB via $where" "$b" "$d" MiB/s
done
