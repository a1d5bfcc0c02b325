#!/usr/bin/env bash
# Installs the bunbook course into The Littlest JupyterHub (TLJH) on this
# machine, for every student: Go tools, modules and a warm Go build cache
# under /opt/go (root's, read-only for students), the course in /opt/bunbook,
# the gonb kernel in TLJH's user environment, and at every server start each
# student's own copy of the lessons (~/bunbook; an edited notebook is never
# overwritten) and of the warm build cache (~/.cache/go-build), plus TLJH's
# limits, idle-server culler and kernel culler.
#
# Once, after TLJH's own installer (https://tljh.jupyter.org) and Go (from
# https://go.dev/dl, into /usr/local/go, at least the version go.mod names):
#   sudo git clone https://github.com/bunbook/bunbook /opt/bunbook
#   sudo /opt/bunbook/deploy/tljh/install-course.sh
# New lessons for the class:
#   sudo git -C /opt/bunbook pull && sudo /opt/bunbook/deploy/tljh/install-course.sh
#
# Usage: install-course.sh [--course-only]
#   --course-only  skip TLJH's own steps (tljh-config, the hub's config):
#                  installs the course part on a machine with any Jupyter
#                  whose kernels folder is $TLJH_USER_ENV/share/jupyter.
#                  classroom.TestTLJHTwoStudents runs it so, as root, with
#                  the paths below moved into a temporary folder.
# The paths can be moved with the environment variables of the same name
# (BUNBOOK_COURSE, BUNBOOK_GO_HOME, GO_ROOT, TLJH_USER_ENV, TLJH_CONFIG);
# the sizes with MEMORY_LIMIT, CPU_LIMIT, CULL_TIMEOUT (idle servers) and
# KERNEL_CULL_TIMEOUT (idle or runaway kernels, seconds; 0 = never).
set -euo pipefail

# Where things go; the same places as in the Docker image.
COURSE=${BUNBOOK_COURSE:-/opt/bunbook}   # org.bunbook.course
LESSONS_DIR=bunbook                      # org.bunbook.lessons, relative to each home
GO_HOME=${BUNBOOK_GO_HOME:-/opt/go}
GO_ROOT=${GO_ROOT:-/usr/local/go}
TLJH_USER_ENV=${TLJH_USER_ENV:-/opt/tljh/user}
TLJH_CONFIG=${TLJH_CONFIG:-/opt/tljh/config}
# Sized from `make bench-classroom` (docs/classroom.md, "Sizing"): a new
# student's cold peak with the warm caches below stays under 768 MiB; the
# limit leaves room for a student's own bigger program.
MEMORY_LIMIT=${MEMORY_LIMIT:-1G}
CPU_LIMIT=${CPU_LIMIT:-2}
CULL_TIMEOUT=${CULL_TIMEOUT:-3600}
KERNEL_CULL_TIMEOUT=${KERNEL_CULL_TIMEOUT:-1800}

course_only=false
for arg in "$@"; do
  case $arg in
    --course-only) course_only=true ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-course: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

die() { echo "install-course: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run it as root: sudo $0"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ "$here" = "$COURSE" ] || die "the course must be checked out at $COURSE (it is at $here): sudo git clone https://github.com/bunbook/bunbook $COURSE"
[ -x "$TLJH_USER_ENV/bin/jupyter" ] || die "no TLJH user environment at $TLJH_USER_ENV: install TLJH first (https://tljh.jupyter.org)"
[ -x "$GO_ROOT/bin/go" ] || die "no Go at $GO_ROOT: install Go $(sed -n 's/^go //p' "$COURSE/go.mod") or newer from https://go.dev/dl into $GO_ROOT"
$course_only || command -v tljh-config >/dev/null || die "no tljh-config on PATH: install TLJH first (https://tljh.jupyter.org), or pass --course-only"

# The install's own Go: modules into the shared cache; tools built with
# root's own build cache (students never see it); -buildvcs=false because
# the course is a git checkout owned by root.
export GOMODCACHE=$GO_HOME/pkg/mod GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
export BUNBOOK_BIN=$GO_HOME/bin
export BUNBOOK_WARM_GOCACHE=$GO_HOME/cache
export JUPYTER_DATA_DIR=$TLJH_USER_ENV/share/jupyter
export PATH=$BUNBOOK_BIN:$GO_ROOT/bin:$TLJH_USER_ENV/bin:$PATH
umask 0022

