#!/usr/bin/env bash
# Set-up for the lessons, safe to run again at any time (it only redoes what
# changed):
#   1. builds the pinned gonb kernel and goimports (versions from go.mod's
#      `tool` lines) and the notebook runner into $BUNBOOK_BIN (default
#      build/bin);
#   2. installs the "gonb" Jupyter kernel with --go_work=<repository root>, so
#      notebooks can import this repository's packages, and puts $BUNBOOK_BIN
#      and Go on the kernel's PATH (GoNB runs goimports and go on every cell);
#   3. warms Go's build cache for every package the lessons import, so no
#      cell compiles them (about a minute on two cores, the first time);
#   4. checks that Jupyter (nbconvert) is installed, and says how to install it
#      when it is not.
#
# Usage: scripts/setup.sh [--allow-missing-jupyter]
#   --allow-missing-jupyter  warn instead of failing when Jupyter is missing
#                            (the test script's notebook test reports it).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bin=${BUNBOOK_BIN:-$root/build/bin}
allow_missing_jupyter=false
for arg in "$@"; do
  case $arg in
    --allow-missing-jupyter) allow_missing_jupyter=true ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

if [ -t 1 ]; then step() { printf '\033[1m==> %s\033[0m\n' "$*"; }; else step() { echo "==> $*"; }; fi

if ! command -v go >/dev/null 2>&1; then
  echo "setup: Go is not installed (or not on PATH). Install Go $(sed -n 's/^go //p' go.mod) or newer from https://go.dev/dl/ and run this again." >&2
  exit 1
fi

step "Go modules ($(go version | cut -d' ' -f3))"
go mod download

step "Building gonb, goimports and nbrun into ${bin#"$root"/}"
mkdir -p "$bin"
# `go build` of a tool package uses the version go.mod pins, offline once the
# modules are downloaded (go install pkg@version would ask the proxy again).
go build -o "$bin/gonb" github.com/janpfeifer/gonb
go build -o "$bin/goimports" golang.org/x/tools/cmd/goimports
go build -o "$bin/nbrun" ./internal/nbrun/cmd/nbrun

step "Installing the gonb Jupyter kernel (go_work=$root)"
# --force_deps: gopls only powers auto-completion in JupyterLab; the cells
# run without it. --raw_error: errors as plain text, readable in executed
# notebooks and tests.
install_log=$(PATH="$bin:$PATH" "$bin/gonb" --install --go_work="$root" --raw_error --force_deps 2>&1) || {
  echo "$install_log" >&2
  echo "setup: gonb --install failed (log above)." >&2
  exit 1
}
"$bin/nbrun" kernel-path "$bin" "$(go env GOROOT)/bin"
# Every cell is a new program (issue 10). GOFLAGS: link it stripped (-s: no
# symbol table or DWARF; panics keep their cell and line, which come from the
# pcln table), a quarter faster. GOPROXY: GoNB runs `go get` before every
# cell, which asked proxy.golang.org about each module (~1.2 s a cell); the
# local module cache answers first, the usual proxies after it. A student's
# %goflags still applies (its -ldflags replaces this one).
"$bin/nbrun" kernel-env GOFLAGS=-ldflags=-s \
  "GOPROXY=file://$(go env GOMODCACHE)/cache/download,$(go env GOPROXY)"

step "Warming Go's build cache for the lessons (about a minute the first time)"
# Compiles (and caches) every package a lesson or exercise cell imports, with
# the kernel's flags, so no student waits for it; nbrun cold-notice, run by
# each lesson's first cell, tells the student when this has not happened.
GOFLAGS=-ldflags=-s go build ./helpers/... ./data/...

step "Checking Jupyter"
if "$bin/nbrun" check; then
  echo "Set-up complete."
else
  rc=$?
  if [ "$rc" -eq 3 ] && $allow_missing_jupyter; then
    echo "setup: continuing without Jupyter; notebook tests will report it." >&2
    exit 0
  fi
  exit "$rc"
fi
