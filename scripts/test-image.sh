#!/usr/bin/env bash
# The image test (make test-image; CI runs it after make test): builds
# stand-in base images with debootstrap (cached in /var/cache/bunbook-standins
# when the machine keeps it), builds the course image from the Dockerfile
# with its own dockerd, and checks it inside containers with no network:
# the server and its gonb kernel, lessons 01, 02 and the exercises, a hub's
# empty home volume, a student's edits kept across restarts and updates, a
# broken home, a failing lesson failing the build. See imagetest/.
# Needs root, Debian's docker.io and debootstrap. Ends with one line:
# "image test: PASS|FAIL …".
#
# Usage: scripts/test-image.sh [go test flags]
# Maintainers: BUNBOOK_DOCKER_DIR=/var/tmp/bunbook-docker keeps dockerd's
# data root (and so the layer cache) between runs.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mkdir -p build/image-test
rm -f build/image-test/summary.txt
start=$SECONDS
status=0
go vet -tags imagetest ./imagetest || status=1
BUNBOOK_TEST_IMAGE=1 go test -tags imagetest -count=1 -v -timeout 80m "$@" ./imagetest 2>&1 | tee build/image-test/test.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
summary=$(cat build/image-test/summary.txt 2>/dev/null || echo "no timings (the test stopped early; see build/image-test/test.log)")
if [ "$status" -eq 0 ]; then result=PASS; else result=FAIL; fi
if grep -q -- '--- SKIP: TestImage' build/image-test/test.log; then result=SKIPPED; fi
echo "image test: $result — ${summary#image test: } (wall $((SECONDS - start)) s)"
exit "$status"
