# The README's commands. Each sets up what it needs first (from the lock files), then runs.
export NO_MKDOCS_2_WARNING := 1
PY := .venv/bin/python

.PHONY: site serve test test-fast test-generator check zensical
site:   ## set up, then build the site into site/ (strict: any warning fails)
	./scripts/setup.sh site
	$(PY) -m mkdocs build --strict

serve:  ## set up, then preview with live reload on http://127.0.0.1:8000
	./scripts/setup.sh site
	$(PY) -m mkdocs serve

check:  ## set up, then validate the facts and print the source coverage
	./scripts/setup.sh site
	$(PY) -m build_tools check

test:   ## set up (Python test deps, chromium, Node checkers), then run every test: the live story's here, the generator's on its fixtures alone
	./scripts/setup.sh dev
	$(PY) -m pytest tests/content; story=$$?; ./scripts/generator_tests.sh; generator=$$?; exit $$((story || generator))

test-fast:  ## the fast tier (under 30 s): no browser, no lock/npm/apt setup, no benchmark, no full MkDocs build
	@[ -x .venv/bin/pytest ] || ./scripts/setup.sh dev
	HYPOTHESIS_PROFILE=fast $(PY) -m pytest -q -p no:cacheprovider -m "not slow and not browser"

test-generator:  ## the generator's tests on the fixtures alone, in a copy of the checkout without content/ (part of make test)
	./scripts/generator_tests.sh -q

zensical:  ## set up, then build the exported pages with Zensical into build/zensical/site (docs/handbook/zensical.md)
	./scripts/zensical_build.sh build/zensical
