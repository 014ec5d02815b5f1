# The two commands the README promises on a fresh machine (Python 3.11):
#   make demo   create the venv, install, ingest the bundled demo corpus, print what was found
#   make test   create the venv, install, run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/dyad demo

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

# Rewrites docs/screenshots/*.png from the browser tests (a plain `make test` writes them to a temp dir).
screenshots: $(STAMP)
	DYAD_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/web/test_pages_browser.py

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) dyad.db* dyad-demo.db*
