#!/usr/bin/env bash
# Gathers an offline install kit: the Majlis packages in PACKAGES (scripts/build-packages.sh) and
# every Debian package they need that a minimal Debian 12 (debootstrap --variant=minbase: the
# "required" packages and apt) lacks, with the fonts the app recommends, into KIT. On the machine
# with no network:  sudo apt-get install --no-install-recommends ./*.deb  (in KIT).
# apt resolves the kit here as if this machine had only the minimal system installed (a dpkg
# status made from the Packages lists), so alternatives and virtual packages are chosen as apt
# would choose them there; the .deb files come from apt's cache or are downloaded from Debian.
# Usage: scripts/offline-kit.sh PACKAGES KIT [--with-postgresql]
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: scripts/offline-kit.sh PACKAGES KIT [--with-postgresql]" >&2; exit 2; }
packages=$(realpath "$1")
kit=$(realpath -m "$2")
extra=(
  # The desktop's Recommends: Arabic, Latin and code fonts, CJK, and Qt's own Arabic buttons.
  fonts-noto-core fonts-hosny-amiri fonts-dejavu-core fonts-noto-cjk qt6-translations-l10n
  # The server's PostgreSQL driver (small); the PostgreSQL server itself only when asked.
  libqt6sql6-psql
)
[ "${3:-}" = --with-postgresql ] && extra+=(postgresql)

ours=("$packages"/majlis_*.deb "$packages"/majlis-tools_*.deb "$packages"/majlis-server_*.deb)
for f in "${ours[@]}"; do
  [ -f "$f" ] || { echo "offline-kit: $f is missing: run scripts/build-packages.sh first" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/majlis-kit.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/archives/partial" "$work/state/lists/partial" "$kit"

# A dpkg status that holds only what debootstrap --variant=minbase installs: the "required"
# packages and apt, with what they depend on, as apt resolves them on an empty system (with
# usr-is-merged, as debootstrap chooses, rather than usrmerge).
status_from() {  # status_from NAMES-FILE OUT: the stanzas of those "name version" lines, marked installed
  apt-cache dumpavail | python3 -c '
import sys
wanted = None if sys.argv[1] == "-" else dict(l.split()[:2] for l in open(sys.argv[1]) if l.strip())
keep = ("Package", "Version", "Architecture", "Multi-Arch", "Depends", "Pre-Depends", "Provides",
        "Essential", "Priority", "Section", "Conflicts", "Breaks", "Replaces")
seen, out = set(), []
for stanza in sys.stdin.read().split("\n\n"):
    fields = dict(l.split(": ", 1) for l in stanza.splitlines() if ": " in l and not l.startswith(" "))
    name = fields.get("Package")
    if not name or name in seen:
        continue
    if wanted is None:
        if fields.get("Priority") == "required":
            seen.add(name)
            print(name)
    elif wanted.get(name) == fields.get("Version"):
        seen.add(name)
        lines = [l for l in stanza.splitlines() if l.split(":", 1)[0] in keep]
        lines.insert(1, "Status: install ok installed")
        out.append("\n".join(lines) + "\n\n")
if wanted is not None:
    missing = set(wanted) - seen
    if missing:
        sys.exit("offline-kit: not in the package lists: " + " ".join(sorted(missing)))
    open(sys.argv[2], "w", encoding="utf-8").write("".join(sorted(out)))
' "$1" "$2"
}
: > "$work/empty"
status_from - - > "$work/required"
apt-get -o "Dir::State::status=$work/empty" -o Debug::NoLocking=true -o APT::Install-Recommends=false --simulate -q \
  install $(cat "$work/required") apt usr-is-merged 2> /dev/null | sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) .*/\1 \2/p' > "$work/minimal"
[ -s "$work/minimal" ] || { echo "offline-kit: apt could not resolve the minimal system (are the package lists there? apt-get update)" >&2; exit 1; }
status_from "$work/minimal" "$work/status"
echo "offline-kit: the minimal system: $(wc -l < "$work/minimal") packages"

apt_opts=(-o "Dir::State::status=$work/status" -o "Dir::Cache::archives=$work/archives"
          -o Debug::NoLocking=true -o APT::Install-Recommends=false -o APT::Install-Suggests=false)
# The host's cache first: what install-deps.sh already fetched is not fetched again.
cp -n /var/cache/apt/archives/*.deb "$work/archives/" 2> /dev/null || true
apt-get "${apt_opts[@]}" --download-only -y -q install "${ours[@]}" "${extra[@]}" > "$work/apt.log" 2>&1 || {
  cat "$work/apt.log" >&2
  echo "offline-kit: apt could not resolve or fetch the kit (its output is above)" >&2
  exit 1
}
# What apt would install there, by name, and exactly those files.
apt-get "${apt_opts[@]}" --simulate -q install "${ours[@]}" "${extra[@]}" 2> /dev/null \
  | sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) .*/\1 \2/p' > "$work/needed"
rm -f "$kit"/*.deb
count=0
while read -r name version; do
  case $name in majlis|majlis-tools|majlis-server) continue ;; esac
  file=$(ls "$work/archives/${name}_$(echo "$version" | sed 's/:/%3a/')_"*.deb 2> /dev/null | head -n 1)
  [ -n "$file" ] || { echo "offline-kit: $name $version was resolved but not fetched" >&2; exit 1; }
  cp "$file" "$kit/"
  count=$((count + 1))
done < "$work/needed"
cp "${ours[@]}" "$kit/"
(cd "$kit" && sha256sum ./*.deb > SHA256SUMS)
cat > "$kit/INSTALL.txt" <<TXT
Majlis offline install kit: $((count + 3)) Debian 12 packages ($(du -sh "$kit" | cut -f1)).
Check it:   sha256sum -c SHA256SUMS
Install:    sudo apt-get install --no-install-recommends ./*.deb
The server then runs as the service majlis-server (configuration: /etc/majlis/server.conf);
make its first token with:  sudo runuser -u majlis -- majlis-server token create --config /etc/majlis/server.conf --name NAME --role coordinator
TXT
echo "offline-kit: $kit: the 3 Majlis packages and $count others, $(du -sh "$kit" | cut -f1)"
