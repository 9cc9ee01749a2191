#!/usr/bin/env bash
# HTTP benchmark: wrk at 256 connections against a Release build of `choral serve` on loopback,
# on /health (memory only) and on a database read route (the public directory), plus the
# server's idle memory. Prints figures; asserts nothing.
# Usage: scripts/bench-http.sh [SECONDS per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { echo "bench-http: install Debian's wrk" >&2; exit 1; }

scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
choral=build-release/src/cli/choral
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$choral" admin seed-demo --data "$data" --json >/dev/null
"$choral" serve --listen 127.0.0.1:$port --data "$data" --log-level warn &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
sleep 1
echo "idle memory (VmRSS): $(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' /proc/$pid/status)"

run() {
  local name=$1 url=$2
  local out
  out=$(wrk -t2 -c256 -d"${seconds}s" --latency "$url")
  printf '%-34s %12s req/s   p50 %8s   p99 %8s   errors: %s\n' "$name" \
    "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' || true)"
}
echo "wrk -t2 -c256 -d${seconds}s on 127.0.0.1 (server and wrk share the machine's $(nproc) cores)"
run "GET /health" "http://127.0.0.1:$port/health"
run "GET /api/v1/directory/structures/:siret" \
  "http://127.0.0.1:$port/api/v1/directory/structures/21340158100011"
echo "memory after load (VmRSS): $(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' /proc/$pid/status)"
