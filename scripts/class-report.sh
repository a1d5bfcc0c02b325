#!/usr/bin/env bash
# make class-report: who is stuck where (cmd/classreport; docs/class-report.md).
#   CLASSREPORT_TOKEN=<a hub admin's token> make class-report HUB=https://hub.example.org/
#   make class-report HOMES=/home                 # no hub: one student per folder
#   sudo make class-report HOMES='/home/jupyter-*'   # TLJH's homes, * = the name
# Writes build/classreport.html (and build/classreport-state.json, the last
# known progress of students whose servers are stopped). The token is read
# from the environment only and never printed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mkdir -p build
args=(-html build/classreport.html -state build/classreport-state.json)
if [ -n "${HUB:-}" ]; then
  args+=(-hub "$HUB")
elif [ -n "${HOMES:-}" ]; then
  args+=(-homes "$HOMES")
else
  echo "make class-report: give HUB=<the hub's URL> (with CLASSREPORT_TOKEN=<an admin's token>) or HOMES=<folder of homes>" >&2
  exit 2
fi
exec go run ./cmd/classreport "${args[@]}"
