#!/usr/bin/env bash
# Regenerate requirements.lock (what scripts/setup.sh and CI install) from the ranges in pyproject.toml.
# Run after changing a dependency; commit both files together. `--upgrade` moves every pin to the newest allowed.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
  --extra dev --extra semantic --extra postgresql -o requirements.lock "$@" pyproject.toml
