# audiogen: `make audio` builds output/ from articles/; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: audio test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,verify]'
	touch $(STAMP)

audio: $(STAMP)
	$(BIN)/audiogen build articles/ -o output/

# The browser test drives the system's Chromium; nothing downloads a browser of its own.
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation

test: $(STAMP) $(CHROMIUM)
	$(BIN)/ruff check audiogen tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check audiogen tests bench
	$(BIN)/ruff format --check audiogen tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/synth.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
