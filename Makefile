# One command each to run the dashboard and to run every test; both set up what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Only this machine can reach `make run`; a team serves the dashboard behind a proxy (docs/deploy.md).
ADDRESS ?= 127.0.0.1

.PHONY: run test lint setup setup-dev system

run: setup
	@./scripts/install-system-packages.sh || echo "Chromium and fonts could not be installed: image and PDF exports will fail."
	$(BIN)/streamlit run dashboard.py --server.address $(ADDRESS) --server.port $(PORT) --browser.gatherUsageStats false

# The store's tests also run against a throwaway PostgreSQL on 127.0.0.1 (scripts/start-postgres.sh).
# Services are required here: if PostgreSQL or Chromium cannot be set up the run fails, never skips.
# One test process per core (at most four); an idle process takes tests queued for a busy one.
PYTEST_ARGS ?= -q --numprocesses auto --maxprocesses 4 --dist worksteal
test: setup-dev system
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@url="$$(./scripts/start-postgres.sh)" && [ -n "$$url" ] \
	  || { echo "make test: PostgreSQL could not be started (messages above); the store's tests need it." >&2; exit 1; }; \
	echo "POLICY_TIMELINE_TEST_PG_URL=$$url"; \
	POLICY_TIMELINE_TEST_PG_URL="$$url" POLICY_TIMELINE_TEST_SERVICES=required $(BIN)/pytest $(PYTEST_ARGS)

lint: setup-dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

setup: $(VENV)/.runtime-installed
setup-dev: $(VENV)/.dev-installed
system:
	@./scripts/install-system-packages.sh \
	  || { echo "make test: Chromium and fonts could not be installed; the browser and image tests need them." >&2; exit 1; }

$(VENV)/.runtime-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed
