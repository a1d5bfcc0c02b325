#!/bin/bash
# Stand-in for docker-stacks' start.sh, as far as the course image uses it:
# run the hooks in start-notebook.d and before-notebook.d (*.sh sourced,
# other executables run; a failing hook is logged, not fatal), then exec the
# command, as NB_USER when started as root.
set -e
run_hooks() {
  [ -d "$1" ] || return 0
  echo "start.sh: running hooks in $1 as uid $(id -u) gid $(id -g)"
  local f
  for f in "$1"/*; do
    [ -e "$f" ] || continue
    case $f in
      *.sh) source "$f" || echo "start.sh: ERROR: $f failed, continuing" ;;
      *) if [ -x "$f" ]; then "$f" || echo "start.sh: ERROR: $f failed, continuing"; fi ;;
    esac
  done
}
[ $# -gt 0 ] || set -- bash
run_hooks /usr/local/bin/start-notebook.d
run_hooks /usr/local/bin/before-notebook.d
if [ "$(id -u)" -eq 0 ]; then
  exec setpriv --reuid="${NB_UID}" --regid="${NB_GID}" --init-groups env HOME="/home/${NB_USER}" "$@"
fi
exec "$@"
