#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds, runs every test project, and ends with
# "tests: N passed, N failed" counted from the real test results (TRX files).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"

if [ -x tools/install-deps.sh ]; then
  tools/install-deps.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }
fi

dotnet restore Pink.sln || { echo "tests: 0 passed, 1 failed"; exit 1; }
dotnet build Pink.sln -c Release --no-restore -nologo || { echo "tests: 0 passed, 1 failed"; exit 1; }
# Pink.Core is a NuGet library: packing it is part of the build that must stay green.
dotnet pack Pink.Core -c Release --no-build -nologo -o "$results/package" >/dev/null || { echo "tests: 0 passed, 1 failed"; exit 1; }
# The benchmarks' checks (kernel fingerprint, parity with the mutable baseline, restart setup, de-duplication window) run
# in their fast mode; BenchmarkDotNet itself never runs here.
dotnet build bench/Pink.Bench.Tests -c Release -nologo || { echo "tests: 0 passed, 1 failed"; exit 1; }

status=0
for project in Pink.Tests Pink.Properties; do
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$project.trx" --results-directory "$results" "$@" || status=1
done
PINK_BENCH_FAST=1 dotnet test bench/Pink.Bench.Tests -c Release --no-build --nologo \
  --logger "trx;LogFileName=Pink.Bench.Tests.trx" --results-directory "$results" "$@" || status=1

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then status=1; fi
echo "tests: $passed passed, $failed failed"
exit $status
