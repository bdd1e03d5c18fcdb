#!/usr/bin/env bash
# The site's install, tested: in a fresh minimal Debian 12 root (debootstrap --variant=minbase),
# with no network inside, install the offline kit, use the three programs, open the desktop app
# under Xvfb and take a screenshot, then purge and check that nothing is left outside the
# server's state directory. Needs root (debootstrap, chroot, mounts, namespaces).
# Usage: scripts/test-install.sh KIT OUT      (OUT receives the log, the screenshot and the timings)
# MAJLIS_DEBOOTSTRAP_CACHE: a folder that keeps the downloaded base system between runs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 2 ] || { echo "usage: scripts/test-install.sh KIT OUT" >&2; exit 2; }
kit=$(realpath "$1")
out=$(realpath -m "$2")
[ "$(id -u)" -eq 0 ] || { echo "test-install: needs root (debootstrap, chroot, mounts)" >&2; exit 1; }
mkdir -p "$out"
root=$(mktemp -d "${TMPDIR:-/var/tmp}/majlis-root.XXXXXX")
chmod 0755 "$root"  # the root of the new system: mktemp made it 0700
cleanup() {
  for m in "$root/tmp/.X11-unix" "$root/dev" "$root/proc"; do mountpoint -q "$m" 2> /dev/null && umount -l "$m"; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
say() { echo "test-install: $*"; }
fail() { echo "test-install: FAILED: $*" >&2; exit 1; }

cache=${MAJLIS_DEBOOTSTRAP_CACHE:-/var/cache/majlis-debootstrap}
mkdir -p "$cache"
start=$SECONDS
debootstrap --variant=minbase --cache-dir="$cache" bookworm "$root" http://deb.debian.org/debian > "$out/debootstrap.log" 2>&1 \
  || { tail -n 30 "$out/debootstrap.log" >&2; fail "debootstrap"; }
say "minimal Debian 12 root in $((SECONDS - start)) s: $(chroot "$root" dpkg-query -W -f='.\n' | wc -l) packages"
# No package lists inside: apt can take nothing but the kit's files.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb
mkdir -p "$root/kit" && cp "$kit"/* "$root/kit/"

# Everything below runs in its own network namespace (only a loopback, no route out) and mount
# namespace; the Xvfb and the HTTP client run outside the root but inside the namespace.
inside=$(mktemp "${TMPDIR:-/tmp}/majlis-inside.XXXXXX")
cat > "$inside" <<'INSIDE'
set -euo pipefail
root=$1 out=$2
say() { echo "test-install: $*"; }
fail() { echo "test-install: FAILED: $*" >&2; exit 1; }
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
ip link set lo up
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
python3 -c 'import socket; socket.create_connection(("deb.debian.org", 80), 3)' 2> /dev/null && fail "the root has network"
snapshot() { in_root find / -xdev \( -path /proc -o -path /dev -o -path /tmp -o -path /kit -o -path /root \) -prune -o -print | LC_ALL=C sort; }

in_root sh -c 'cd /kit && sha256sum -c --quiet SHA256SUMS' || fail "the kit's checksums"
# The dependencies first, so that what the Majlis packages add can be told apart afterwards.
deps=$(cd "$root/kit" && ls ./*.deb | grep -v -E '^\./majlis(-tools|-server)?_')
start=$SECONDS
in_root sh -c "cd /kit && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(echo $deps)" \
  > "$out/install-deps.log" 2>&1 || { tail -n 40 "$out/install-deps.log" >&2; fail "installing the kit's dependencies"; }
snapshot > "$out/before.txt"
# The README's command, as a site runs it.
in_root sh -c 'cd /kit && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ./*.deb' \
  > "$out/install.log" 2>&1 || { tail -n 40 "$out/install.log" >&2; fail "apt-get install ./*.deb"; }
say "kit installed offline in $((SECONDS - start)) s ($(ls "$root"/kit/*.deb | wc -l) packages)"

version=$(in_root majlisctl --version) || fail "majlisctl --version"
say "majlisctl --version: $version"
in_root majlisctl --store /root/ws.sqlite pack import /usr/share/majlis/demo/majlis-demo.jsonl || fail "pack import of the demo"
in_root majlisctl --store /root/ws.sqlite pack list | grep -q majlis-demo || fail "the demo pack is not listed"
cp "$MAJLIS_SOURCE/tests/fixtures/judgments/pandalm/testset-v1.json" "$root/root/"
in_root majlisctl --store /root/votes.sqlite pack build --from pandalm /root/testset-v1.json -o /root/pandalm.jsonl || fail "pack build"
in_root majlisctl --store /root/votes.sqlite pack import /root/pandalm.jsonl || fail "pack import"
in_root majlisctl --store /root/votes.sqlite votes import --from pandalm /root/testset-v1.json || fail "votes import"
in_root majlisctl --store /root/votes.sqlite bundle export -o /root/votes.majlisbundle || fail "bundle export"
in_root majlisctl --store /root/ws.sqlite bundle verify /root/votes.majlisbundle --trust-new-key || fail "bundle verify"

# The server, with its unit's own command line, as its user, in its state directory.
unit=$root/lib/systemd/system/majlis-server.service
[ -f "$unit" ] || fail "no systemd unit at /lib/systemd/system/majlis-server.service"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
user=$(sed -n 's/^User=//p' "$unit")
state=$(sed -n 's/^StateDirectory=//p' "$unit")
in_root getent passwd "$user" > /dev/null || fail "the package made no user $user"
install -d -o "$(in_root id -u "$user")" -g "$(in_root id -g "$user")" -m 0750 "$root/var/lib/$state"
if in_root majlis-server token create --config /etc/majlis/server.conf --name root-try --role annotator > /dev/null 2> "$out/root-refused.txt"; then
  fail "token create as root wrote into the service's store"
fi
grep -q "runuser -u $user -- majlis-server token create" "$out/root-refused.txt" || { cat "$out/root-refused.txt" >&2; fail "no advice when run as root"; }
token=$(in_root runuser -u "$user" -- majlis-server token create --config /etc/majlis/server.conf --name coordinator --role coordinator) \
  || fail "token create against the service's database"
in_root runuser -u "$user" -- sh -c "exec $exec_start" > "$out/server.out" 2> "$out/server.err" &
server=$!
for _ in $(seq 1 100); do grep -q "listening on" "$out/server.out" 2> /dev/null && break; sleep 0.1; done
grep -q "listening on http://127.0.0.1:8787" "$out/server.out" || { cat "$out/server.err" >&2; fail "the service did not listen"; }
python3 - "$token" <<'PY' || fail "the server's answers"
import json, sys, urllib.request
health = json.load(urllib.request.urlopen("http://127.0.0.1:8787/api/v1/health", timeout=10))
assert health.get("storage") == "sqlite", health
req = urllib.request.Request("http://127.0.0.1:8787/api/v1/packs", headers={"Authorization": "Bearer " + sys.argv[1]})
assert urllib.request.urlopen(req, timeout=10).status == 200
print("test-install: /api/v1/health:", json.dumps(health))
PY
# SIGTERM to the server itself (runuser, between, waits and passes its exit status on).
kill -TERM "$(pgrep -x -n majlis-server)"
wait "$server" || fail "the server did not stop cleanly on SIGTERM"
grep -q "stopping" "$out/server.err" || fail "the server did not say it was stopping"
[ "$(stat -c %u "$root/var/lib/$state/server.sqlite")" = "$(in_root id -u "$user")" ] || fail "the store is not the service user's"

# The desktop app, in Arabic, on the demo pack; the screenshot is taken from outside the root.
mkdir -p "$root/tmp/.X11-unix"
Xvfb :77 -screen 0 1280x800x24 -nolisten tcp -ac > "$out/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 1 50); do [ -S /tmp/.X11-unix/X77 ] && break; sleep 0.1; done
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 DISPLAY=:77 \
  majlis --store /root/desk.sqlite --annotator site-test --lang ar --pack /usr/share/majlis/demo/majlis-demo.jsonl \
  > "$out/desktop.log" 2>&1 &
desktop=$!
DISPLAY=:77 xdotool search --sync --onlyvisible --name . > /dev/null 2>&1 &
waiter=$!
for _ in $(seq 1 150); do kill -0 "$waiter" 2> /dev/null || break; sleep 0.1; done
kill "$waiter" 2> /dev/null || true
# Until the window has painted (a blank screen has one colour), bounded at 15 s.
colors=0
for _ in $(seq 1 30); do
  DISPLAY=:77 import -window root "$out/desktop-ar.png"
  colors=$(convert "$out/desktop-ar.png" -format %k info:)
  [ "$colors" -gt 50 ] && break
  sleep 0.5
done
kill -0 "$desktop" || { cat "$out/desktop.log" >&2; fail "the desktop app exited"; }
kill "$desktop"; wait "$desktop" 2> /dev/null || true
[ "$colors" -gt 50 ] || fail "the screenshot is blank ($colors colours)"
umount -l "$root/tmp/.X11-unix"; kill "$xvfb"

# Purge: nothing of Majlis is left but the votes in the state directory (and the user that owns
# them).
in_root sh -c 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -q majlis majlis-tools majlis-server' > "$out/purge.log" 2>&1 \
  || { tail -n 30 "$out/purge.log" >&2; fail "purge"; }
snapshot > "$out/after.txt"
LC_ALL=C comm -13 "$out/before.txt" "$out/after.txt" \
  | grep -v -E "^/var/lib/$state(/|$)|^/var/lib/(dpkg|apt)/|^/var/cache/|^/var/log/|^/etc/(passwd|group|shadow|gshadow|subuid|subgid)-?$|^/etc/ld.so.cache$|^/run/adduser$" \
  > "$out/left.txt" || true
[ -s "$out/left.txt" ] && { cat "$out/left.txt" >&2; fail "purge left these files"; }
in_root getent passwd "$user" > /dev/null || fail "purge removed the user that owns the votes"
say "purged: nothing left outside /var/lib/$state"
INSIDE
MAJLIS_SOURCE=$here unshare --net --mount --propagation private bash "$inside" "$root" "$out" 2>&1 | tee "$out/test-install.log"
rc=${PIPESTATUS[0]}
rm -f "$inside"
[ "$rc" -eq 0 ] || exit "$rc"
say "passed; screenshot: $out/desktop-ar.png"
