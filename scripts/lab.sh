#!/usr/bin/env bash
# For students: set up, then open the lessons in JupyterLab (or the classic
# Notebook when JupyterLab is not installed). Stop it with Ctrl-C.
# Extra arguments go to Jupyter, e.g. scripts/lab.sh --port 8890 --no-browser
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/jupyter-env.sh"
"$root/scripts/setup.sh"
cd "$root/notebooks"
# The exercise checks record the student's progress here (exercise.Progress
# prints it; docs/class-report.md).
export BUNBOOK_PROGRESS=${BUNBOOK_PROGRESS:-$HOME/bunbook-progress.jsonl}
extra=()
# Jupyter refuses to start as root unless told to (containers, CI machines).
[ "$(id -u)" -ne 0 ] || extra+=(--allow-root)
if jupyter lab --version >/dev/null 2>&1; then
  exec jupyter lab "${extra[@]}" "$@"
fi
echo "JupyterLab is not installed; opening the classic Notebook instead (python3 -m pip install --user jupyterlab for JupyterLab)."
exec jupyter notebook "${extra[@]}" "$@"
