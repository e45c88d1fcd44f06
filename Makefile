# Two commands: `make run` (the web app on http://127.0.0.1:8000 with an embedded SQLite store) and `make test`
# work on a fresh clone: they create .venv and install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint eval bench clean install

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/empathic serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

eval: $(STAMP)
	$(BIN)/empathic eval cs ../shared/data/cs/cs-dev.jsonl --markdown
	$(BIN)/empathic eval esconv ../shared/data/esconv/dev.jsonl --markdown
	$(BIN)/empathic eval epitome ../shared/data/epitome --markdown
	$(BIN)/empathic eval goemotions ../shared/data/goemotions/dev.tsv --markdown

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
