#!/usr/bin/env bash
# PDF recognition benchmark: `choral extract` over every corpus PDF (one process, its worker
# reused), and in the same run `pdftotext -layout` on the same files (one process per file, as
# a script would call it). Then peak memory of extract on a 200-page file. Prints figures only.
# Usage: scripts/bench-extract.sh [CORPUS_DIR]   (default: ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
command -v pdftotext >/dev/null || { echo "bench-extract: install Debian's poppler-utils" >&2; exit 1; }
command -v qpdf >/dev/null || { echo "bench-extract: install Debian's qpdf" >&2; exit 1; }

scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
choral=$PWD/build-release/src/cli/choral
mapfile -t files < <(find "$corpus/pdf" -name '*.pdf' | sort)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
pages=$( "$choral" extract --json "${files[@]}" | python3 -c '
import json, sys
print(sum(json.loads(l).get("pages", 0) for l in sys.stdin))')
n=${#files[@]}

# One core for each, as the aim is stated per core.
start=$(now); taskset -c 0 "$choral" extract --json "${files[@]}" >/dev/null || true; end=$(now)
choral_s=$(echo "$end - $start" | bc -l)
start=$(now)
for f in "${files[@]}"; do taskset -c 0 pdftotext -layout "$f" - >/dev/null 2>&1 || true; done
end=$(now)
pdftotext_s=$(echo "$end - $start" | bc -l)

printf '%d PDFs, %d pages, one core\n' "$n" "$pages"
printf '%-28s %8.1f invoices/s %8.1f pages/s  (%.2f s)\n' "choral extract (recognition)" \
  "$(echo "$n / $choral_s" | bc -l)" "$(echo "$pages / $choral_s" | bc -l)" "$choral_s"
printf '%-28s %8.1f invoices/s %8.1f pages/s  (%.2f s)\n' "pdftotext -layout (text only)" \
  "$(echo "$n / $pdftotext_s" | bc -l)" "$(echo "$pages / $pdftotext_s" | bc -l)" "$pdftotext_s"
printf 'choral extract is %.1fx pdftotext per invoice\n' "$(echo "$pdftotext_s / $choral_s" | bc -l)"

# A 200-page invoice: the first page of a Factur-X sample (fonts, logo, ICC profile), repeated.
base="$corpus/pdf/fnfe-2026/Facture_F20260023-EXTENDED.pdf"
qpdf --empty --pages $(for _ in $(seq 200); do printf '%s 1 ' "$base"; done) -- "$tmp/200.pdf"
/usr/bin/time -v "$choral" extract --json "$tmp/200.pdf" >/dev/null 2>"$tmp/time.txt" || true
# The worker is a child process: GNU time reports the largest of the process tree's members.
echo "200-page file: peak memory $(awk -F': ' '/Maximum resident/ {printf "%.1f MB", $2/1024}' "$tmp/time.txt")," \
  "wall $(awk -F': ' '/Elapsed/ {print $2}' "$tmp/time.txt")"
