# One command each to run the dashboard and to run every test; both set up what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint setup setup-dev system

run: setup
	@./scripts/install-system-packages.sh || echo "Chromium and fonts could not be installed: image and PDF exports will fail."
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --browser.gatherUsageStats false

# The store's tests also run against a throwaway PostgreSQL on 127.0.0.1 (scripts/start-postgres.sh).
test: setup-dev system
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	POLICY_TIMELINE_TEST_PG_URL="$$(./scripts/start-postgres.sh)" $(BIN)/pytest -q

lint: setup-dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

setup: $(VENV)/.runtime-installed
setup-dev: $(VENV)/.dev-installed
system:
	./scripts/install-system-packages.sh

$(VENV)/.runtime-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed
