#!/usr/bin/env python3
"""Traffic through a published port, for bench/port-traffic.sh.

  rate HOST PORT SECONDS     connections per second: connect, HTTP/1.0 GET, read to EOF, close
  throughput HOST PORT PATH  MiB/s of one HTTP/1.0 GET of PATH, read to EOF
"""
import socket
import sys
import time


def rate(host, port, seconds):
    done, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        with socket.create_connection((host, port), timeout=5) as s:
            s.sendall(b"GET / HTTP/1.0\r\n\r\n")
            while s.recv(65536):
                pass
        done += 1
    print(f"{done / seconds:.1f}")


def throughput(host, port, path):
    got = 0
    buf = bytearray(1 << 20)
    with socket.create_connection((host, port), timeout=10) as s:
        start = time.monotonic()
        s.sendall(f"GET {path} HTTP/1.0\r\n\r\n".encode())
        while n := s.recv_into(buf):
            got += n
        elapsed = time.monotonic() - start
    print(f"{got / 1048576 / elapsed:.1f}")


if __name__ == "__main__":
    mode, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "rate":
        rate(host, port, int(sys.argv[4]))
    else:
        throughput(host, port, sys.argv[4])
