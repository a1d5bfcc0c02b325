#!/usr/bin/env bash
# Installs the bunbook course into The Littlest JupyterHub (TLJH) on this
# machine, for every student: Go tools and modules under /opt/go, the course
# in /opt/bunbook, the gonb kernel in TLJH's user environment, the lessons put
# into each student's ~/bunbook at every server start (an edited notebook is
# never overwritten), and TLJH's limits and idle culler.
#
# Once, after TLJH's own installer (https://tljh.jupyter.org) and Go (from
# https://go.dev/dl, into /usr/local/go, at least the version go.mod names):
#   sudo git clone https://github.com/bunbook/bunbook /opt/bunbook
#   sudo /opt/bunbook/deploy/tljh/install-course.sh
# New lessons for the class:
#   sudo git -C /opt/bunbook pull && sudo /opt/bunbook/deploy/tljh/install-course.sh
#
# Not run here: CI has no TLJH (its installer needs a fresh Ubuntu machine
# with internet). classroom.TestRecipesMatchImage checks the paths below
# against the Dockerfile's org.bunbook.* labels and that the script parses.
set -euo pipefail

# Where things go; the same places as in the Docker image.
COURSE=/opt/bunbook        # org.bunbook.course
LESSONS_DIR=bunbook        # org.bunbook.lessons, relative to each home
GO_ROOT=/usr/local/go
TLJH_USER_ENV=/opt/tljh/user
TLJH_CONFIG=/opt/tljh/config
# Sized like the other recipes (deploy/z2jh/values.yaml); re-measure with
# `make bench-classroom`.
MEMORY_LIMIT=1G
CPU_LIMIT=2
CULL_TIMEOUT=3600

die() { echo "install-course: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run it as root: sudo $0"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ "$here" = "$COURSE" ] || die "the course must be checked out at $COURSE (it is at $here): sudo git clone https://github.com/bunbook/bunbook $COURSE"
[ -x "$TLJH_USER_ENV/bin/jupyter" ] || die "no TLJH user environment at $TLJH_USER_ENV: install TLJH first (https://tljh.jupyter.org)"
[ -x "$GO_ROOT/bin/go" ] || die "no Go at $GO_ROOT: install Go $(sed -n 's/^go //p' "$COURSE/go.mod") or newer from https://go.dev/dl into $GO_ROOT"

export GOPATH=/opt/go GOMODCACHE=/opt/go/pkg/mod GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
export BUNBOOK_BIN=/opt/go/bin
export JUPYTER_DATA_DIR=$TLJH_USER_ENV/share/jupyter
export PATH=$BUNBOOK_BIN:$GO_ROOT/bin:$TLJH_USER_ENV/bin:$PATH

# The same set-up as `make lessons`: modules, gonb, goimports, nbrun, and the
# gonb kernel with --go_work=$COURSE, here into the user environment every
# student's server reads.
"$COURSE/scripts/setup.sh"
if [ -d "$COURSE/cmd/lessonsync" ]; then
  (cd "$COURSE" && go build -o "$BUNBOOK_BIN/lessonsync" ./cmd/lessonsync)
  # bunbook-reset LESSON in a student's terminal (TLJH's user environment
  # is on their PATH): the course's version back, theirs kept as a dated copy.
  ln -sf "$BUNBOOK_BIN/lessonsync" "$TLJH_USER_ENV/bin/bunbook-reset"
fi

# Students share the modules read-only (each has their own Go build cache in
# ~/.cache/go-build: their first cell compiles the course once, about a
# minute). GoNB asks for modules on every cell: the local cache answers.
"$TLJH_USER_ENV/bin/python3" - "$JUPYTER_DATA_DIR/kernels/gonb/kernel.json" <<'PY'
import json, sys
path = sys.argv[1]
with open(path) as f:
    spec = json.load(f)
spec.setdefault("env", {}).update({
    "GOPATH": "/opt/go",
    "GOMODCACHE": "/opt/go/pkg/mod",
    "GOPROXY": "file:///opt/go/pkg/mod/cache/download,https://proxy.golang.org,direct",
    "GOTOOLCHAIN": "local",
    "CGO_ENABLED": "0",
    "GOFLAGS": "-buildvcs=false",
})
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
PY
chmod -R a+rX /opt/go "$COURSE" "$JUPYTER_DATA_DIR/kernels/gonb"

# Lessons into ~/bunbook at each server start, and students land on them.
install -D -m 0644 "$COURSE/deploy/tljh/jupyter_server_config.py" "$TLJH_USER_ENV/etc/jupyter/jupyter_server_config.py"
install -d "$TLJH_CONFIG/jupyterhub_config.d"
install -m 0644 "$COURSE/deploy/tljh/bunbook_hub.py" "$TLJH_CONFIG/jupyterhub_config.d/bunbook.py"

tljh-config set user_environment.default_app jupyterlab
tljh-config set limits.memory "$MEMORY_LIMIT"
tljh-config set limits.cpu "$CPU_LIMIT"
tljh-config set services.cull.enabled true
tljh-config set services.cull.timeout "$CULL_TIMEOUT"
tljh-config reload hub
echo "bunbook installed: students find the lessons in ~/$LESSONS_DIR at their next login."
