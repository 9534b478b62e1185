# cvapp: `make run` serves the production build on http://localhost:3000, `make test` checks
# everything. Both start from nothing: they create .venv, install the pinned requirements and
# bun (from the npm registry) into .cache/, and keep every cache inside the project.

SHELL := /bin/bash
.DEFAULT_GOAL := run

PORT ?= 3000
PYTEST_ARGS ?=
# pytest-xdist processes: the browser tests keep one busy, the others run the rest meanwhile
# (tests/conftest.py schedules them).
TEST_WORKERS ?= 2
PYTHON ?= python3
BUN_VERSION := 1.4.5
AXE_VERSION := 4.14.1

VENV := .venv
PY := $(VENV)/bin/python
CACHE := $(CURDIR)/.cache
BUN_DIR := $(CACHE)/tools/bun
BUN := $(BUN_DIR)/node_modules/.bin/bun
# axe-core, the accessibility rules tests/e2e/test_accessibility.py runs in Chromium.
AXE := $(CACHE)/tools/axe/node_modules/axe-core/axe.min.js
CHROMIUM := /usr/bin/chromium
# Checks deploy/'s Prometheus alert rules (tests/ops/test_deploy_files.py).
PROMTOOL := /usr/bin/promtool
# Where every server process writes its Prometheus series (/metrics adds them up).
METRICS_DIR := $(CURDIR)/data/metrics

# Reflex and its JS toolchain: our bun, no telemetry or version probes, caches under .cache/.
export REFLEX_BUN_PATH := $(BUN)
export REFLEX_TELEMETRY_ENABLED := 0
export REFLEX_CHECK_LATEST_VERSION := 0
export REFLEX_DIR := $(CACHE)/reflex
export BUN_INSTALL_CACHE_DIR := $(CACHE)/bun/install
export BUN_RUNTIME_TRANSPILER_CACHE_PATH := $(CACHE)/bun/transpiler
export npm_config_cache := $(CACHE)/npm
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# The registry npm is configured with (also skips Reflex's registry speed probe).
ifndef NPM_CONFIG_REGISTRY
NPM_CONFIG_REGISTRY := $(shell npm config get registry 2>/dev/null)
endif
export NPM_CONFIG_REGISTRY

.PHONY: run test migrate seed worker scheduler backup restore lint clean venv deps deps-dev bun chromium promtool pdf-libs

## Set-up -------------------------------------------------------------------------------------

$(PY):
	$(PYTHON) -m venv $(VENV)

# The stamps make a second run skip pip when the requirement files have not changed.
$(VENV)/.requirements.stamp: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.requirements-dev.stamp: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@ $(VENV)/.requirements.stamp

$(BUN):
	npm install --no-save --no-fund --no-audit --prefix $(BUN_DIR) bun@$(BUN_VERSION)

$(AXE):
	npm install --no-save --no-fund --no-audit --prefix $(CACHE)/tools/axe axe-core@$(AXE_VERSION)

$(CHROMIUM):
	@if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
	set -x; $$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium

# WeasyPrint's system libraries (as in the Dockerfile), installed when missing. Pango is
# required. HarfBuzz's subset library makes writing a PDF about four times faster than
# fontTools' subsetting (bench/pdf.py); without it (no apt, no sudo) the app still runs.
# Debian's Noto fonts print names and text in every script (CJK, Arabic, Hebrew, Devanagari,
# emoji…): without them such text comes out as empty boxes, so they are required too.
PDF_LIBS := libpango-1.0-0:libpango-1.0.so.0 libpangoft2-1.0-0:libpangoft2-1.0.so.0
PDF_LIBS_OPTIONAL := libharfbuzz-subset0:libharfbuzz-subset.so.0
PDF_FONTS := fonts-noto-core:Noto_Sans_Devanagari fonts-noto-cjk:Noto_Sans_CJK_JP \
	fonts-noto-color-emoji:Noto_Color_Emoji
# Optional too: tesseract reads scanned CVs (an upload with no text layer) instead of refusing.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-eng
pdf-libs:
	@missing=; optional=; \
	for pair in $(PDF_LIBS); do \
		/sbin/ldconfig -p | grep -q "$${pair#*:} " || missing="$$missing $${pair%%:*}"; done; \
	for pair in $(PDF_FONTS); do family="$${pair#*:}"; \
		fc-list : family 2>/dev/null | grep -q "$${family//_/ }" || missing="$$missing $${pair%%:*}"; done; \
	for pair in $(PDF_LIBS_OPTIONAL); do \
		/sbin/ldconfig -p | grep -q "$${pair#*:} " || optional="$$optional $${pair%%:*}"; done; \
	command -v tesseract >/dev/null || optional="$$optional $(OCR_PACKAGES)"; \
	if [ -z "$$missing$$optional" ]; then exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
	install() { $$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends "$$@"; }; \
	if [ -n "$$missing" ]; then set -x; install $$missing $$optional; \
	elif ! (set -x; install $$optional); then \
		echo "warning: could not install$$optional: PDFs will be slower, scanned CVs unread"; fi

