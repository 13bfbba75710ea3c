# Two commands for a fresh machine: `make run` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The test suite also runs the benchmark's smoke test, which needs the bench extra's peers.
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

# The first Python >= 3.12 found: on PATH, then pyenv's versions.
find_python = $(shell for c in python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do \
	  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then command -v $$c; break; fi; \
	done)

.PHONY: run test import setup editor lint browser screenshots help

help:
	@echo "make run     set up, import the seed texts, serve http://$(HOST):$(PORT)/"
	@echo "make test    set up and run the whole test suite"
	@echo "make import FILES='path/*.txt'   import your own text files"
	@echo "make editor  create an editor account for Django admin"
	@echo "make lint    ruff"
	@echo "make bench   the scale benchmark (BENCHMARKS.md); BENCH_ARGS='--passages 100000 --reuse'"
	@echo "make loadtest  gunicorn + locust on 127.0.0.1 (LOADTEST.md); LOADTEST_ARGS='--users 4,8 --run-time 60'"
	@echo "make screenshots   refresh README's screenshots from the browser tests"

$(STAMP): pyproject.toml
	@py="$(call find_python)"; \
	if [ -z "$$py" ]; then echo "Python 3.12 or newer is needed (Django 6). Install it, e.g. 'pyenv install 3.12', and run make again." >&2; exit 1; fi; \
	echo "Using $$py ($$($$py --version))"; \
	[ -x $(PY) ] || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	@touch $(DEV_STAMP)

setup: $(STAMP)
	$(PY) manage.py migrate --no-input

run: setup
	$(PY) manage.py import_statements fixtures/seeds
	$(PY) manage.py collectstatic --no-input --verbosity 0
	@echo ""
	@echo "The archive is at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "To create an editor account, run in another terminal:  make editor"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

import: setup
	@if [ -z "$(FILES)" ]; then echo "usage: make import FILES='folder or files or \"glob/*.txt\"'" >&2; exit 2; fi
	$(PY) manage.py import_statements $(FILES)

editor: setup
	$(PY) manage.py create_editor

# Browser tests drive Debian's Chromium (no browser download). Installing it needs root and apt;
# where that is impossible the browser tests skip themselves and say why in the summary.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium for the browser tests (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "WARNING: no chromium and no root to install it: browser tests will be skipped" >&2; fi; }

test: $(DEV_STAMP) browser
	$(PY) -m pytest

# README's pictures: the browser tests save every page kind at both widths into screenshots/
# (git-ignored); this copies the ones README.md shows into docs/screenshots/.
README_SHOTS := home-desktop search-desktop permalink-desktop document-desktop speaker-desktop \
	search-phone permalink-phone admin-passage-desktop
screenshots: $(DEV_STAMP) browser
	$(PY) -m pytest tests/browser
	@mkdir -p docs/screenshots
	@for shot in $(README_SHOTS); do cp screenshots/$$shot.png docs/screenshots/; done
	@cat screenshots/axe-summary.txt

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# The scale benchmark of BENCHMARKS.md, with its peers (the bench extra). Pass options in BENCH_ARGS.
BENCH_ARGS ?= --reuse --json var/bench/figures.json
bench: $(DEV_STAMP)
	$(PY) manage.py bench_search $(BENCH_ARGS)

# The load test of LOADTEST.md: gunicorn with production settings on 127.0.0.1, driven by locust.
.PHONY: loadtest
LOADTEST_ARGS ?=
loadtest: $(DEV_STAMP)
	$(PY) manage.py load_test $(LOADTEST_ARGS)
