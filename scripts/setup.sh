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

# Python packages: reinstall only when the lock file changed.
stamp=".venv/.installed-$mode-$(sha256sum "$lock" | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
  rm -f .venv/.installed-"$mode"-*
  touch "$stamp"
fi

[ "$mode" = dev ] || exit 0

# Debian's chromium for the browser tests (never a browser download by a test tool).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

# A Java runtime for the Nu HTML checker (vnu-jar).
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  fi
fi

# Node-based checkers (axe-core, the Nu HTML checker, Lighthouse), pinned by tests/js/package-lock.json.
if [ -f tests/js/package-lock.json ]; then
  lockhash=$(sha256sum tests/js/package-lock.json | cut -c1-16)
  if [ ! -f "tests/js/node_modules/.installed-$lockhash" ]; then
    npm ci --prefix tests/js --no-audit --no-fund --loglevel=error
    touch "tests/js/node_modules/.installed-$lockhash"
  fi
fi
