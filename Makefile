# Nudge: `make run` starts it, `make test` tests it. Both set everything up on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(PY) -m flask --app app
APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run demo test bench install install-test migrate chromium wrk worker sdk

$(APP_STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(TEST_STAMP): $(APP_STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

install: $(APP_STAMP)
install-test: $(TEST_STAMP)

migrate: install
	$(FLASK) db upgrade

## Start the web server and a Huey consumer (Ctrl-C stops both). HOST, PORT and .env honoured.
run: migrate
	$(FLASK) serve

## Load the demo business and print its login.
demo: migrate
	$(FLASK) seed-demo

## Every test: on SQLite, then on PostgreSQL with Huey and rate limits on Redis where they answer.
test: install-test chromium
	@scripts/test.sh

## Regenerate the Python SDK in clients/python from the OpenAPI document (tests/test_sdk.py checks it is current).
sdk: install-test
	$(PY) scripts/generate_sdk.py

## Benchmarks (not part of `make test`): each prints its figures and PASS or FAIL.
bench: install-test wrk
	@scripts/bench.sh

# The HTTP load generator of bench/api_contacts.py (a Python one in its place competes for the CPU).
wrk:
	@command -v wrk >/dev/null 2>&1 || { echo "Installing Debian's wrk for the HTTP benchmarks"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

chromium:
	@command -v chromium >/dev/null 2>&1 || { echo "Installing Debian's Chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
