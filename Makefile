# The two commands in the README: `make site` and `make test`. `make quick` is the check to run while working
# (ruff, then every test that needs neither the browser nor minutes); `make bench` prints build speed, memory, output
# size, page weight and Lighthouse's scores.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# Separate stamps: `make site` installs only what builds the site (requirements.lock); the test targets add
# requirements-test.lock on top. Either can come first.
SITE_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
JS := tests/js
BENCH_JS := bench/lighthouse

.PHONY: site test quick bench bytecode node bench-node clean

# The oldest Python every locked package installs on (pymdown-extensions 13 needs 3.11.5; Debian 12 has 3.11.2).
# tests/test_requirements.py keeps it equal to the highest Requires-Python in the locks.
MIN_PYTHON := 3.11.5
NEEDS_PYTHON = 'import sys; v = tuple(map(int, "$(MIN_PYTHON)".split("."))); sys.exit(sys.version_info[:3] < v)'
# An install that fails takes its half-made .venv with it, so the next `make` starts afresh (also with another
# PYTHON=…) instead of reusing it; so does a .venv made by a Python that is too old.
$(SITE_STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Fejl: $(PYTHON) findes ikke. Installer Python $(MIN_PYTHON) eller nyere, eller skriv stien til den: make site PYTHON=/sti/til/python3" >&2; exit 2; }
	@$(PYTHON) -c $(NEEDS_PYTHON) || { \
		echo "Fejl: netvaerk kræver Python $(MIN_PYTHON) eller nyere, men $(PYTHON) er $$($(PYTHON) -c 'import platform; print(platform.python_version())')." >&2; \
		echo "Installer en nyere Python (fx med uv: uv python install 3.12), og skriv stien til den: make site PYTHON=/sti/til/python3.12" >&2; \
		exit 2; }
	@if [ -d $(VENV) ] && ! $(BIN)/python -c $(NEEDS_PYTHON) 2>/dev/null; then echo "rm -rf $(VENV)  # lavet af en for gammel Python"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.lock || { rm -rf $(VENV); echo "Fejl: installationen mislykkedes; $(VENV) er slettet igen. Ret fejlen ovenfor, og kør make igen." >&2; exit 1; }
	$(PIP) --no-deps --no-build-isolation -e . || { rm -rf $(VENV); echo "Fejl: installationen mislykkedes; $(VENV) er slettet igen." >&2; exit 1; }
	@$(MAKE) --no-print-directory bytecode
	@touch $@

$(TEST_STAMP): $(SITE_STAMP) requirements-test.lock
	$(PIP) -r requirements-test.lock
	@touch $@

site: $(SITE_STAMP) bytecode
	$(BIN)/netvaerk build

test: $(TEST_STAMP) node
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

quick: $(TEST_STAMP) node
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 2 -m "not browser and not slow"

# The npm packages only the tests use (ical.js, axe-core), from tests/js/package-lock.json. Without npm the
# tests that need them are skipped (outside CI; .ci/run installs them).
node:
	@if command -v npm >/dev/null 2>&1 && { [ ! -f $(JS)/node_modules/.package-lock.json ] || [ $(JS)/package-lock.json -nt $(JS)/node_modules/.package-lock.json ]; }; then \
		cd $(JS) && npm ci --no-audit --no-fund --loglevel=error; \
	fi

# Lighthouse 12 for `make bench` (bench/lighthouse/package-lock.json), run with Debian's chromium: Puppeteer's own
# browser is not downloaded. Without npm, bench prints its other figures and says why Lighthouse did not run.
bench-node:
	@if command -v npm >/dev/null 2>&1 && { [ ! -f $(BENCH_JS)/node_modules/.package-lock.json ] || [ $(BENCH_JS)/package-lock.json -nt $(BENCH_JS)/node_modules/.package-lock.json ]; }; then \
		cd $(BENCH_JS) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error; \
	fi

# `make bench GRUPPER=1000` times 1,000 synthetic groups (about 15 minutes on 2 cores). The test lock too:
# bench/phone.py finds each page's largest-contentful-paint element with Playwright.
GRUPPER ?= 50
bench: $(TEST_STAMP) bytecode bench-node
	$(BIN)/python bench/bench.py --grupper $(GRUPPER)

# An editable install leaves netvaerk's own modules uncompiled, and where PYTHONDONTWRITEBYTECODE is set
# (as on CI machines) Python compiles them again on every run: about 30 ms of each build. pip compiles
# every other package when it installs it; this does the same for ours (only what changed is redone).
bytecode:
	@$(BIN)/python -m compileall -q generator

# Everything make and netvaerk build made: the sites, their sources and the installed .venv (never groups/ or private/).
clean:
	rm -rf site site_src $(VENV)
