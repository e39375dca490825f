# Two commands set up everything: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: renderers site serve new test quick check lint typecheck pytest bench lighthouse screenshots schema lock audit clean

# The briefing to build: a folder with data/ (and docs/ for hand-written pages); its site
# goes to its site/. Default: the one embedded in this checkout. Any folder works, inside
# or outside the checkout: make site BRIEFING=../other-summit
BRIEFING ?= .
BUILDER = $(BIN)/python -m builder --root $(BRIEFING)
SITE_CONFIG = $(BRIEFING)/.briefing/mkdocs.yml

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps record which hash-locked set is installed; a changed lock file reinstalls.
$(VENV)/.site-installed: requirements/site.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/site.lock
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/dev.lock
	touch $@

# The renderer that turns the generated Markdown into HTML: mkdocs (the default: the set
# every feature of the site was made on, Material's own search included), properdocs (the
# maintained fork of MkDocs, same theme) or zensical (Material's successor). Each other
# renderer has its own hash-locked set in a venv of its own, .venv-NAME, so the default
# set-up is untouched; the builder itself always runs from .venv.
RENDERER ?= mkdocs
RENDERERS := mkdocs properdocs zensical
ifeq ($(filter $(RENDERER),$(RENDERERS)),)
$(error RENDERER=$(RENDERER): choose one of $(RENDERERS))
endif
RENDERER_VENV = $(if $(filter mkdocs,$(1)),$(VENV),.venv-$(1))

.venv-%/.installed: requirements/%.lock
	$(PYTHON) -m venv .venv-$*
	.venv-$*/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $<
	touch $@

# Every renderer's set, for the tests that build with each.
renderers: $(VENV)/.site-installed .venv-properdocs/.installed .venv-zensical/.installed

## site: generate the pages from BRIEFING's data/ and build the static site into its site/
# publish generates the pages, runs the command given after -- with --site-dir set to a
# new folder of its own, checks every link there, then points site at it in one rename
# (site is a link to .site-<random>): two runs never share a folder, and site/ is never
# absent. No --quiet for MkDocs: it drops warnings before --strict counts them.
# `make site RENDERER=properdocs|zensical` builds with another renderer (see RENDERER).
site: $(VENV)/.site-installed $(if $(filter mkdocs,$(RENDERER)),,.venv-$(RENDERER)/.installed)
	$(BUILDER) publish --renderer $(RENDERER) $(BRIEFING)/site -- $(call RENDERER_VENV,$(RENDERER))/bin/$(RENDERER) build --strict

## serve: preview on http://127.0.0.1:8000 with live reload; an edit to data/, templates/, docs/ or
## overrides/ re-renders the pages it changes (builder/serve.py); DEV_ADDR=host:port
DEV_ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.site-installed
	$(BIN)/python -m builder.serve --root $(BRIEFING) --dev-addr $(DEV_ADDR)

## new: start a briefing in a new folder: make new BRIEFING=../my-summit (then make site BRIEFING=…)
new: $(VENV)/.site-installed
	$(BIN)/python -m builder new $(BRIEFING)

## check: lint, type-check, validate the data and the published schema (writes nothing)
check: lint typecheck
	$(BUILDER) check
	$(BUILDER) schema --check

CODE := $(wildcard builder tests scripts bench)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy $(CODE)

## test: every check, then every test
test: check pytest

pytest: $(VENV)/.dev-installed renderers
	$(BIN)/python -m pytest

## quick: the everyday loop: lint, types and every test but the browser and whole-site ones
quick: lint typecheck
	$(BIN)/python -m pytest -q -m "not slow and not browser"

## bench: time the builder and the site build at several sizes; writes bench/results.md.
## About 9 minutes; BENCH_ARGS=--quick: under 1.
BENCH_ARGS ?=
bench: $(VENV)/.dev-installed
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## lighthouse: Lighthouse's mobile scores of home, a country and an initiative page of BRIEFING's
## site/, served with gzip as GitHub Pages serves it; needs Node.js (npx fetches Lighthouse)
lighthouse: $(VENV)/.site-installed
	$(BIN)/python scripts/lighthouse.py --site $(BRIEFING)/site

## screenshots: PNGs of home, a country and an initiative at desktop and phone widths
screenshots: $(VENV)/.dev-installed
	$(BIN)/python scripts/screenshots.py --out screenshots

## schema: regenerate data/schema/*.json, the README's data reference and the Method pages' word lists after changing builder/model.py or builder/vocabulary.py
schema: $(VENV)/.site-installed
	$(BIN)/python -m builder schema
	$(BIN)/python scripts/readme_reference.py
	$(BIN)/python scripts/method_vocabulary.py

## audit: look every locked dependency up in PyPI's vulnerability database (pip-audit);
## exit 1 on a known vulnerability; when the database cannot be reached, says so and exits 0
audit: $(VENV)/.dev-installed
	$(BIN)/python scripts/audit.py requirements/*.lock

## lock: re-pin dependencies with hashes (needs network access to the package index);
## LOCK_ARGS=--upgrade moves every pin to its newest release
# No index or find-links lines in the locks: those are this machine's pip settings.
LOCK_ARGS ?=
PIP_COMPILE := ../.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock:
	$(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet pip-tools
	cd requirements && $(PIP_COMPILE) -o site.lock site.in
	cd requirements && $(PIP_COMPILE) -o dev.lock dev.in
	cd requirements && $(PIP_COMPILE) -o properdocs.lock properdocs.in
	cd requirements && $(PIP_COMPILE) -o zensical.lock zensical.in
	rm -rf .lock-venv

clean:
	rm -rf $(BRIEFING)/site $(BRIEFING)/.site-* $(BRIEFING)/.briefing $(BRIEFING)/.briefing-*.yml .pytest_cache .mypy_cache .ruff_cache
	$(if $(wildcard $(BIN)/python),$(BUILDER) clean,)
