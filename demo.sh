#!/usr/bin/env bash
# The main job on embedded defaults: installs the local ClickHouse engine if it is missing (npm), builds, and runs
# `pink demo` (simulator + live loop + restart + reconciled ledger). Arguments go to `pink demo`.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash tools/chdb/install.sh >&2 || echo "demo.sh: the local ClickHouse engine could not be installed; the demo will write rows to files" >&2
exec dotnet run --project Pink.Shell -c Release -- demo "$@"
