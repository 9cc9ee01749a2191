#!/usr/bin/env bash
# HTTP benchmark of the portal's PDF deposit page: a Release build of `choral serve` on loopback
# with the demo data, the demo supplier logged in, and scripts/bench-deposit-page.mjs driving the
# two steps of the page at concurrency 2, 4 and 8 — the upload (PDF kept as a draft, read in a
# pooled sandboxed worker, fields recognised, the pre-filled form and preview rendered) and the
# confirm (the deposit rules, then the invoice stored, a new invoice number each time; each
# confirm follows its own upload, not measured). Prints requests/s and the p50 / p90 / p99 of the
# page's response per step; fails if any response is not the expected one.
# Usage: scripts/bench-deposit-page.sh [SECONDS per run, default 10] [PDF]
#   PDF: default shared/corpus/pdf/fnfe-2026/Facture_F20260023-EXTENDED.pdf (a native-text
#   Factur-X invoice), read in place. CHORAL_PDF_WORKERS sets [pdf] workers (default: the pool's).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
pdf=${2:-../shared/corpus/pdf/fnfe-2026/Facture_F20260023-EXTENDED.pdf}
command -v node >/dev/null || { echo "bench-deposit-page: install Debian's nodejs" >&2; exit 1; }
[[ -r $pdf ]] || { echo "bench-deposit-page: cannot read $pdf" >&2; exit 1; }

scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
choral=build-release/src/cli/choral
work=$(mktemp -d)
data=$work/data
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
logins=$("$choral" admin seed-demo --data "$data" --json)
password=$(echo "$logins" | python3 -c '
import json, sys
for login in json.load(sys.stdin)["logins"]:
    if login["email"] == "marc.dubois@atelier-lumen.example": print(login["password"])')
config=$work/choral.toml
: >"$config"
if [[ -n ${CHORAL_PDF_WORKERS:-} ]]; then printf '[pdf]\nworkers = %s\n' "$CHORAL_PDF_WORKERS" >"$config"; fi
"$choral" serve --listen 127.0.0.1:$port --data "$data" --config "$config" --log-level warn &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.1; done

# The value of cookie $2 set by the response headers in file $1.
cookie_of() { sed -n "s/^[Ss]et-[Cc]ookie: $2=\([^;]*\).*/\1/p" "$1" | tail -1 | tr -d '\r'; }
# The value of the hidden csrf_token input in the HTML file $1.
csrf_of() { sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' "$1" | head -1; }

# Log in as a browser does: the login form's CSRF token and cookie, then the session cookie.
curl -fsS -D "$work/h1" -o "$work/login.html" "$base/login"
login_cookie=$(cookie_of "$work/h1" choral_csrf)
curl -sS -D "$work/h2" -o /dev/null -H "Cookie: choral_csrf=$login_cookie" \
  --data-urlencode "csrf_token=$(csrf_of "$work/login.html")" \
  --data-urlencode "email=marc.dubois@atelier-lumen.example" \
  --data-urlencode "password=$password" "$base/login"
session="choral_session=$(cookie_of "$work/h2" choral_session)"
[[ $session != "choral_session=" ]] || { echo "bench-deposit-page: login failed" >&2; exit 1; }
curl -fsS -H "Cookie: $session" -o "$work/deposit.html" "$base/factures/deposer"
csrf=$(csrf_of "$work/deposit.html")

echo "deposit page on 127.0.0.1: $(basename "$pdf") ($(stat -c %s "$pdf") bytes), ${seconds}s per run,"
echo "server and driver share the machine's $(nproc) cores; latency = the page's full response"
printf '%-8s %5s %10s %9s %9s %9s %8s\n' step conns "req/s" "p50 ms" "p90 ms" "p99 ms" answered
status=0
for step in upload confirm; do
  for conns in 2 4 8; do
    out=$(node scripts/bench-deposit-page.mjs "$base" "$session" "$csrf" "$pdf" "$step" "$conns" \
      "$seconds")
    line=$(echo "$out" | grep '^RESULT')
    get() { echo "$line" | sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
    printf '%-8s %5s %10s %9s %9s %9s %8s\n' "$step" "$conns" "$(get rps)" "$(get p50)" \
      "$(get p90)" "$(get p99)" "$(get ok)/$(( $(get ok) + $(get failed) ))"
    if [[ $(get failed) != 0 ]]; then
      echo "  $(echo "$out" | grep '^FIRST_FAILURE')"
      status=1
    fi
  done
done
echo "server memory after load (VmRSS): $(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' /proc/$pid/status)"
exit $status
