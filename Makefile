# Frontdesk: `make run` serves the demo hotel, `make test` runs the whole suite.
# Both set everything up on a fresh machine (virtualenv, dependencies, tools).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
DEMO_DB ?= ./frontdesk-demo.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-quick test-plain-execution venv tools lint format schema bench bench-smoke soak clean graphiql-assets

# Two stamps: `make run` needs the runtime dependencies only; the test extras (pytest,
# schemathesis, playwright, ...) are installed for `make test` and the developer targets.
$(VENV)/.installed-runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-runtime
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed-test

# From Debian: hledger (the accounting export tests feed their files to it), chromium (the
# browser tests drive it through Playwright; Playwright's own browser download is not used)
# poppler-utils (pdftotext/pdftoppm: the document tests read the PDFs back) and
# fonts-dejavu-core (the PDFs' Unicode font).
tools:
	@missing=""; \
	command -v hledger >/dev/null 2>&1 || missing="$$missing hledger"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing (Debian packages)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

run: $(VENV)/.installed-runtime
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	FRONTDESK_DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/frontdesk migrate
	FRONTDESK_DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/frontdesk demo
	FRONTDESK_DEV=1 FRONTDESK_DATABASE_URL=sqlite:///$(DEMO_DB) \
	  $(BIN)/frontdesk serve --host $(HOST) --port $(PORT)

# Whole files per worker, in the order tests/conftest.py gives them (longest first): xdist's
# own order (most tests first) put the one-test schemathesis files last, on one worker.
# Three workers on two cores: each spends much of its time waiting for PostgreSQL (19 min
# with two workers, 16.5 with three, on a 2-vCPU machine).
test: venv tools
	$(PY) -m pytest -n 3 --dist loadfile --no-loadscope-reorder -q --durations=15 $(PYTEST_ARGS)
	$(MAKE) test-plain-execution

# The GraphQL tests once more with the execution shortcuts off (graphql/execution/switch.py):
# plain strawberry execution must answer the same. SQLite, without the slow tests.
test-plain-execution: venv
	FRONTDESK_EXECUTION_SHORTCUTS=0 FRONTDESK_TEST_POSTGRES_URL= \
	  $(PY) -m pytest -n 3 --dist loadfile -q -m "not slow" tests/graphql $(PYTEST_ARGS)

# The inner loop: SQLite only, without the slow tests (browsers, server processes, schemathesis).
test-quick: venv
	FRONTDESK_TEST_POSTGRES_URL= $(PY) -m pytest -n 3 --dist loadfile -q -m "not slow" $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

schema: venv
	$(BIN)/frontdesk schema > docs/schema.graphql

# The scenarios and the growth curves (default points; BENCH_ARGS="--full-curves" for the
# issue's, "--curves" for the curves alone); a PNG per curve in BENCH_PLOTS (matplotlib
# comes with the bench extra). docs/performance.md says how long each takes.
BENCH_PLOTS ?= benchmarks/results/plots
bench: venv
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) -m benchmarks --plot $(BENCH_PLOTS) $(BENCH_ARGS)

# Ten minutes of mixed desk traffic on two processes over PostgreSQL: error rate, p95 and
# memory over time (docs/performance.md, docs/soak.png). SOAK_ARGS="--seconds 60" shortens it.
SOAK_POSTGRES ?= postgresql://postgres@127.0.0.1:5432/postgres
soak: venv
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) -m benchmarks.soak --postgres $(SOAK_POSTGRES) --plot docs/soak.png $(SOAK_ARGS)

bench-smoke: venv
	$(PY) -m benchmarks --smoke $(BENCH_ARGS)

# GraphiQL, React and ReactDOM from the npm registry (needs npm; serving them does not):
# versions are pinned in the script and recorded in graphql/http/static/graphiql/VERSIONS.
graphiql-assets:
	sh graphql/http/static/graphiql/vendor.sh

clean:
	rm -rf $(VENV) build dist *.egg-info $(DEMO_DB)*
