#!/usr/bin/env bash
# Until the first release, the schema lives in one generated migration (0001). Regenerate it from
# the models after adding or changing a model, and to settle a merge conflict in that file.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
rm -f migrations/versions/0001_*.py
DATABASE_URL="sqlite:///$tmp/empty.db" INSTANCE_PATH="$tmp" HUEY_URL="sqlite:///$tmp/huey.db" \
  .venv/bin/python -m flask --app app db migrate -m "initial schema" --rev-id 0001 >/dev/null
rm -rf "$tmp"
ls migrations/versions/0001_*.py
