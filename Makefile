# The two commands: `make run` serves the site with a demo program, `make test` runs every check.
# Test tiers: `make test-fast` (under 2 minutes), `make test` (everything), `make check-all`
# (everything, more generated requests, and again at awkward moments of the clock).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The PostgreSQL the second test run uses; the local server by default. When none answers
# there, scripts/with_postgres.py starts a throwaway one for the run (not under CI=true).
PG_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
# Extra pytest options: PYTEST_ARGS="-n 2 --dist loadfile" runs on two pytest-xdist workers.
# One process is the default: on the shared 2-core machine two workers were slower in every
# tier measured (fast 81 s against 52 s, sweep 209 s against 129 s).
PYTEST_ARGS ?=
PYTEST := $(BIN)/pytest -q $(PYTEST_ARGS)
# What each database's run in `make test` covers (pytest -m). Every test runs in `make test`
# at least once: the fast tier on both databases; the browser tests and the authorization
# matrix on SQLite; the other sweeps (hostile input, schemathesis, the month of reminders)
# on PostgreSQL, where NUL bytes and strict types bite. So the two runs side by side take
# about as long as each other. The browser tests and the matrix on PostgreSQL, and the other
# sweeps on SQLite, moved to `make check-all`, which runs every test on both databases.
SQLITE_TESTS ?= not sweep or matrix
POSTGRES_TESTS ?= not browser and not matrix
# `make check-all` runs the suite again with the clock at each of these moments (UTC):
# just after midnight on New Year's Day (New York is still in the old year), late on
# 28 February (Berlin is already in March), the night Europe springs forward, and the
# hour New York falls back.
AWKWARD_MOMENTS ?= 2027-01-01T00:05:00Z 2027-02-28T23:30:00Z 2027-03-28T00:30:00Z 2027-11-07T06:30:00Z

.PHONY: run test test-fast lint typecheck pytest-sqlite pytest-postgres pytest-awkward-clock \
	check-all bench bench-smoke wrk bench-matching bench-insights bench-messages clean

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

# Everything but the browser, the long sweep-style suites, the few slow tests and PostgreSQL:
# while working. On two pytest-xdist workers: 2,000 tests in under 2 minutes on a quiet
# 2-core machine (TEST_FAST_ARGS= for one process).
TEST_FAST_ARGS ?= -n 2
test-fast: $(VENV)/.dev-installed
	@echo "== pytest on SQLite, without the browser, sweep and slow tests"
	DATABASE_URL= $(PYTEST) $(TEST_FAST_ARGS) -m "not browser and not sweep and not slow"

pytest-sqlite: $(VENV)/.dev-installed
	@sh scripts/ensure-chromium
	@echo "== pytest on SQLite: $(or $(SQLITE_TESTS),every test)"
	DATABASE_URL= $(PYTEST) -m "$(SQLITE_TESTS)" --durations=15

pytest-postgres: $(VENV)/.dev-installed
	@sh scripts/ensure-chromium
	@echo "== pytest on PostgreSQL: $(or $(POSTGRES_TESTS),every test)"
	$(BIN)/python scripts/with_postgres.py "$(PG_DATABASE_URL)" -- \
		$(PYTEST) -m "$(POSTGRES_TESTS)" --durations=15

# The two databases' runs go side by side, one per core, each into its own log, printed
# whole when both are done (a clean clone on the quiet 2-core machine, 2026-12-06: 13 minutes
# with lint and types, against 22-26 before the matrix shared its worlds and the tiers split).
# TEST_SIDE_BY_SIDE=0 runs them one after the other, printing as they go.
TEST_SIDE_BY_SIDE ?= 1
test: lint typecheck
ifeq ($(TEST_SIDE_BY_SIDE),1)
	@sh scripts/ensure-chromium
	@mkdir -p var/test-logs
	@echo "== pytest on SQLite and on PostgreSQL side by side (var/test-logs/*.log)"
	@$(MAKE) --no-print-directory pytest-sqlite > var/test-logs/sqlite.log 2>&1 & lite=$$!; \
		$(MAKE) --no-print-directory pytest-postgres > var/test-logs/postgres.log 2>&1 & pg=$$!; \
		wait $$lite; lite_rc=$$?; wait $$pg; pg_rc=$$?; \
		cat var/test-logs/sqlite.log var/test-logs/postgres.log; \
		echo "== SQLite: exit $$lite_rc; PostgreSQL: exit $$pg_rc"; \
		[ $$lite_rc = 0 ] && [ $$pg_rc = 0 ]
