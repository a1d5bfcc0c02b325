#!/usr/bin/env bash
# Set-up for the lessons, safe to run again at any time (it only redoes what
# changed):
#   1. builds the pinned gonb kernel and goimports (versions from go.mod's
#      `tool` lines), gopls (tools/gopls/go.mod) and the notebook runner
#      into $BUNBOOK_BIN (default build/bin);
#   2. installs the "gonb" Jupyter kernel with --go_work=<repository root>, so
#      notebooks can import this repository's packages, and puts $BUNBOOK_BIN
#      and Go on the kernel's PATH (GoNB runs goimports and go on every cell);
#   3. warms Go's build cache for every package the lessons import, so no
#      cell compiles them (about a minute on two cores, the first time);
#   4. checks that Jupyter (nbconvert) is installed, and installs it when it
#      is not (scripts/install-jupyter.sh: Debian's packages as root on
#      Debian, else a venv from Python's package index, else it says how).
#
# Usage: scripts/setup.sh [--allow-missing-jupyter]
#   --allow-missing-jupyter  warn instead of installing Jupyter or failing
#                            (the test script's notebook test reports it).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bin=${BUNBOOK_BIN:-$root/build/bin}
. "$root/scripts/jupyter-env.sh"
allow_missing_jupyter=false
for arg in "$@"; do
  case $arg in
    --allow-missing-jupyter) allow_missing_jupyter=true ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

step "Building gonb, goimports, gopls and nbrun into ${bin#"$root"/}"
mkdir -p "$bin"
# `go build` of a tool package uses the version go.mod pins, offline once the
# modules are downloaded (go install pkg@version would ask the proxy again).
go build -o "$bin/gonb" github.com/janpfeifer/gonb
go build -o "$bin/goimports" golang.org/x/tools/cmd/goimports
# gopls (Tab completion, Shift+Tab docs) is pinned in its own module, which
# keeps it on the x/tools it was released with (see tools/gopls/go.mod).
# It goes into a folder of its own, on the students' kernel's PATH only: GoNB
# starts gopls with every kernel that finds it, which headless runs and
# tests (the gonb-raw twin) would pay for without ever asking it anything.
rm -f "$bin/gopls"
mkdir -p "$bin/real" "$bin/lsp" "$bin/kernel" "$bin/empty"
(cd tools/gopls && go build -o "$bin/real/gopls" golang.org/x/tools/gopls)
go build -o "$bin/nbrun" ./internal/nbrun/cmd/nbrun

step "Installing the kernel's go, goimports and gopls wrappers into ${bin#"$root"/}/kernel and lsp"
# scripts/kernel/*: GoNB's per-cell `go get` skipped for modules the course
# already has (the list below), goimports without gopls's module index
# (an empty cache folder), gopls and the cell's program ended with their
# kernel even after a SIGKILL. Each file says what it does.
go list -m -f '{{.Path}}' all >"$bin/kernel/modules.txt.new" && mv -f "$bin/kernel/modules.txt.new" "$bin/kernel/modules.txt"
install_shim() { # template target
  sed -e "s|@GO@|$(go env GOROOT)/bin/go|g" -e "s|@MODULES@|$bin/kernel/modules.txt|g" \
    -e "s|@GOIMPORTS@|$bin/goimports|g" -e "s|@EMPTY@|$bin/empty|g" -e "s|@GOPLS@|$bin/real/gopls|g" \
    "$root/scripts/kernel/$1" >"$2.new" && chmod 0755 "$2.new" && mv -f "$2.new" "$2"
}
install_shim go "$bin/kernel/go"
install_shim goimports "$bin/kernel/goimports"
install_shim gopls "$bin/lsp/gopls"

step "Installing the gonb Jupyter kernel (go_work=$root)"
# --force_deps: gonb checks its helpers on the installing PATH; they are on
# the kernel's PATH (next line). Students get GoNB's rich HTML errors;
# kernel-path also installs the twin "gonb-raw" (-raw_error: plain text),
# which nbrun and the notebook tests execute with.
install_log=$(PATH="$bin:$PATH" "$bin/gonb" --install --go_work="$root" --force_deps 2>&1) || {
  echo "$install_log" >&2
  echo "setup: gonb --install failed (log above)." >&2
  exit 1
}
# Every cell is a new program (issue 10). GOFLAGS: link it stripped (-s: no
# symbol table or DWARF; panics keep their cell and line, which come from the
# pcln table), a quarter faster. GOPROXY: GoNB runs `go get` before every
# cell, which asked proxy.golang.org about each module (~1.2 s a cell); the
# local module cache answers first, the usual proxies after it. A student's
# %goflags still applies (its -ldflags replaces this one).
"$bin/nbrun" kernel-env GOFLAGS=-ldflags=-s \
  "GOPROXY=file://$(go env GOMODCACHE)/cache/download,$(go env GOPROXY)"
# After kernel-env: the twin gonb-raw is written with the same environment.
"$bin/nbrun" kernel-path -students-only "$bin/lsp" "$bin/kernel" "$bin" "$(go env GOROOT)/bin"

step "Warming Go's build cache for the lessons (about a minute the first time)"
# Compiles (and caches) every package a lesson or exercise cell imports, with
# the kernel's flags, so no student waits for it; nbrun cold-notice, run by
# each lesson's first cell, tells the student when this has not happened.
# BUNBOOK_WARM_GOCACHE: warm that cache instead of Go's own (TLJH's
# install-course.sh: the read-only cache its students copy).
GOCACHE=${BUNBOOK_WARM_GOCACHE:-$(go env GOCACHE)} GOFLAGS=-ldflags=-s go build ./helpers/... ./data/...

step "Checking Jupyter"
rc=0
check_log=$("$bin/nbrun" check 2>&1) || rc=$?
if [ "$rc" -eq 3 ] && ! $allow_missing_jupyter && ! jupyter nbconvert --version >/dev/null 2>&1; then
  # Install it (Debian packages as root, else a venv from PyPI, else say how).
  echo "Jupyter is not installed."
  "$root/scripts/install-jupyter.sh" || exit $?
  . "$root/scripts/jupyter-env.sh"
  rc=0
  check_log=$("$bin/nbrun" check 2>&1) || rc=$?
fi
if [ "$rc" -eq 0 ]; then
  echo "$check_log"
  echo "Set-up complete."
  exit 0
fi
echo "$check_log" >&2
if [ "$rc" -eq 3 ] && $allow_missing_jupyter; then
  echo "setup: continuing without Jupyter; notebook tests will report it." >&2
  exit 0
fi
exit "$rc"
