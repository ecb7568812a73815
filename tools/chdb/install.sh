#!/usr/bin/env bash
# Installs a current ClickHouse engine for the tests and the runner's demo, with no Docker and no server package:
# chDB's libchdb.so (ClickHouse 26.7) from npm, plus chdb-http, a small launcher that makes it serve the standard
# HTTP interface on loopback. Idempotent: does nothing when both are already in place.
set -euo pipefail
cd "$(dirname "$0")/../.."
home=".deps/chdb"
package="@chdb/lib-linux-x64-gnu"
version="26.7.3-stable.1"
lib="$home/node_modules/$package/libchdb.so"
launcher="$home/bin/chdb-http"
source="tools/chdb/chdb-http.c"

installed_version() {
  node -e "console.log(require(process.argv[1]).version)" "$PWD/$home/node_modules/$package/package.json" 2>/dev/null || true
}

if [ ! -s "$lib" ] || [ "$(installed_version)" != "$version" ]; then
  command -v npm >/dev/null || { echo "chdb: npm is needed (apt-get install npm)" >&2; exit 1; }
  echo "chdb: installing $package@$version into $home" >&2
  npm install --prefix "$home" --no-save --no-audit --no-fund --loglevel=error "$package@$version" >&2
fi

if [ ! -x "$launcher" ] || [ "$source" -nt "$launcher" ]; then
  command -v gcc >/dev/null || { echo "chdb: gcc is needed (apt-get install gcc)" >&2; exit 1; }
  mkdir -p "$home/bin"
  gcc -O2 -Wall -Wextra -Werror -o "$launcher.tmp" "$source" -ldl -lpthread
  mv "$launcher.tmp" "$launcher"
fi

echo "chdb: $(installed_version) at $lib, launcher $launcher" >&2
