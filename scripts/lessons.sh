#!/usr/bin/env bash
# The main job: set up what is missing, then execute every lesson
# (notebooks/**/*.ipynb) headlessly with the gonb kernel on the default
# embedded SQLite database. Executed copies, their HTML renderings and logs
# go to build/lessons/; the committed notebooks are never written.
#
# Usage: scripts/lessons.sh [nbrun run flags] [NOTEBOOK|FOLDER ...]
#   e.g. scripts/lessons.sh notebooks/01_create_database.ipynb
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/jupyter-env.sh"
cd "$root"
bin=${BUNBOOK_BIN:-$root/build/bin}

"$root/scripts/setup.sh"
echo "==> Executing the lessons into build/lessons"
exec "$bin/nbrun" run -out "$root/build/lessons" "$@"
