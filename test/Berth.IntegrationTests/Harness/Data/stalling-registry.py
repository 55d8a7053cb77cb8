#!/usr/bin/env python3
"""A fake registry for one fault the real one cannot produce on demand: a layer that stalls.

Serves repository "stall", tag "1": a schema 2 manifest whose one layer claims 10 MiB; the
layer's blob sends 64 KiB and then nothing for a minute. usage: stalling-registry.py PORT
"""
import gzip, hashlib, json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                     "rootfs": {"type": "layers", "diff_ids": ["sha256:" + "0" * 64]}}).encode()
config_digest = "sha256:" + hashlib.sha256(config).hexdigest()
layer_digest = "sha256:" + "1" * 64
layer_size = 10 << 20
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                       "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": len(config), "digest": config_digest},
                       "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": layer_size, "digest": layer_digest}]}).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, body, content_type="application/json"):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/v2/":
            self.send(b"{}")
        elif self.path == "/v2/stall/manifests/1":
            self.send(manifest, "application/vnd.docker.distribution.manifest.v2+json")
        elif self.path == "/v2/stall/blobs/" + config_digest:
            self.send(config, "application/octet-stream")
        elif self.path == "/v2/stall/blobs/" + layer_digest:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(layer_size))
            self.end_headers()
            # The start of a real gzip stream (stored blocks of a tar of zeros): it decodes, then stalls.
            self.wfile.write(gzip.compress(b"\0" * (1 << 20), compresslevel=0)[:64 << 10])
            self.wfile.flush()
            time.sleep(60)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
