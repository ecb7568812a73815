#!/usr/bin/env bash
# Installs the differential oracle: the official Node.js client hazelcast-client 5.7.0 (offline codecs and
# serializer only; it never connects anywhere). Idempotent: does nothing when the pinned version is present.
set -euo pipefail
cd "$(dirname "$0")"
want="5.7.0"
have=$(node -p "require('./node_modules/hazelcast-client/package.json').version" 2>/dev/null || true)
if [ "$have" = "$want" ]; then
  echo "hazelcast-oracle: hazelcast-client $have already installed" >&2
  exit 0
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  # Not fatal here: the rest of the suite still runs, and the differential test fails naming what is missing.
  echo "hazelcast-oracle: node/npm not found; the Hazelcast differential test will fail until Node.js is installed" >&2
  exit 0
fi
# npm ci installs exactly the committed lock file; the engine warning (client asks for node >= 20.22) is harmless
# for the offline codecs used here.
npm ci --no-audit --no-fund --loglevel=error
echo "hazelcast-oracle: installed hazelcast-client $(node -p "require('./node_modules/hazelcast-client/package.json').version")" >&2
