#!/usr/bin/env bash
# Warms a gopls file cache for the students' kernel: gopls type-checks the
# course's packages once here, so a new student's kernel reads the results
# instead of computing them (cold: ~1.6 GiB peak and ~30 CPU-s on two cores;
# warm: ~150 MiB and ~4 CPU-s). It checks a GoNB-like module (go.work using
# the course, as the kernel's --go_work does) that imports what the lessons
# import, and one file of every package of the course.
#
# Usage: scripts/warm-gopls.sh CACHE_DIR   (run after scripts/setup.sh)
# The image points GOPLSCACHE at CACHE_DIR; TLJH's students copy it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${BUNBOOK_BIN:-$root/build/bin}
cache=${1:?usage: warm-gopls.sh CACHE_DIR}
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
{
  echo 'package main'
  echo
  echo 'import ('
  echo '	_ "github.com/uptrace/bun"'
  (cd "$root" && go list -f '{{if ne .Name "main"}}	_ "{{.ImportPath}}"{{end}}' ./helpers/... ./data/...) | grep -v '^$'
  echo ')'
  echo
  echo 'func main() {}'
} >main.go
go mod init gonb_warm >/dev/null 2>&1
go work init . "$root" >/dev/null
files=$(cd "$root" && go list -f '{{if .GoFiles}}{{.Dir}}/{{index .GoFiles 0}}{{end}}' ./... | grep -v '^$')
# Diagnostics (and their exit status) do not matter here, only the cache.
GOPLSCACHE=$cache GOFLAGS=-ldflags=-s "$bin/real/gopls" check "$work/main.go" $files >/dev/null 2>&1 || true
echo "gopls cache warmed: $(du -sh "$cache" | cut -f1) in $cache"
