#!/usr/bin/env bash
# make bench / make bench-classroom: set-up (the gonb kernel), then the bench
# script (bench/bench.py or bench/classroom.py) with the Python that has
# jupyter_client — the one the `jupyter` command runs on (Debian:
# python3-jupyter-client), which may not be the first python3 on PATH.
# Lessons 02 and the exercises read Chinook from $CHINOOK_SOURCE, by default
# ../shared/data/chinook.zip beside the checkout, as .ci/run does.
#
# Usage: scripts/bench.sh bench|classroom [the script's flags, see --help]
#   e.g. make bench ARGS='--runs 3'   make bench-classroom ARGS='--students 1,5'
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
case ${1:-} in
  bench|classroom) script=$root/bench/$1.py; shift ;;
  *) echo "usage: scripts/bench.sh bench|classroom [flags]" >&2; exit 2 ;;
esac

"$root/scripts/setup.sh" >&2

py=""
candidates=()
if jupyter=$(command -v jupyter); then
  shebang=$(head -n1 "$jupyter")
  case $shebang in '#!'*python*) candidates+=("${shebang#\#!}") ;; esac
fi
candidates+=(python3 /usr/bin/python3)
for c in "${candidates[@]}"; do
  # shellcheck disable=SC2086 # a shebang may carry an interpreter and a flag
  if $c -c 'import jupyter_client' >/dev/null 2>&1; then py=$c; break; fi
done
if [ -z "$py" ]; then
  echo "bench: no Python with jupyter_client found (tried: ${candidates[*]})." >&2
  echo "Install it: sudo apt-get install python3-jupyter-client" >&2
  exit 3
fi

shared_zip="$(cd .. && pwd)/shared/data/chinook.zip"
if [ -z "${CHINOOK_SOURCE:-}" ] && [ -f "$shared_zip" ]; then
  export CHINOOK_SOURCE="$shared_zip"
fi
# shellcheck disable=SC2086
exec $py "$script" "$@"
