#!/usr/bin/env bash
# Quick start: installs the dependencies, builds Choral, writes demo data into data/demo and
# serves the portal at http://localhost:8080 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release

data=data/demo
mkdir -p "$data"
logins="$data/demo-logins.txt"
if [ ! -s "$logins" ]; then
  # The passwords exist only in this output: keep it beside the demo data, readable by you only.
  (umask 077 && build-release/src/cli/choral admin seed-demo --data "$data" > "$logins")
fi
cat "$logins"
echo
echo "Choral: http://localhost:8080  (log in with one of the accounts above; Ctrl-C to stop)"
exec build-release/src/cli/choral serve --listen 127.0.0.1:8080 --data "$data" --log-level warn
