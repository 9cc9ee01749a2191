#!/usr/bin/env bash
# Structured-invoice validation: Choral beside the official EN 16931 artefacts on SaxonJS (the peer
# of shared/peers/en16931), on the complete invoices of the corpus ("kind": "instance" in
# expected.jsonl: UBL, CII and Factur-X PDFs). Prints both throughputs side by side and their
# ratio, whether the verdicts agree file by file, and Choral's RSS after 1,000 and 10,000 files.
# A benchmark, not a test: it never fails on a figure.
#
# Usage: scripts/bench-validate.sh            (REPEAT=3 peer passes, MEMORY_FILES=10000, BUILD_DIR)
# Needs: node and npm (the peer is installed under BUILD_DIR/peer-en16931 on first run), pdfdetach
# (poppler-utils), Google Benchmark. Builds only what it runs, in Release.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
corpus=${CHORAL_CORPUS_DIR:-$root/../shared/corpus}
peer_source=${CHORAL_PEER_DIR:-$root/../shared/peers/en16931}
build=${BUILD_DIR:-build-release}
repeat=${REPEAT:-3}
memory_files=${MEMORY_FILES:-10000}
scratch=$root/$build/bench-validate
peer=$root/$build/peer-en16931

echo "== building validation_bench (Release, $build)"
cmake -S . -B "$build" -G Ninja -DCHORAL_WERROR=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
nice ninja -C "$build" validation_bench choral-pdf-worker >/dev/null

echo "== the complete invoices of the corpus"
rm -rf "$scratch" && mkdir -p "$scratch/corpus"
# The peer validates every file under a folder: it gets a tree of links to the same files.
python3 - "$corpus/en16931" "$scratch" <<'EOF'
import json, os, sys
corpus, scratch = sys.argv[1], sys.argv[2]
with open(os.path.join(scratch, 'instances.txt'), 'w') as listing:
    for line in open(os.path.join(corpus, 'expected.jsonl')):
        entry = json.loads(line)
        if entry.get('kind') != 'instance':
            continue
        link = os.path.join(scratch, 'corpus', entry['file'])
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(os.path.join(corpus, entry['file']), link)
        listing.write(link + '\n')
EOF
echo "$(wc -l <"$scratch/instances.txt") files"

echo "== the peer (SaxonJS 2.7 + the official artefacts), as shared/peers/en16931/README.md sets it up"
if [ ! -d "$peer/node_modules/saxon-js" ]; then
  mkdir -p "$peer"
  (cd "$peer" && npm init -y >/dev/null && npm install --no-audit --no-fund xslt3@2.7.0 saxon-js@2.7.0 >/dev/null)
fi
[ -s "$peer/ubl.sef.json" ] || gunzip -c "$corpus/en16931/xslt/EN16931-UBL-validation.sef.json.gz" >"$peer/ubl.sef.json"
[ -s "$peer/cii.sef.json" ] || gunzip -c "$corpus/en16931/xslt/EN16931-CII-validation.sef.json.gz" >"$peer/cii.sef.json"
cp "$peer_source/peer-validate.mjs" "$peer/"
command -v pdfdetach >/dev/null || { echo "pdfdetach missing: apt-get install poppler-utils" >&2; exit 2; }

echo "== Choral"
"$build/src/platform/validation_bench" --files="$scratch/instances.txt" \
  --verdicts="$scratch/choral.jsonl" --memory-files="$memory_files" \
  --benchmark_out="$scratch/choral-bench.json" --benchmark_out_format=json | tee "$scratch/choral.txt"

echo "== the peer ($repeat passes)"
(cd "$peer" && node peer-validate.mjs --corpus "$scratch/corpus" --sef-ubl ubl.sef.json \
  --sef-cii cii.sef.json --out "$scratch/peer.jsonl" --repeat "$repeat") 2>"$scratch/peer-summary.json"

echo "== side by side"
python3 - "$scratch" "$corpus/en16931/expected.jsonl" <<'EOF'
import json, os, sys
scratch, expected_path = sys.argv[1], sys.argv[2]
bench = json.load(open(os.path.join(scratch, 'choral-bench.json')))
choral = {b['threads']: b['items_per_second'] for b in bench['benchmarks'] if 'items_per_second' in b}
peer = json.load(open(os.path.join(scratch, 'peer-summary.json')))
peer_rate = peer['invoices_per_s_validate_only']
print(f"{'':34}{'invoices/s':>12}{'x peer':>10}")
print(f"{'peer, validation only (1 thread)':34}{peer_rate:>12.1f}{1:>10.1f}")
print(f"{'peer, wall incl. pdfdetach, load':34}{peer['invoices_per_s_wall']:>12.1f}")
for threads, rate in sorted(choral.items()):
    label = f"Choral, {threads} thread{'s' if threads > 1 else ''}"
    print(f"{label:34}{rate:>12.1f}{rate / peer_rate:>10.1f}")

corpus_prefix = os.path.join(scratch, 'corpus') + '/'
ours = {}
for line in open(os.path.join(scratch, 'choral.jsonl')):
    entry = json.loads(line)
    ours[entry['file'][len(corpus_prefix):]] = entry
theirs = {json.loads(l)['file']: json.loads(l) for l in open(os.path.join(scratch, 'peer.jsonl'))}
notes = {}
for line in open(expected_path):
    entry = json.loads(line)
    if entry.get('note'):
        notes[entry['file']] = entry['note']
same_verdict = same_rules = 0
differences = []
for file, peer_entry in sorted(theirs.items()):
    mine = ours.get(file, {'valid': None, 'fatal': [], 'warning': [], 'error': 'not validated'})
    peer_valid = not peer_entry['fatal']
    if mine['valid'] == peer_valid:
        same_verdict += 1
    mine_rules = (sorted(mine.get('fatal', [])), sorted(mine.get('warning', [])))
    peer_rules = (sorted(peer_entry['fatal']), sorted(peer_entry['warning']))
    if mine_rules == peer_rules and 'error' not in mine:
        same_rules += 1
    else:
        differences.append((file, mine, peer_entry))
print(f"\nverdicts (valid / invalid) identical on {same_verdict} / {len(theirs)} files; "
      f"fired rules identical on {same_rules} / {len(theirs)}")
for file, mine, peer_entry in differences:
    missing = sorted(set(peer_entry['fatal'] + peer_entry['warning']) -
                     set(mine.get('fatal', []) + mine.get('warning', [])))
    extra = sorted(set(mine.get('fatal', []) + mine.get('warning', [])) -
                   set(peer_entry['fatal'] + peer_entry['warning']))
    print(f"  {file}: Choral {'valid' if mine['valid'] else 'invalid'}, peer "
          f"{'valid' if not peer_entry['fatal'] else 'invalid'}; missing {missing or '-'}, "
          f"extra {extra or '-'}" + (f"; error: {mine['error']}" if 'error' in mine else ''))
    if file in notes:
        print(f"    (expected.jsonl: {notes[file]})")
EOF
grep '^memory:' "$scratch/choral.txt"
