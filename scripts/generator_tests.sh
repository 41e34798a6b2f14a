#!/usr/bin/env bash
# The generator's tests on the fixtures alone: copy this checkout without content/ into a temporary folder
# and run tests/generator there, with this checkout's .venv. Fails when a test fails. `make test` runs it
# after the live story's tests (tests/content), so each test runs once.
#   scripts/generator_tests.sh [PYTEST ARGS...]
# The copy holds the files git knows (tracked, and new ones not ignored) as they are in the working tree.
# LIVE_CONTENT points at this checkout's content/ only so the leak checks know the live story's names.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
[ -x .venv/bin/python ] || ./scripts/setup.sh dev
tmp=$(mktemp -d "${TMPDIR:-/tmp}/generator-tests.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
  case "$file" in content/*) continue ;; esac
  [ -e "$file" ] || [ -L "$file" ] || continue  # deleted in the working tree, not yet committed
  mkdir -p "$tmp/$(dirname "$file")"
  cp -P "$file" "$tmp/$file"
done
[ ! -e "$tmp/content" ] || { echo "error: content/ was copied" >&2; exit 1; }
echo "generator tests in $tmp (no content/)"

cd "$tmp"
LIVE_CONTENT="$root/content" PYTHONPATH="$tmp" NO_MKDOCS_2_WARNING=1 \
  "$root/.venv/bin/python" -m pytest -p no:cacheprovider tests/generator "$@"
