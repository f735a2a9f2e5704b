#!/usr/bin/env bash
# Set up mlroute on a fresh machine and run the demo.
#  1. System packages the full test suite uses (PostgreSQL for the storage tests, Chromium and a CJK font for the
#     browser tests), installed with apt when running as root on Debian/Ubuntu; skipped otherwise (those tests
#     then skip with a reason). MLROUTE_SKIP_APT=1 skips this step.
#  2. A virtual environment in .venv with mlroute and its pinned dependencies (pyproject.toml).
#  3. `mlroute demo`: a plan for a bundled persona, on the embedded knowledge base.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${MLROUTE_SKIP_APT:-0}" != 1 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  need=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
  if [ ${#need[@]} -gt 0 ]; then
    echo "Installing system packages: ${need[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >&2
.venv/bin/python -m pip install -q -e '.[dev,semantic]' >&2
.venv/bin/mlroute demo
