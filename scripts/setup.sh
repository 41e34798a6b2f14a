#!/usr/bin/env bash
# Set up the project from its lock files, with hash checking.
#   scripts/setup.sh site   Python packages to build and serve the site (.venv)
#   scripts/setup.sh dev    also the test tools: pytest & co, Debian's chromium, Node-based checkers
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-site}
case "$mode" in
  site) lock=requirements.lock ;;
  dev) lock=requirements-dev.lock ;;
  *) echo "usage: scripts/setup.sh site|dev" >&2; exit 2 ;;
esac

# Debian packages this script needs, installed as root or through sudo.
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
need() {  # need COMMAND PACKAGE: install the package when the command is missing
  command -v "$1" >/dev/null 2>&1 || apt_install "$2"
}

# Python packages: reinstall only when the lock file changed.
stamp=".venv/.installed-$mode-$(sha256sum "$lock" | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  python3 -c 'import ensurepip' 2>/dev/null || apt_install python3-venv  # Debian ships venv's pip apart
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
  rm -f .venv/.installed-"$mode"-*
  touch "$stamp"
fi

# The generator itself (pyproject.toml: the `explainer` command and MkDocs plugin), editable, on top of
# the locked packages: no dependency resolution, no build isolation (setuptools comes from the lock).
pkgstamp=".venv/.installed-package-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$pkgstamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  rm -f .venv/.installed-package-*
  touch "$pkgstamp"
fi

[ "$mode" = dev ] || exit 0

# Debian's chromium for the browser tests (never a browser download by a test tool), a Java
# runtime for the Nu HTML checker (vnu-jar), and npm for the Node-based checkers below.
need chromium chromium
need java default-jre-headless
need npm npm

# Node-based checkers (axe-core, the Nu HTML checker, Lighthouse), pinned by tests/js/package-lock.json.
if [ -f tests/js/package-lock.json ]; then
  lockhash=$(sha256sum tests/js/package-lock.json | cut -c1-16)
  if [ ! -f "tests/js/node_modules/.installed-$lockhash" ]; then
    npm ci --prefix tests/js --no-audit --no-fund --loglevel=error
    touch "tests/js/node_modules/.installed-$lockhash"
  fi
fi
