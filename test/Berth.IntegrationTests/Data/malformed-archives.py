#!/usr/bin/env python3
"""Writes the malformed image archives (docker load) and layer tars (docker import) that once
made berthd drop the connection mid-stream, into the directory given as the first argument."""
import hashlib, io, json, os, sys, tarfile

out = sys.argv[1]


def add(t, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    t.addfile(info, io.BytesIO(data))


def layer(entries, fmt=tarfile.PAX_FORMAT):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=fmt) as t:
        for name, data, *pax in entries:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            if pax:
                info.pax_headers = pax[0]
            t.addfile(info, io.BytesIO(data))
    return b.getvalue()


def gnu_sparse():
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=tarfile.GNU_FORMAT) as t:
        info = tarfile.TarInfo("sparse")
        info.type = tarfile.GNUTYPE_SPARSE
        t.addfile(info)
    return b.getvalue()


def archive(name, layers, manifest="default", config=None):
    with tarfile.open(os.path.join(out, name), "w") as t:
        diffs = []
        for i, l in enumerate(layers):
            add(t, f"l{i}/layer.tar", l)
            diffs.append("sha256:" + hashlib.sha256(l).hexdigest())
        if config is None:
            config = {"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": diffs}, "config": {}}
        add(t, "config.json", json.dumps(config).encode())
        if manifest == "default":
            manifest = [{"Config": "config.json", "RepoTags": ["herr15-load:x"], "Layers": [f"l{i}/layer.tar" for i in range(len(layers))]}]
        add(t, "manifest.json", json.dumps(manifest).encode())


ok = layer([("f", b"hi")])
big = "99999999999999999999"
archive("manifest-object.tar", [ok], {"Config": "config.json"})
archive("manifest-no-layers.tar", [ok], [{"Config": "config.json", "RepoTags": ["herr15-load:x"]}])
archive("manifest-null-item.tar", [ok], [None])
archive("manifest-null-tag.tar", [ok], [{"Config": "config.json", "RepoTags": [None], "Layers": ["l0/layer.tar"]}])
archive("config-diffids-numbers.tar", [ok], config={"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [1]}})
archive("layer-pax-mtime.tar", [layer([("f", b"hi", {"mtime": big})])])
archive("layer-pax-uid.tar", [layer([("f", b"hi", {"uid": big})])])
archive("layer-gnu-sparse.tar", [gnu_sparse()])
archive("layer-file-then-dir.tar", [layer([("a/b", b"x"), ("a", b"y")])])
archive("layer-file-then-child.tar", [layer([("a", b"y"), ("a/b", b"x")])])
for name, data in {
    "import-pax-mtime.tar": layer([("f", b"hi", {"mtime": big})]),
    "import-pax-uid.tar": layer([("f", b"hi", {"uid": big})]),
    "import-gnu-sparse.tar": gnu_sparse(),
    "import-file-then-dir.tar": layer([("a/b", b"x"), ("a", b"y")]),
    "import-file-then-child.tar": layer([("a", b"y"), ("a/b", b"x")]),
}.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
