# audiogen: `make audio` builds output/ from articles/; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: audio test lint bench clean

# What building audio needs: the package and its runtime dependencies.
# pip's own lines say what it fetches: the first run takes a minute or two and is never silent.
$(STAMP): pyproject.toml
	@echo "Setting up $(VENV): audiogen and what it needs to build audio (first run only)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar on -e .
	touch $(STAMP)

# What the tests and benchmarks need on top: test tools, the recognizer of `audiogen verify`, and
# Piper (an extra for users; the tests exercise it).
$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,verify,piper]'
	touch $(TEST_STAMP)

audio: $(STAMP)
	$(BIN)/audiogen build articles/ -o output/

# The browser test drives the system's Chromium; nothing downloads a browser of its own.
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation

test: $(TEST_STAMP) $(CHROMIUM)
	$(BIN)/ruff check audiogen tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check audiogen tests bench
	$(BIN)/ruff format --check audiogen tests bench
	$(BIN)/mypy

bench: $(TEST_STAMP)
	$(BIN)/python bench/synth.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
