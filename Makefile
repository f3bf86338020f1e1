# The two commands: `make run` serves the site with a demo program, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The PostgreSQL the second test run uses; the local server by default.
PG_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test lint typecheck pytest-sqlite pytest-postgres check-all bench bench-matching clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/alongside manage migrate --noinput
	$(BIN)/alongside demo
	@# The worker (emails, reminders) runs beside the web server and stops with it.
	@trap 'kill 0' INT TERM EXIT; \
		PORT=$(PORT) $(BIN)/alongside worker & \
		PORT=$(PORT) $(BIN)/alongside serve

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy alongside

pytest-sqlite: $(VENV)/.dev-installed
	@sh scripts/ensure-chromium
	@echo "== pytest on SQLite"
	DATABASE_URL= $(BIN)/pytest -q

pytest-postgres: $(VENV)/.dev-installed
	@if $(BIN)/python scripts/db_answers.py "$(PG_DATABASE_URL)"; then \
		echo "== pytest on PostgreSQL"; \
		DATABASE_URL="$(PG_DATABASE_URL)" $(BIN)/pytest -q; \
	else \
		echo "PostgreSQL does not answer at PG_DATABASE_URL; start it or set PG_DATABASE_URL." >&2; \
		exit 1; \
	fi

test: lint typecheck pytest-sqlite pytest-postgres

# Seeds SQLite and PostgreSQL at full size, serves each with gunicorn and measures the
# busiest pages (many minutes). BENCH_ARGS="--scale 0.01" for a smoke run. Writes
# bench/results.md. Load comes from Debian's wrk, installed here when we may.
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/alongside_bench
BENCH_ARGS ?=
bench: $(VENV)/.run-installed
	@[ -x /usr/bin/wrk ] || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null || \
		(apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null) || \
		echo "wrk is not installed; the Python load client is used instead."
	$(BIN)/python bench/run.py --database sqlite --database "$(BENCH_PG_URL)" $(BENCH_ARGS)

# The matching engine against greedy and stable matching on generated programs, from
# 1,000 x 300 to 50,000 x 15,000 (several minutes). Writes bench/matching-results.md.
# BENCH_MATCHING_ARGS="--sizes 1000x300" for a run of about a minute.
BENCH_MATCHING_ARGS ?=
bench-matching: $(VENV)/.dev-installed
	$(BIN)/python bench/matching.py $(BENCH_MATCHING_ARGS)

# The long suites: the same tests with many more generated API requests.
check-all: export SCHEMATHESIS_EXAMPLES ?= 100
check-all: test

clean:
	rm -rf $(VENV) var
