#!/usr/bin/env bash
# Run the whole suite on SQLite, then again on PostgreSQL + Redis when both answer.
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL=${NUDGE_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
REDIS_URL=${NUDGE_TEST_REDIS_URL:-redis://127.0.0.1:6379/0}
WORKERS=${TEST_WORKERS:-2}
unset NUDGE_TEST_DATABASE_URL NUDGE_TEST_REDIS_URL
status=0

echo "== make test: ruff (lint and import order)"
$PY -m ruff check . || status=1

echo "== make test: SQLite, Huey on SQLite, rate limits in memory"
$PY -m pytest -n "$WORKERS" "$@" || status=1

if $PY scripts/services_up.py "$PG_URL" "$REDIS_URL"; then
  # The browser tests drive pages whose every query the test-client page tests already run here;
  # they ran on SQLite above, and repeating them doubled this run's time for nothing they could catch.
  echo "== make test: PostgreSQL, Huey and rate limits on Redis (the browser tests ran on SQLite above)"
  NUDGE_TEST_DATABASE_URL=$PG_URL NUDGE_TEST_REDIS_URL=$REDIS_URL $PY -m pytest -n "$WORKERS" -m "not browser" "$@" || status=1
else
  echo "== make test: PostgreSQL or Redis did not answer; ran on SQLite only"
fi
exit $status
