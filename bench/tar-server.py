#!/usr/bin/env python3
"""An engine that answers `docker cp CONTAINER:PATH DIR` and `docker export` from tars held in
memory, sent in 1 MiB chunks: what the docker CLI takes when the daemon costs nothing, the
floor for cp out and export (bench/cp-export.sh).
Usage: tar-server.py SOCKET ARCHIVE_TAR EXPORT_TAR PATH_STAT_HEADER"""
import http.server
import os
import socketserver
import sys

socket_path, archive_tar, export_tar, path_stat = sys.argv[1:5]
with open(archive_tar, "rb") as f:
    archive = f.read()
with open(export_tar, "rb") as f:
    export = f.read()
CHUNK = 1 << 20


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def head(self, length=None):
        self.send_response(200)
        self.send_header("Api-Version", "1.41")
        if "/archive" in self.path:
            self.send_header("X-Docker-Container-Path-Stat", path_stat)
        if length is None:
            self.send_header("Content-Type", "application/x-tar")
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def do_HEAD(self):
        self.head(0)

    def do_GET(self):
        if self.path.endswith("/_ping"):
            self.head(2)
            self.wfile.write(b"OK")
            return
        body = memoryview(archive if "/archive" in self.path else export)
        self.head()
        for i in range(0, len(body), CHUNK):
            chunk = body[i:i + CHUNK]
            self.wfile.write(b"%x\r\n" % len(chunk))
            self.wfile.write(chunk)
            self.wfile.write(b"\r\n")
        self.wfile.write(b"0\r\n\r\n")


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


if os.path.exists(socket_path):
    os.unlink(socket_path)
Server(socket_path, Handler).serve_forever()
