# eventledger — the two commands of the README, and a few more for development.
#   make demo   set everything up, run the main job on examples/, print a summary (leaves eventledger.db)
#   make test   set everything up, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= eventledger.db
PYTEST_ARGS ?=

.PHONY: setup demo test lint bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: setup
	$(BIN)/eventledger ingest examples/ --db $(DB)
	$(BIN)/eventledger tally --by month --kind attack --db $(DB)

# pytest exits 5 when it collected no test: that is a broken suite, said plainly, not a pass
test: setup
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; exit $$status

# the checks CI runs before the tests: ruff, mypy (strict, settings in pyproject.toml), the import
# layers (import-linter), and floors in eval-floors.json never lower than in the previous commit
lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python scripts/check_floors.py

bench: setup
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache test-artifacts
