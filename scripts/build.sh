#!/usr/bin/env bash
# Configures and builds Choral into build/ (or $1) with the given extra CMake flags.
# Usage: scripts/build.sh [BUILD_DIR] [CMAKE_FLAGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
jobs=$(nproc)
cmake -S . -B "$dir" -G Ninja -DCHORAL_WERROR=ON "$@" >/dev/null
ninja -C "$dir" -j "$jobs"
