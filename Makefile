# The two commands in the README: `make site` and `make test`. `make bench` prints build speed and page weight.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test bench bytecode clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 eller nyere kræves")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@$(MAKE) --no-print-directory bytecode
	@touch $(STAMP)

site: $(STAMP) bytecode
	$(BIN)/netvaerk build

test: $(STAMP)
	@if command -v npm >/dev/null 2>&1 && [ ! -d node_modules ]; then npm ci --no-audit --no-fund --loglevel=error; fi
	$(BIN)/python -m pytest -q

bench: $(STAMP) bytecode
	$(BIN)/python bench/bench.py

# An editable install leaves netvaerk's own modules uncompiled, and where PYTHONDONTWRITEBYTECODE is set
# (as on CI machines) Python compiles them again on every run: about 30 ms of each build. pip compiles
# every other package when it installs it; this does the same for ours (only what changed is redone).
bytecode:
	@$(BIN)/python -m compileall -q generator

clean:
	rm -rf site site_src
