#!/usr/bin/env python3
"""Relays TCP from 127.0.0.1:PORT in this process's network namespace to 127.0.0.1:TARGET in
another one (NETNS, a pinned namespace file): two daemons in namespaces of their own reach
each other's loopback-only listeners. Usage: netns-relay.py PORT NETNS TARGET"""
import ctypes, os, socket, sys, threading

port, netns, target = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000
home = os.open("/proc/self/ns/net", os.O_RDONLY)
there = os.open(netns, os.O_RDONLY)


def connect_there():
    # setns changes only this thread's namespace; the socket keeps the one it was made in.
    if libc.setns(there, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns")
    try:
        s = socket.create_connection(("127.0.0.1", target))
    finally:
        libc.setns(home, CLONE_NEWNET)
    return s


def pump(a, b):
    try:
        while data := a.recv(65536):
            b.sendall(data)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


listener = socket.create_server(("127.0.0.1", port))
print("listening", flush=True)
while True:
    client, _ = listener.accept()
    try:
        upstream = connect_there()
    except OSError:
        client.close()
        continue
    threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
