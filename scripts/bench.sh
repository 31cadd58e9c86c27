#!/usr/bin/env bash
# Run every benchmark in bench/; exit non-zero if any misses its bar.
set -u
cd "$(dirname "$0")/.."
status=0
for script in bench/*.py; do
  [ -e "$script" ] || continue
  echo "== $script"
  .venv/bin/python "$script" || status=1
done
exit $status
