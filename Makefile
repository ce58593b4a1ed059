# Two commands do everything on a fresh machine:
#   make demo   install into .venv, ingest the bundled sample reviews, print the film report
#   make test   install into .venv and run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/marquee add examples/ballerina
	$(BIN)/marquee films
	$(BIN)/marquee report ballerina

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/ingest_speed.py

clean:
	rm -rf $(VENV) build src/*.egg-info
