#!/usr/bin/env bash
# Installs everything Choral needs to build, run and test on Debian 12, as root:
# Debian packages with apt-get, then the npm packages pinned in package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # build
  g++ cmake ninja-build pkg-config ccache python3
  # libraries (see README's table)
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  libsoci-dev libsqlite3-dev libpq-dev libmstch-dev libtomlplusplus-dev libcli11-dev
  libexpected-dev libsodium-dev libspdlog-dev nlohmann-json3-dev libssl-dev
  libpoppler-cpp-dev libqpdf-dev libpng-dev libpugixml-dev libcurl4-openssl-dev libxml2-dev
  libarchive-dev libcairo2-dev
  john-data
  # tests, benchmarks and checks
  libgtest-dev libgmock-dev libbenchmark-dev postgresql chromium wrk curl sqlite3 poppler-utils qpdf bc time
  clang-format clang-tidy clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js 20 may come from elsewhere than Debian (it does on our machines): keep it if present.
command -v node >/dev/null || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Debian PostgreSQL package starts a cluster of its own on 5432; tests start their own.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
