#!/usr/bin/env bash
# The one test command: installs the dependencies, builds, and runs every test — unit,
# PostgreSQL (a throw-away cluster the tests start and stop) and browser — first in a normal
# build, then the unit and PostgreSQL tests again under AddressSanitizer + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

echo "== layering and formatting"
python3 scripts/check_layering.py
scripts/check_format.sh

echo "== build (warnings are errors)"
scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
echo "== tests: unit, postgres, browser"
ctest --test-dir build --output-on-failure -j 2

echo "== build with AddressSanitizer + UBSan"
scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DCHORAL_SANITIZE=address,undefined
echo "== tests under sanitizers: unit, postgres"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  LSAN_OPTIONS=suppressions="$PWD/scripts/lsan.supp" \
  ctest --test-dir build-asan --output-on-failure -j 2 -L 'unit|postgres'
