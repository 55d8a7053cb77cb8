#!/usr/bin/env python3
"""The OCI distribution spec's conformance workflows (pull, push, content discovery, content
management) against a registry at http://HOST, in the spirit of opencontainers/distribution-spec's
conformance suite. Prints "ok NAME" per check; the first failed check exits 1 with what it saw."""
import hashlib, http.client, json, sys

host, repo = sys.argv[1], sys.argv[2]
other = repo + "-other"


def req(method, path, body=None, headers=None):
    c = http.client.HTTPConnection(host, timeout=30)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, data


def check(name, cond, *seen):
    if not cond:
        print("FAIL", name, *seen)
        sys.exit(1)
    print("ok", name)


def digest(b):
    return "sha256:" + hashlib.sha256(b).hexdigest()


def error_code(body):
    return json.loads(body)["errors"][0]["code"]


s, h, _ = req("GET", "/v2/")
check("api-version", s == 200 and h.get("docker-distribution-api-version") == "registry/2.0", s, h)

# Push: monolithic POST, then POST + PATCH chunks + PUT.
config = b'{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}'
s, h, _ = req("POST", f"/v2/{repo}/blobs/uploads/?digest={digest(config)}", config, {"Content-Type": "application/octet-stream"})
check("push-monolithic", s == 201 and h.get("docker-content-digest") == digest(config) and h["location"].endswith(digest(config)), s, h)

layer = bytes(range(256)) * 300
s, h, _ = req("POST", f"/v2/{repo}/blobs/uploads/")
check("push-start", s == 202 and "/blobs/uploads/" in h.get("location", ""), s, h)
loc = h["location"]
s, h, _ = req("PATCH", loc, layer[:40000], {"Content-Type": "application/octet-stream", "Content-Range": "0-39999", "Content-Length": "40000"})
check("push-chunk-1", s == 202 and h.get("range") == "0-39999", s, h)
loc = h["location"]
s, h, body = req("PATCH", loc, layer[10:20], {"Content-Type": "application/octet-stream", "Content-Range": "10-19", "Content-Length": "10"})
check("push-chunk-out-of-order", s == 416, s, h, body)
s, h, _ = req("PATCH", loc, layer[40000:], {"Content-Type": "application/octet-stream", "Content-Range": f"40000-{len(layer) - 1}"})
check("push-chunk-2", s == 202 and h.get("range") == f"0-{len(layer) - 1}", s, h)
s, h, _ = req("GET", loc)
check("push-status", s == 204 and h.get("range") == f"0-{len(layer) - 1}", s, h)
s, h, body = req("PUT", loc + "?digest=" + digest(b"not the layer"))
check("push-digest-mismatch", s == 400 and error_code(body) == "DIGEST_INVALID", s, body)
s, h, _ = req("HEAD", f"/v2/{repo}/blobs/{digest(layer)}")
check("push-mismatch-stored-nothing", s == 404, s)

s, h, _ = req("POST", f"/v2/{repo}/blobs/uploads/")
loc = h["location"]
req("PATCH", loc, layer[:100], {"Content-Range": "0-99"})
s, h, _ = req("PUT", f"{loc}?digest={digest(layer)}", layer[100:])
check("push-close-with-last-chunk", s == 201 and h.get("docker-content-digest") == digest(layer), s, h)

# Pull: HEAD, GET, Range.
s, h, _ = req("HEAD", f"/v2/{repo}/blobs/{digest(layer)}")
check("pull-blob-head", s == 200 and h.get("content-length") == str(len(layer)) and h.get("docker-content-digest") == digest(layer), s, h)
s, h, body = req("GET", f"/v2/{repo}/blobs/{digest(layer)}")
check("pull-blob", s == 200 and body == layer, s, len(body))
s, h, body = req("GET", f"/v2/{repo}/blobs/{digest(layer)}", headers={"Range": "bytes=100-199"})
check("pull-blob-range", s == 206 and body == layer[100:200] and h.get("content-range") == f"bytes 100-199/{len(layer)}", s, h)
s, h, body = req("GET", f"/v2/{repo}/blobs/sha256:{'0' * 64}")
check("pull-blob-unknown", s == 404 and error_code(body) == "BLOB_UNKNOWN", s, body)

manifest = json.dumps({
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.example.config+json", "digest": digest(config), "size": len(config)},
    "layers": [{"mediaType": "application/vnd.example.data", "digest": digest(layer), "size": len(layer)}],
}).encode()
mt = {"Content-Type": "application/vnd.oci.image.manifest.v1+json"}
s, h, _ = req("PUT", f"/v2/{repo}/manifests/v1", manifest, mt)
check("push-manifest-tag", s == 201 and h.get("docker-content-digest") == digest(manifest), s, h)
s, h, body = req("GET", f"/v2/{repo}/manifests/v1", headers={"Accept": mt["Content-Type"]})
check("pull-manifest-tag", s == 200 and body == manifest and h.get("content-type") == mt["Content-Type"], s, h)
s, h, body = req("GET", f"/v2/{repo}/manifests/{digest(manifest)}")
check("pull-manifest-digest", s == 200 and body == manifest, s)
s, h, body = req("HEAD", f"/v2/{repo}/manifests/nope")
check("pull-manifest-unknown", s == 404, s)
s, h, body = req("GET", f"/v2/{repo}/manifests/nope")
check("pull-manifest-unknown-code", s == 404 and error_code(body) == "MANIFEST_UNKNOWN", s, body)
bad = manifest.replace(digest(layer).encode(), digest(b"absent").encode())
s, h, body = req("PUT", f"/v2/{repo}/manifests/bad", bad, mt)
check("push-manifest-blob-unknown", s == 400 and error_code(body) == "MANIFEST_BLOB_UNKNOWN", s, body)
s, h, body = req("PUT", f"/v2/{repo}/manifests/{digest(b'x')}", manifest, mt)
check("push-manifest-digest-mismatch", s == 400 and error_code(body) == "DIGEST_INVALID", s, body)
s, h, body = req("GET", "/v2/Bad_Name/manifests/v1")
check("name-invalid", s == 400 and error_code(body) == "NAME_INVALID", s, body)

