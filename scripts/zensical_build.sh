#!/usr/bin/env bash
# Build the site without MkDocs: export the generated pages, then build them with Zensical.
#   scripts/zensical_build.sh [OUT]   → OUT/site (default OUT: build/zensical)
# Zensical runs no hooks, so the pages come from `python -m build_tools export`; the settings are
# mkdocs.yml's (docs_dir pointed at the export plus the hand-written docs/, nav from nav.json).
# Zensical lives in its own venv, .venv-zensical, installed from requirements-zensical.lock with hashes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$(realpath -m "${1:-build/zensical}")

./scripts/setup.sh site  # .venv: the generator that exports the pages
lock=requirements-zensical.lock
stamp=".venv-zensical/.installed-$(sha256sum "$lock" | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  [ -x .venv-zensical/bin/python ] || python3 -m venv .venv-zensical
  .venv-zensical/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
  rm -f .venv-zensical/.installed-*
  touch "$stamp"
fi

mkdir -p "$out"
.venv/bin/python -m build_tools export "$out/export"
.venv/bin/python scripts/zensical_config.py "$out"
rm -rf "$out/site"
(cd "$out" && "$root/.venv-zensical/bin/zensical" build --clean -f mkdocs.yml)
echo "Zensical site in $out/site"
