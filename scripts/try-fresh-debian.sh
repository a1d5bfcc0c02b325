#!/usr/bin/env bash
# For maintainers: proves `make lessons` on a fresh Debian machine that has
# Go but no Jupyter. It unpacks a clean Debian bookworm (debootstrap
# --variant=minbase, from the configured apt mirror, cached as one tarball
# under /var/cache/bunbook), copies this checkout's HEAD into it, and inside
# the chroot, as root:
#   1. runs scripts/lessons.sh on lesson 1: set-up finds no Jupyter and
#      installs Debian's packages itself, then the lesson executes;
#   2. as an unprivileged user with no package index, runs
#      scripts/install-jupyter.sh, which must print the exact commands and
#      exit with 3.
# Go comes from the host (/usr/local/go, bind-mounted) with its module and
# build caches (what Jupyter's absence changes is not Go's business). Needs root, debootstrap and network access to the apt mirror;
# takes a few minutes (most of it apt). The chroot is deleted afterwards.
#
# Usage: sudo scripts/try-fresh-debian.sh [MIRROR]   (default deb.debian.org)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mirror=${1:-http://deb.debian.org/debian}
cache=${BUNBOOK_DEBOOTSTRAP_CACHE:-/var/cache/bunbook}
tarball=$cache/bookworm-minbase.tgz
goroot=$(go env GOROOT)
modcache=$(go env GOMODCACHE)
gocache=$(go env GOCACHE)

[ "$(id -u)" -eq 0 ] || { echo "try-fresh-debian: run as root (chroot, mounts)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "try-fresh-debian: apt-get install debootstrap" >&2; exit 2; }

if [ ! -f "$tarball" ]; then
  echo "==> debootstrap bookworm (minbase) from $mirror into the cache $tarball"
  mkdir -p "$cache"
  tmp=$(mktemp -d "$cache/.debootstrap.XXXX")
  debootstrap --variant=minbase --include=ca-certificates bookworm "$tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -20 "$cache/debootstrap.log" >&2; rm -rf "$tmp"; exit 1; }
  tar -C "$tmp" -czf "$tarball.part" . && mv "$tarball.part" "$tarball"
  rm -rf "$tmp"
fi

chroot_dir=$(mktemp -d /tmp/bunbook-fresh-debian.XXXX)
mounts=()
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
  rm -rf --one-file-system "$chroot_dir"
}
trap cleanup EXIT
bind() { mkdir -p "$chroot_dir$2"; mount --bind "$1" "$chroot_dir$2"; mounts+=("$chroot_dir$2"); }

echo "==> Unpacking a clean bookworm into $chroot_dir"
tar -C "$chroot_dir" -xzf "$tarball"
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
# Outbound TLS may be re-signed by a local CA: trust the host's CAs too.
cp -r /usr/local/share/ca-certificates/. "$chroot_dir/usr/local/share/ca-certificates/" 2>/dev/null || true
chroot "$chroot_dir" update-ca-certificates >/dev/null 2>&1 || true
mount -t proc proc "$chroot_dir/proc"; mounts+=("$chroot_dir/proc")
bind "$goroot" /usr/local/go
bind "$modcache" /root/go/pkg/mod
bind "$gocache" /root/.cache/go-build
mkdir -p "$chroot_dir/course"
git -C "$root" archive HEAD | tar -C "$chroot_dir/course" -x
shared="$(cd "$root/.." && pwd)/shared"
[ -d "$shared/data" ] && bind "$shared" /shared

if chroot "$chroot_dir" sh -c 'command -v jupyter make python3' >/dev/null 2>&1; then
  echo "try-fresh-debian: the clean chroot already has Jupyter, make or Python" >&2
fi

echo "==> 1. as root: scripts/lessons.sh (set-up installs Jupyter itself), lesson 1"
chroot "$chroot_dir" /usr/bin/env -i HOME=/root PATH=/usr/local/go/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  GOFLAGS=-buildvcs=false GOTOOLCHAIN=local GOPROXY="$(go env GOPROXY)" CGO_ENABLED=0 \
  CHINOOK_SOURCE=/shared/data/chinook.zip \
  bash -c 'cd /course && scripts/lessons.sh notebooks/01_create_database.ipynb'
chroot "$chroot_dir" sh -c 'jupyter nbconvert --version && test -s /course/build/lessons/01_create_database.html'

echo "==> 2. as nobody, no package index: scripts/install-jupyter.sh must say how"
rc=0
out=$(chroot --userspec=nobody:nogroup "$chroot_dir" /usr/bin/env -i HOME=/tmp PATH=/usr/bin:/bin \
  PIP_INDEX_URL=http://127.0.0.1:9/simple bash /course/scripts/install-jupyter.sh 2>&1) || rc=$?
echo "$out"
[ "$rc" -eq 3 ] && grep -q "sudo apt-get install -y --no-install-recommends jupyter-notebook" <<<"$out" ||
  { echo "try-fresh-debian: FAILED: install-jupyter.sh exited $rc" >&2; exit 1; }
echo "try-fresh-debian: OK (Debian packages as root; the exact commands otherwise)"