# Cross-repository mount.
s, h, _ = req("POST", f"/v2/{other}/blobs/uploads/?mount={digest(layer)}&from={repo}")
check("mount", s == 201 and h.get("location", "").endswith(f"/v2/{other}/blobs/{digest(layer)}"), s, h)
s, h, _ = req("POST", f"/v2/{other}/blobs/uploads/?mount=sha256:{'1' * 64}&from={repo}")
check("mount-unknown-falls-back-to-upload", s == 202, s, h)
req("DELETE", h["location"])

# Content discovery: tags with pagination, referrers.
for t in ["v2", "v3", "a0"]:
    req("PUT", f"/v2/{repo}/manifests/{t}", manifest, mt)
s, h, body = req("GET", f"/v2/{repo}/tags/list")
check("tags-list", s == 200 and json.loads(body) == {"name": repo, "tags": ["a0", "v1", "v2", "v3"]}, s, body)
s, h, body = req("GET", f"/v2/{repo}/tags/list?n=2")
check("tags-list-n", json.loads(body)["tags"] == ["a0", "v1"] and 'rel="next"' in h.get("link", ""), body, h)
s, h, body = req("GET", f"/v2/{repo}/tags/list?n=2&last=v1")
check("tags-list-last", json.loads(body)["tags"] == ["v2", "v3"], body)
s, h, body = req("GET", "/v2/never-pushed-here/tags/list")
check("tags-list-unknown-repo", s == 404 and error_code(body) == "NAME_UNKNOWN", s, body)

empty = b"{}"
req("POST", f"/v2/{repo}/blobs/uploads/?digest={digest(empty)}", empty)
def referrer(artifact_type, note):
    return json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "artifactType": artifact_type,
        "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": digest(empty), "size": 2},
        "layers": [{"mediaType": "application/vnd.oci.empty.v1+json", "digest": digest(empty), "size": 2}],
        "subject": {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest(manifest), "size": len(manifest)},
        "annotations": {"note": note},
    }).encode()
sig, sbom = referrer("application/vnd.example.sig", "signed"), referrer("application/vnd.example.sbom", "listed")
s, h, _ = req("PUT", f"/v2/{repo}/manifests/{digest(sig)}", sig, mt)
check("push-referrer", s == 201 and h.get("oci-subject") == digest(manifest), s, h)
req("PUT", f"/v2/{repo}/manifests/{digest(sbom)}", sbom, mt)
s, h, body = req("GET", f"/v2/{repo}/referrers/{digest(manifest)}")
index = json.loads(body)
check("referrers", s == 200 and h.get("content-type") == "application/vnd.oci.image.index.v1+json"
      and sorted(m["artifactType"] for m in index["manifests"]) == ["application/vnd.example.sbom", "application/vnd.example.sig"]
      and {m["digest"]: m["annotations"]["note"] for m in index["manifests"]} == {digest(sig): "signed", digest(sbom): "listed"}, s, h, body)
s, h, body = req("GET", f"/v2/{repo}/referrers/{digest(manifest)}?artifactType=application/vnd.example.sig")
check("referrers-filtered", [m["digest"] for m in json.loads(body)["manifests"]] == [digest(sig)]
      and h.get("oci-filters-applied") == "artifactType", body, h)
s, h, body = req("GET", f"/v2/{repo}/referrers/sha256:{'2' * 64}")
check("referrers-none", s == 200 and json.loads(body)["manifests"] == [], s, body)

# Content management: delete a tag, a manifest, a blob.
s, h, _ = req("DELETE", f"/v2/{repo}/manifests/a0")
check("delete-tag", s == 202 and req("GET", f"/v2/{repo}/manifests/a0")[0] == 404, s)
s, h, _ = req("DELETE", f"/v2/{repo}/manifests/{digest(sbom)}")
check("delete-manifest", s == 202 and req("GET", f"/v2/{repo}/manifests/{digest(sbom)}")[0] == 404, s)
s, h, body = req("GET", f"/v2/{repo}/referrers/{digest(manifest)}")
check("delete-manifest-leaves-referrers", [m["digest"] for m in json.loads(body)["manifests"]] == [digest(sig)], body)
s, h, _ = req("DELETE", f"/v2/{repo}/manifests/{digest(manifest)}")
check("delete-manifest-untags", s == 202 and req("GET", f"/v2/{repo}/manifests/v1")[0] == 404, s)
s, h, _ = req("DELETE", f"/v2/{repo}/blobs/{digest(layer)}")
check("delete-blob", s == 202 and req("HEAD", f"/v2/{repo}/blobs/{digest(layer)}")[0] == 404, s)
check("delete-blob-leaves-other-repo", req("HEAD", f"/v2/{other}/blobs/{digest(layer)}")[0] == 200)
s, h, body = req("DELETE", f"/v2/{repo}/blobs/{digest(layer)}")
check("delete-blob-twice", s == 404 and error_code(body) == "BLOB_UNKNOWN", s, body)
print("done")
