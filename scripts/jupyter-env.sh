# Sourced by the scripts: the virtual environment scripts/install-jupyter.sh
# makes (when Jupyter came from Python's package index) goes first on PATH.
_bunbook_venv=${BUNBOOK_VENV:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build/venv}
if [ -x "$_bunbook_venv/bin/jupyter" ]; then
  export PATH="$_bunbook_venv/bin:$PATH"
fi
unset _bunbook_venv
