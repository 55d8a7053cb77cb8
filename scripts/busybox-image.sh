#!/usr/bin/env bash
# Builds the `busybox` image from busybox-static's binary and imports it.
# Usage: scripts/busybox-image.sh [TAG] -- the client command to use, by default `bin/berth`;
#   CLIENT="docker -H unix:///path.sock" scripts/busybox-image.sh
# The same rootfs, byte for byte, goes to berthd and to a real Docker for side-by-side runs.
set -euo pipefail
tag=${1:-busybox:latest}
client=${CLIENT:-$(dirname "$0")/../bin/berth}
busybox=$(command -v busybox || echo /bin/busybox)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,etc,root,tmp,var/spool/mail,home,usr/sbin}
cp "$busybox" "$root/bin/busybox"
# `busybox --list` includes busybox itself: linking it would replace the binary with a link to itself.
for applet in $("$root/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
wheel:x:10:root
mail:x:8:
www-data:x:33:
operator:x:37:
staff:x:50:
users:x:100:
nogroup:x:65534:
GROUP
chmod 1777 "$root/tmp"
chmod 700 "$root/root"
# Fixed times and owners: the same layer digest on every machine and every run.
find "$root" -exec touch -h -d @0 {} +
tar --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -C "$root" -c . \
  | $client import --change 'CMD ["sh"]' - "$tag"
