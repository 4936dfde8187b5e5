# Two entry points, both from a fresh clone: `make serve` and `make test`.
# Everything the project needs is installed by these targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build lint test pytest browser checkers check clean anchors publish bench-search bench-reading eval-search

# requirements.txt pins every package, dependencies of dependencies included: they are installed
# exactly, without resolving (--no-deps), and `uv pip check` fails the set-up when a pin is missing.
# uv (pinned, fetched by the machine's pip into the venv) installs them: it downloads and unpacks
# side by side, where pip fetched one package after another (30 s of a fresh `make test`, now 5).
UV_VERSION := 0.13.9
UV := $(VENV)/.uv-$(UV_VERSION)/bin/uv
$(UV):
	$(PYTHON) -m pip install --disable-pip-version-check --root-user-action=ignore -q --target $(VENV)/.uv-$(UV_VERSION) uv==$(UV_VERSION)

# uv is order-only (its folder names its version): a venv set up before this version of uv gets it
# without reinstalling the rest.
$(STAMP): requirements.txt pyproject.toml | $(UV)
	$(PYTHON) -m venv --without-pip $(VENV)
	$(UV) pip install -q --python $(BIN)/python --no-deps --compile-bytecode -r requirements.txt
	$(UV) pip install -q --python $(BIN)/python --no-deps -e .
	$(UV) pip check -q --python $(BIN)/python
	touch $(STAMP)

setup: $(STAMP)

## serve: set up and serve the site at http://127.0.0.1:8000/ (rebuilds when data/ changes)
serve: setup
	$(BIN)/mkdocs serve --strict

## build: the standard strict build into site/
build: setup
	$(BIN)/mkdocs build --strict

## browser: Debian's Chromium for the browser tests (never a downloaded browser build), and a
## Chinese font so pages render (and print to PDF) as readers see them
browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@fc-list :lang=zh | grep -q . || { \
	  echo "Installing Debian's fonts-wqy-microhei (Chinese text in browser tests and printed PDFs)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-wqy-microhei >/dev/null; }

## checkers: pinned axe-core and Nu HTML Checker from package-lock.json (no install scripts:
## vnu-jar's would download a JRE; Debian's Java is used instead)
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
checkers: $(NODE_STAMP) | browser  # after browser: two apt-get runs never overlap under make -j
	@command -v java >/dev/null || { \
	  echo "Installing Debian's Java for the HTML checker"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

## lint: mypy --strict over gazette/ and benchmarks/, ruff over the project (configured in pyproject.toml)
lint: setup
	$(BIN)/mypy
	$(BIN)/ruff check

## test: set up, lint and run every test. The set-up steps run side by side (uv, npm and apt
## download at once; each is skipped when already done), then mypy and ruff check beside the tests:
## mypy holds one core for seconds, which the tests' first minute shares instead of waiting for it.
test:
	@$(MAKE) --no-print-directory -j3 setup browser checkers
	@$(MAKE) --no-print-directory -j2 lint pytest

## pytest: every test, on every core (make test sets up first, and lints beside it)
pytest:
	$(BIN)/python -m pytest -q -n auto

## anchors: record newly published anchors in data/published/anchors.txt (never removes one,
## never rewrites a fingerprint; ACCEPT="url#anchor …" accepts anchors a correction moved, see docs/import.md)
anchors: build
	$(BIN)/python -m gazette.publish.anchors site data/published/anchors.txt $(addprefix --accept=,$(ACCEPT))

## publish: what CI runs on every push: validate records → every test → strict build into a
## temp dir next to site/ → link check → swap into site/ (a failure leaves site/ untouched).
## Needs SITE_URL = the public https address (canonical links, citations, feed, sitemap use it);
## refuses none, credentials, query, fragment, loopback or private hosts (http: ALLOW_HTTP=1).
publish: setup
	$(BIN)/python -m gazette.publish.atomic site-url $(if $(ALLOW_HTTP),--allow-http)
	$(BIN)/python -m gazette.publish.atomic validate
	$(MAKE) test
	$(BIN)/python -m gazette.publish.atomic build --site site $(if $(ALLOW_HTTP),--allow-http)

## bench-search: this site's search vs Pagefind 1.5.2 and Material's lunr on a generated
## 5,040-document library (prints numbers; many minutes). Comparison engines: benchmarks/requirements.txt.
## BENCH_ARGS="--years 2 --per-issue 5" for a quick run.
bench-search: setup browser
	$(UV) pip install -q --python $(BIN)/python -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/search.py $(BENCH_ARGS)

## bench-reading: page weight (largest page, gzip), Lighthouse mobile (score, FCP, LCP, TBT, CLS) per
## page type and the throttled walk (first content, first search result; at CPU 1x and 4x, medians of 3) on a
## generated 5,040-document library, before (READING_BEFORE: the library before issue 23's reader work) and after
## (this tree). Prints numbers; an hour or more. BENCH_ARGS="--years 2 --per-issue 5 --runs 1 --walk-runs 1" for a quick run.
READING_BEFORE ?= 1a752d2
bench-reading: setup browser checkers
	$(BIN)/python benchmarks/reading.py --before $(READING_BEFORE) $(BENCH_ARGS)

## eval-search: search quality on generated queries (recall, precision, top-1; prints numbers)
eval-search: setup browser
	$(BIN)/python benchmarks/eval_search.py

clean:
	rm -rf site $(VENV)
