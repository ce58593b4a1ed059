# Two commands do everything on a fresh machine:
#   make demo   install into .venv, ingest the bundled sample reviews, print the film report
#   make test   install into .venv and run the test suite
# Both install every extra (web, postgres, dask, eval): the tests cover them all, and the
# demo ends by pointing at the web page.
#   make serve  the web page and JSON API over the same store, on http://127.0.0.1:8150/
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo serve test lint bench bench-scale bench-abuse clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev,web,postgres,dask,eval]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/marquee add examples/ballerina
	$(BIN)/marquee films
	$(BIN)/marquee report ballerina
	@echo
	@echo "The film page: run 'make serve', then open http://127.0.0.1:8150/films/ballerina-2025"

serve: $(STAMP)
	$(BIN)/marquee serve

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/ingest_speed.py

# marquee batch on 1k/10k/100k resampled real reviews, single process vs Dask (about an
# hour on two cores: run it alone), then 12,000 fuzzed documents through every parser
bench-scale: $(STAMP)
	$(BIN)/python bench/batch_scale.py
	$(BIN)/python bench/fuzz.py --runs 12000

# every hostile case of issue 17 through the real command, under a time and memory cap
bench-abuse: $(STAMP)
	$(BIN)/python bench/abuse.py

clean:
	rm -rf $(VENV) build src/*.egg-info
