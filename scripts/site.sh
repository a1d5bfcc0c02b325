#!/usr/bin/env bash
# `make site`: render the course website into build/site from the committed
# notebooks and their saved outputs. Nothing is executed, so neither Go nor a
# kernel is needed: only Sphinx with nbsphinx, myst-parser and the book theme
# (Debian packages) and pandoc, which nbsphinx converts markdown cells with.
#
# Usage: scripts/site.sh [site/build.py options]   (--help lists them)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

packages="python3-sphinx python3-nbsphinx python3-myst-parser python3-sphinx-book-theme pandoc"
modules="import sphinx, nbsphinx, myst_parser, sphinx_book_theme"

# Debian's packages install into /usr/bin/python3; a pyenv or venv python3
# earlier on PATH does not see them.
python=""
for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "$modules" 2>/dev/null; then
    python=$candidate
    break
  fi
done
missing=""
[ -n "$python" ] || missing="Sphinx, nbsphinx, myst-parser or sphinx-book-theme"
command -v pandoc >/dev/null 2>&1 || missing="${missing:+$missing and }pandoc"
if [ -n "$missing" ]; then
  echo "make site: $missing not installed. On Debian or Ubuntu:" >&2
  echo "  sudo apt-get install --no-install-recommends $packages" >&2
  exit 3
fi
exec "$python" site/build.py "$@"
