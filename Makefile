# The two commands of the README: `make run` and `make test`.
# Both bootstrap .venv from requirements.lock (pinned) on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv schema bench clean sysdeps

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

venv: $(STAMP)

# Debian packages the tests and the service need (PostgreSQL for the API tests).
sysdeps:
	@bash scripts/sysdeps.sh

run: $(STAMP)
	mkdir -p data
	$(PY) -m uvicorn api.app:app --host $(HOST) --port $(PORT)

test: $(STAMP) sysdeps
	$(PY) -m pytest -q

schema: $(STAMP)
	$(PY) -m extractor schema --write

bench: $(STAMP)
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) .pytest_cache
