#!/usr/bin/env python3
"""Starts a blob upload at http://HOST/v2/REPO, sends half of a PATCH's announced body, then
hangs up, as a client that dies mid-upload. Prints the upload's location."""
import http.client, socket, sys, time

host, repo = sys.argv[1], sys.argv[2]
c = http.client.HTTPConnection(host)
c.request("POST", f"/v2/{repo}/blobs/uploads/")
r = c.getresponse()
r.read()
location = r.getheader("Location")
name, port = host.split(":")
s = socket.create_connection((name, int(port)))
s.sendall(f"PATCH {location} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/octet-stream\r\nContent-Length: 4000000\r\n\r\n".encode())
s.sendall(b"x" * 2000000)
time.sleep(0.5)
s.close()
print(location)
