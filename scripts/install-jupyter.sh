#!/usr/bin/env bash
# Installs Jupyter (nbconvert and a notebook front end) for the lessons when
# it is missing, the way that suits the machine:
#   1. as root on Debian or Ubuntu (CI, containers): Debian's packages, with
#      apt-get;
#   2. elsewhere, when Python's package index answers: a virtual environment
#      in build/venv (or $BUNBOOK_VENV) with JupyterLab and nbconvert; the
#      scripts put its bin/ first on PATH (scripts/jupyter-env.sh);
#   3. otherwise it prints the exact commands to run, and exits with 3.
# scripts/setup.sh (make lessons, make lab) runs it when Jupyter is missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=${BUNBOOK_VENV:-$root/build/venv}
debian_packages=(jupyter-notebook jupyter-nbconvert python3-ipykernel)
index=${PIP_INDEX_URL:-https://pypi.org/simple}

if [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> Installing Jupyter from Debian's packages: ${debian_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${debian_packages[@]}"
  exit 0
fi

# The index answers (PIP_INDEX_URL for a mirror), and Python can make a
# virtual environment with pip in it (Debian splits that into python3-venv).
if command -v python3 >/dev/null 2>&1 &&
  python3 -c 'import venv, ensurepip' 2>/dev/null &&
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1].rstrip("/") + "/pip/", timeout=10)' "$index" 2>/dev/null; then
  echo "==> Installing JupyterLab and nbconvert into ${venv#"$root"/} (a Python virtual environment)"
  if python3 -m venv "$venv" && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check jupyterlab nbconvert; then
    exit 0
  fi
  rm -rf "$venv" # no half environment left behind
  echo "install-jupyter: pip could not install JupyterLab into $venv (output above)." >&2
fi

cat >&2 <<MSG
Jupyter is not installed, and this machine can install it neither from
Debian's packages (that needs root on Debian or Ubuntu) nor from Python's
package index ($index does not answer, or python3-venv is missing).
Install it, then run the command again:
  Debian/Ubuntu:  sudo apt-get install -y --no-install-recommends ${debian_packages[*]}
  with pip:       python3 -m venv "$venv" && "$venv/bin/pip" install jupyterlab nbconvert
  macOS:          brew install jupyterlab
Or skip the local install and use the Docker image (README.md, "Quick start").
MSG
exit 3
