# Two commands set up everything: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site serve test quick check lint typecheck pytest bench screenshots schema lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps record which hash-locked set is installed; a changed lock file reinstalls.
$(VENV)/.site-installed: requirements/site.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/site.lock
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/dev.lock
	touch $@

## site: generate the pages from data/ and build the static site into site/
# No --quiet for MkDocs: it drops warnings before --strict can count them.
site: $(VENV)/.site-installed
	$(BIN)/python -m builder build
	rm -rf .site-new
	BRIEFING_PREBUILT=1 $(BIN)/mkdocs build --strict --site-dir .site-new
	$(BIN)/python -m builder links .site-new
	rm -rf .site-old; if [ -d site ]; then mv site .site-old; fi; mv .site-new site; rm -rf .site-old
	@echo "site built in site/"

## serve: preview on http://127.0.0.1:8000 with live reload; edits to data/ or templates/ regenerate pages
serve: $(VENV)/.site-installed
	$(BIN)/python -m builder build
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

## check: lint, type-check, validate the data and the published schema (writes nothing)
check: lint typecheck
	$(BIN)/python -m builder check
	$(BIN)/python -m builder schema --check

CODE := $(wildcard builder tests scripts bench)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy $(CODE)

## test: every check, then every test
test: check pytest

pytest: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

## quick: the everyday loop: lint, types and every test but the browser and whole-site ones
quick: lint typecheck
	$(BIN)/python -m pytest -q -m "not slow and not browser"

## bench: time the builder and the site build at several sizes; writes bench/results.md
## and the site's Performance page (docs/performance.md). About 9 minutes; --quick: under 1.
BENCH_ARGS ?=
bench: $(VENV)/.dev-installed
	$(BIN)/python -m bench.run --page docs/performance.md $(BENCH_ARGS)

## screenshots: PNGs of home, a country and an initiative at desktop and phone widths
screenshots: $(VENV)/.dev-installed
	$(BIN)/python scripts/screenshots.py --out screenshots

## schema: regenerate data/schema/*.json after changing builder/model.py
schema: $(VENV)/.site-installed
	$(BIN)/python -m builder schema

## lock: re-pin dependencies with hashes (needs network access to the package index)
lock:
	$(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet pip-tools
	cd requirements && ../.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o site.lock site.in
	cd requirements && ../.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o dev.lock dev.in
	rm -rf .lock-venv

clean:
	rm -rf site .site-new .site-old .pytest_cache .mypy_cache .ruff_cache
	$(if $(wildcard $(BIN)/python),$(BIN)/python -m builder clean,)