# The same set-up as `make lessons`: modules, gonb, goimports, gopls, nbrun,
# the kernel's wrappers (scripts/kernel) and the gonb kernel with
# --go_work=$COURSE, here into the user environment every student's server
# reads; and the build cache warmed for every lesson, here into
# $GO_HOME/cache, which students copy (never share: a build cache writable
# by two students lets one run code in the other's programs).
"$COURSE/scripts/setup.sh" --allow-missing-jupyter
(cd "$COURSE" && go build -o "$BUNBOOK_BIN/lessonsync" ./cmd/lessonsync)
# bunbook-reset LESSON in a student's terminal (TLJH's user environment is on
# their PATH): the course's version back, theirs kept as a dated copy.
ln -sf "$BUNBOOK_BIN/lessonsync" "$TLJH_USER_ENV/bin/bunbook-reset"
# gopls's cache too: a cold gopls peaks at ~1.6 GiB, a warm one ~150 MiB.
"$COURSE/scripts/warm-gopls.sh" "$GO_HOME/gopls-cache"
date -u +%Y-%m-%dT%H:%M:%SZ | tee "$GO_HOME/gopls-cache/bunbook-warm" >"$BUNBOOK_WARM_GOCACHE/bunbook-warm"

# The students' kernel: modules from the shared cache (read-only) and the
# local proxy; each student's own GOPATH (~/go: the checksum database's
# state in ~/go/pkg/sumdb) and build cache (~/.cache/go-build). GOFLAGS
# (-ldflags=-s, a stripped link) stays as set-up wrote it.
for kernel in gonb gonb-raw; do
  "$BUNBOOK_BIN/nbrun" kernel-env -kernel "$kernel" GOPATH= GOCACHE= \
    "GOMODCACHE=$GO_HOME/pkg/mod" \
    "GOPROXY=file://$GO_HOME/pkg/mod/cache/download,https://proxy.golang.org,direct" \
    GOTOOLCHAIN=local CGO_ENABLED=0
done

# At each server start, as the student: lessons and the warm caches.
sed -e "s|@COURSE@|$COURSE|g" -e "s|@GO_HOME@|$GO_HOME|g" -e "s|@LESSONS_DIR@|$LESSONS_DIR|g" \
  "$COURSE/deploy/tljh/student-start.sh" >"$BUNBOOK_BIN/bunbook-student-start"
chmod 0755 "$BUNBOOK_BIN/bunbook-student-start"
install -D -m 0644 "$COURSE/deploy/jupyter_server_config.py" "$TLJH_USER_ENV/etc/jupyter/bunbook_kernels.py"
sed -e "s|@GO_HOME@|$GO_HOME|g" "$COURSE/deploy/tljh/jupyter_server_config.py" >"$TLJH_USER_ENV/etc/jupyter/jupyter_server_config.py"

# Everything shared is root's and read-only for students.
chown -R root:root "$GO_HOME" "$JUPYTER_DATA_DIR/kernels/gonb" "$JUPYTER_DATA_DIR/kernels/gonb-raw"
chmod -R a+rX,go-w "$GO_HOME" "$COURSE" "$JUPYTER_DATA_DIR/kernels/gonb" "$JUPYTER_DATA_DIR/kernels/gonb-raw"

if $course_only; then
  echo "bunbook course installed (--course-only: TLJH's own settings left alone)."
  exit 0
fi
install -d "$TLJH_CONFIG/jupyterhub_config.d"
sed -e "s|@KERNEL_CULL_TIMEOUT@|$KERNEL_CULL_TIMEOUT|g" "$COURSE/deploy/tljh/bunbook_hub.py" \
  >"$TLJH_CONFIG/jupyterhub_config.d/bunbook.py"
tljh-config set user_environment.default_app jupyterlab
tljh-config set limits.memory "$MEMORY_LIMIT"
tljh-config set limits.cpu "$CPU_LIMIT"
tljh-config set services.cull.enabled true
tljh-config set services.cull.timeout "$CULL_TIMEOUT"
tljh-config reload hub
echo "bunbook installed: students find the lessons in ~/$LESSONS_DIR at their next login."