else
	@$(MAKE) --no-print-directory pytest-sqlite pytest-postgres
endif

# The whole suite on SQLite once per awkward moment (ALONGSIDE_TEST_CLOCK, see conftest.py).
pytest-awkward-clock: $(VENV)/.dev-installed
	@sh scripts/ensure-chromium
	@for moment in $(AWKWARD_MOMENTS); do \
		echo "== pytest on SQLite with the clock at $$moment"; \
		SCHEMATHESIS_EXAMPLES= ALONGSIDE_TEST_CLOCK=$$moment DATABASE_URL= $(PYTEST) || exit 1; \
	done

# Seeds SQLite and PostgreSQL at full size, serves each with gunicorn and measures the
# busiest pages (many minutes). BENCH_ARGS="--scale 0.01" for a smoke run. Writes
# bench/results.md. Load comes from Debian's wrk, installed here when we may.
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/alongside_bench
BENCH_ARGS ?=
bench: $(VENV)/.run-installed wrk
	$(BIN)/python bench/run.py --database sqlite --database "$(BENCH_PG_URL)" $(BENCH_ARGS)

# The same harness at 1% of the data, two runs of a second per endpoint: that it works,
# not how fast. The seeded databases are kept (BENCH_SEED_CACHE, default var/bench/seed-cache/,
# and a template database beside BENCH_PG_URL's) and reused, migrated forward, until one of
# their migrations or the seed changes (bench/seed_cache.py): 75 s
# then, 109 s the first time (load average 6-7). Writes var/bench/smoke-results.md.
bench-smoke: $(VENV)/.run-installed wrk
	$(BIN)/python bench/run.py --database sqlite --database "$(BENCH_PG_URL)" --cache-seed \
		--scale 0.01 --runs 2 --duration 1 --warmup 0 --out var/bench/smoke-results.md

wrk:
	@[ -x /usr/bin/wrk ] || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null || \
		(apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null) || \
		echo "wrk is not installed; the Python load client is used instead."

# The matching engine against greedy and stable matching on generated programs, from
# 1,000 x 300 to 50,000 x 15,000 (several minutes). Writes bench/matching-results.md.
# BENCH_MATCHING_ARGS="--sizes 1000x300" for a run of about a minute. Then the same end to
# end from participant rows in SQLite and PostgreSQL to the saved run (bench/matching_db.py,
# its own section of the same file); BENCH_MATCHING_DB_ARGS="--sizes 10000x3000" for one size.
BENCH_MATCHING_ARGS ?=
BENCH_MATCHING_DB_ARGS ?=
bench-matching: $(VENV)/.dev-installed
	$(BIN)/python bench/matching.py $(BENCH_MATCHING_ARGS)
	$(BIN)/python bench/matching_db.py --database sqlite --database "$(BENCH_PG_URL)" \
		$(BENCH_MATCHING_DB_ARGS)

# The program dashboard of 10,000 pairs and 500,000 meetings on SQLite and PostgreSQL
# (seeding takes minutes). Writes bench/insights-results.md.
# BENCH_INSIGHTS_ARGS="--pairs 500 --meetings 25000" for a short run.
BENCH_INSIGHTS_PG_URL ?= postgres://postgres@127.0.0.1:5432/insights_bench
BENCH_INSIGHTS_ARGS ?=
bench-insights: $(VENV)/.run-installed
	$(BIN)/python bench/insights.py --database sqlite --database "$(BENCH_INSIGHTS_PG_URL)" $(BENCH_INSIGHTS_ARGS)

# Paging and searching one pair's thread of 100,000 messages, on SQLite and on PostgreSQL
# (a few minutes). Appends to bench/messages-results.md; fails if a read's p95 is 100 ms
# or more. BENCH_MESSAGES_ARGS="--messages 10000" for a quick run.
BENCH_MESSAGES_ARGS ?=
bench-messages: $(VENV)/.run-installed
	$(BIN)/python bench/messages.py --write bench/messages-results.md $(BENCH_MESSAGES_ARGS)
	$(BIN)/python bench/messages.py --database-url "$(BENCH_PG_URL)" \
		--write bench/messages-results.md $(BENCH_MESSAGES_ARGS)

# The long suites: every test on both databases with many more generated API requests,
# then the whole suite again at each awkward moment of the clock.
check-all: export SCHEMATHESIS_EXAMPLES ?= 100
check-all: export SQLITE_TESTS =
check-all: export POSTGRES_TESTS =
check-all: test
	$(MAKE) pytest-awkward-clock

clean:
	rm -rf $(VENV) var
