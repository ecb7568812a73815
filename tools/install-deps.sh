#!/usr/bin/env bash
# Installs everything the tests and the runner need that NuGet does not bring: each tools/<part>/install.sh
# is idempotent and installs into the repository (e.g. .deps/), never by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
for script in tools/*/install.sh; do
  [ -f "$script" ] || continue
  echo "== $script" >&2
  bash "$script"
done
