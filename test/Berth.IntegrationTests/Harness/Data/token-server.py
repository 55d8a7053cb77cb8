#!/usr/bin/env python3
"""A tiny token server for distribution's token authentication, for tests only.

GET /token?service=S&scope=repository:NAME:ACTIONS[&scope=...] with HTTP Basic for USER:PASSWORD
answers {"token": JWT} signed RS256 with KEY, the certificate CERT in the header's x5c (the
registry trusts CERT as its rootcertbundle). Without credentials the token grants nothing;
wrong credentials get a 401 in the distribution spec's error format.
usage: token-server.py PORT KEY CERT ISSUER USER PASSWORD
"""
import base64, json, subprocess, sys, time, uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlparse, parse_qs

port, key, cert, issuer, user, password = sys.argv[1:7]
der = subprocess.check_output(["openssl", "x509", "-in", cert, "-outform", "DER"])


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        auth = self.headers.get("Authorization", "")
        account = ""
        if auth.startswith("Basic "):
            name, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
            if (name, secret) != (user, password):
                self.answer(401, {"errors": [{"code": "UNAUTHORIZED", "message": "authentication required"}]})
                return
            account = name
        access = []
        for scope in query.get("scope", []):
            for one in scope.split(" "):
                kind, name, actions = one.rsplit(":", 2) if one.count(":") >= 2 else (one, "", "")
                access.append({"type": kind, "name": name, "actions": actions.split(",") if account else []})
        now = int(time.time())
        header = {"alg": "RS256", "typ": "JWT", "x5c": [base64.b64encode(der).decode()]}
        claims = {"iss": issuer, "sub": account, "aud": query.get("service", [""])[0], "exp": now + 300,
                  "nbf": now - 10, "iat": now, "jti": uuid.uuid4().hex, "access": access}
        signing = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())).encode()
        signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=signing,
                                   capture_output=True, check=True).stdout
        token = signing.decode() + "." + b64url(signature)
        self.answer(200, {"token": token, "access_token": token, "expires_in": 300})


HTTPServer(("127.0.0.1", int(port)), Handler).serve_forever()
