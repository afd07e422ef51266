# Every target installs what it needs first, so `make serve` and `make test` work on a fresh clone.
# PYTHON must be 3.12 or newer (pyodide-lock needs it); .python-version selects 3.13 where pyenv is used.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The site configuration: mkdocs.yml (the default site) or a clinic's own file, such as clinic.yml.
CONFIG ?= mkdocs.yml
# Pure-Python wheels that let pytest run inside Pyodide (see tests/pyodide/).
PYODIDE_WHEELS := .cache/pyodide-wheels

.PHONY: setup system-deps serve build preview test test-fast lint bench audit lock clean distclean

setup: $(VENV)/.installed node_modules/.installed $(PYODIDE_WHEELS)/.installed system-deps

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.12 or install one.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Pin the Python packages again after a range in pyproject.toml changed: a fresh virtualenv resolves
# the ranges, and its exact versions become constraints.txt.
lock:
	rm -rf .cache/lock-venv
	$(PYTHON) -m venv .cache/lock-venv
	.cache/lock-venv/bin/python -m pip install --quiet --upgrade pip
	.cache/lock-venv/bin/python -m pip install --quiet -e '.[test]'
	{ sed -n '1,3p' constraints.txt; .cache/lock-venv/bin/python -m pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf .cache/lock-venv

node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund  # puppeteer-core drives Debian's Firefox; it never fetches one
	touch $@

$(PYODIDE_WHEELS)/.installed: tests/pyodide/requirements.txt $(VENV)/.installed
	rm -rf $(PYODIDE_WHEELS)
	$(BIN)/python -m pip download --quiet --no-deps --only-binary=:all: --platform any \
		--python-version 3.14 --implementation py -r tests/pyodide/requirements.txt -d $(PYODIDE_WHEELS)
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser), and
# Debian's nginx with its brotli_static module, which serves the built site with the shipped
# configuration and its precompressed copies in the end-to-end tests and the Lighthouse audit.
# Firefox ESR and WebKitGTK (WebKitWebDriver, with the MiniBrowser it drives, on an Xvfb display)
# for the tests and the benchmark that run in every engine (tests/browser/test_engines.py).
BROTLI_STATIC := /usr/lib/nginx/modules/ngx_http_brotli_static_module.so
SYSTEM_PACKAGES := chromium nginx-light libnginx-mod-http-brotli-static firefox-esr webkit2gtk-driver xvfb
system-deps:
	@{ command -v chromium && command -v nginx && test -f $(BROTLI_STATIC) && command -v firefox-esr \
		&& command -v WebKitWebDriver && command -v Xvfb; } >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
		else echo "Run 'sudo apt-get install $(SYSTEM_PACKAGES)' (the browser tests need /usr/bin/chromium, nginx and its brotli_static module, Firefox ESR, WebKitWebDriver and Xvfb)"; exit 1; fi; }

serve: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs serve --strict --config-file $(CONFIG) --dev-addr $(HOST):$(PORT)

build: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs build --strict --config-file $(CONFIG)

# The built site as a host serves it (with the security headers of site/_headers), on 127.0.0.1.
preview: build
	$(BIN)/python -m sitekit serve site --port $(PORT)

# Python style, layout and correctness (ruff check and ruff format, settings in pyproject.toml), types of the engine, the bank and
# the problem reporter (mypy), and the JavaScript (ESLint, eslint.config.mjs).
lint: $(VENV)/.installed node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	npm run --silent lint:js

# Two processes (pytest-xdist): the browser tests in one, the others beside them (tests/conftest.py).
test: setup lint
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

# Everything except the browser tests and Pyodide under Node: a quick loop while editing.
test-fast: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest -m "not browser and not pyodide" $(PYTEST_ARGS)

# Performance figures (not a test): builds the site, drives Chromium, writes benchmarks/results/latest.*
bench: $(VENV)/.installed node_modules/.installed system-deps
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# Lighthouse (not a test) on three pages served through the kit's nginx configuration, on a simulated
# phone: prints the four category scores and writes benchmarks/results/lighthouse/.
audit: $(VENV)/.installed node_modules/.installed system-deps
	$(BIN)/python -m benchmarks.lighthouse $(AUDIT_ARGS)

# Leaves the installed tools (.venv, node_modules) in place; distclean removes them too.
clean:
	rm -rf site .cache .pytest_cache .ruff_cache .mypy_cache

distclean: clean
	rm -rf $(VENV) node_modules