$(PROMTOOL):
	@if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
	set -x; $$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends prometheus

venv: $(PY)
deps: $(VENV)/.requirements.stamp
deps-dev: $(VENV)/.requirements-dev.stamp
bun: $(BUN)
chromium: $(CHROMIUM)
promtool: $(PROMTOOL)

## Targets ------------------------------------------------------------------------------------

# Production build, one port: static frontend, websocket /_event and /api/v1 all on $(PORT).
# Ctrl-C stops the server and its workers (they share the terminal's process group).
run: deps bun pdf-libs
	$(PY) -m cvapp.cli migrate
	$(PY) -m cvapp.cli seed-demo
	rm -rf $(METRICS_DIR) && mkdir -p $(METRICS_DIR)
	CVAPP_PUBLIC_URL="$${CVAPP_PUBLIC_URL:-http://localhost:$(PORT)}" \
	PROMETHEUS_MULTIPROC_DIR=$(METRICS_DIR) \
	exec $(VENV)/bin/reflex run --env prod --single-port \
		--frontend-port $(PORT) --backend-port $(PORT)

test: deps-dev bun chromium promtool pdf-libs $(AXE)
	$(VENV)/bin/ruff check cvapp tests
	$(VENV)/bin/ruff format --check cvapp tests
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

migrate: deps
	$(PY) -m cvapp.cli migrate

seed: deps
	$(PY) -m cvapp.cli seed-demo

# Backups: database (pg_dump custom format or SQLite online backup) + stored files, in a
# timestamped folder under $(BACKUP_DIR). Restore replaces the database's tables and files.
BACKUP_DIR ?= backups
backup: deps
	$(PY) -m cvapp.cli backup --dir $(BACKUP_DIR)

restore: deps
	@if [ -z "$(BACKUP)" ]; then echo "usage: make restore BACKUP=backups/cvapp-<stamp>"; exit 2; fi
	$(PY) -m cvapp.cli restore $(BACKUP)

# Benchmarks (bench/*.py): each prints a markdown table; all of them go to bench/RESULTS.md
# with the machine description. Needs PostgreSQL on 127.0.0.1:5432 and Redis on :6379 (db 9);
# wrk and nginx come from Debian (installed here when missing). BENCH_ARGS="--only scale".
BENCH_ARGS ?=
bench-tools:
	@if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then \
		if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
		set -x; $$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq wrk nginx; fi

bench: deps-dev bun chromium bench-tools
	$(PY) bench/run_all.py $(BENCH_ARGS)

# A production job worker; it needs the Redis broker shared with the app processes.
worker: deps
	@if [ "$${CVAPP_BROKER:-memory}" != redis ]; then \
		echo "make worker needs CVAPP_BROKER=redis and CVAPP_REDIS_URL (the app must use them too)"; \
		exit 2; fi
	exec $(VENV)/bin/dramatiq cvapp.worker $(WORKER_ARGS)

# The production scheduler: one process queueing the periodic jobs (purge of deleted accounts,
# retention) for the workers; the embedded default runs it inside the app instead.
scheduler: deps
	@if [ "$${CVAPP_BROKER:-memory}" != redis ]; then \
		echo "make scheduler needs CVAPP_BROKER=redis and CVAPP_REDIS_URL (the workers must use them too)"; \
		exit 2; fi
	exec $(PY) -m cvapp.worker.scheduler

lint: deps-dev
	$(VENV)/bin/ruff check cvapp tests
	$(VENV)/bin/ruff format --check cvapp tests
	# All of cvapp/; the UI's Reflex-only codes are turned off in pyproject.toml ([tool.mypy]).
	$(VENV)/bin/mypy cvapp

# Removes what the targets build; keeps data/ (your local database and files).
clean:
	rm -rf $(VENV) .cache .web .states test-artifacts .pytest_cache .ruff_cache .mypy_cache
	find cvapp tests alembic -name __pycache__ -type d -prune -exec rm -rf {} +
