#!/usr/bin/env bash
# For course maintainers: execute the lessons and save their fresh outputs
# INTO the committed notebooks (normalized: no timings, no machine paths), so
# they read well on GitHub and diff cleanly. Only notebooks whose cells all
# succeed are written. Review with `git diff notebooks/` before committing.
#
# Usage: scripts/save-outputs.sh [NOTEBOOK|FOLDER ...]   (default: all)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec "$root/scripts/lessons.sh" -save "$@"
