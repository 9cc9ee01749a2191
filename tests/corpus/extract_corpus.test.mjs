// `choral extract` over the PDF corpus with ground truth (shared/corpus/pdf/truth.jsonl): per
// field, how many visible values were found right, found wrong, and missed. The figures are
// printed, and held to a ratchet (ratchet.json): a change may raise them, never lower them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.CHORAL_BIN;
const corpus = process.env.CHORAL_CORPUS_DIR;

const AMOUNTS = new Set(['total_without_vat', 'total_vat', 'total_with_vat', 'amount_due']);
const COMPACT = new Set(['seller_vat', 'buyer_vat', 'iban', 'currency', 'seller_siret',
  'buyer_siret', 'seller_siren', 'buyer_siren']);
const NAMES = new Set(['seller_name', 'buyer_name']);
const NAME_TITLE = /^(herrn?|frau|monsieur|madame|mademoiselle|mme|mlle|m|mr|mrs|ms|dhr|mevr) /;
const NAME_LEGAL_FORM = new RegExp(' (sarl|sas|sasu|sa|eurl|sci|snc|gmbh|ag|kg|ug|ltd|limited|llc|inc|plc|' +
                                   'corp|bv|nv|srl|spa)$');

// Both sides in one comparable form; null when the truth has no usable value.
export function normalise(field, value) {
  if (value === null || value === undefined) return null;
  if (AMOUNTS.has(field)) return Number(value).toFixed(2);
  let text = String(value).normalize('NFC').trim();
  if (COMPACT.has(field)) return text.replace(/\s+/g, '').toUpperCase();
  text = text.toLowerCase().replace(/\s+/g, ' ');
  // A name may be printed with other punctuation than the XML's ("SARL" vs "S.A.R.L.", commas).
  if (NAMES.has(field)) {
    const name = text.replace(/[.,;:'"’()\-]/g, '').replace(/\s+/g, ' ').trim();
    // A courtesy title before a person's name and a legal form after a company's name are not
    // part of what identifies the party: "Herrn Max Mustermann" is "Max Mustermann", and
    // "Au bon moulin SARL" is the XML's "Au bon moulin". Applied alike to both sides, and only
    // when a name remains.
    const stripped = name.replace(NAME_TITLE, '').replace(NAME_LEGAL_FORM, '').trim();
    return stripped || name;
  }
  return text;
}

// The extract contract writes a credit note's amounts negative; truth.jsonl copies the embedded
// XML, where a credit note (type 381) states them positive. Same amount, the contract's sign.
function creditNoteSign(field, got, expected, out) {
  return AMOUNTS.has(field) && out.values?.document_type === 'credit_note' &&
         Number(got) === -Number(expected);
}

async function runExtract(files) {
  const { stdout } = await execFileAsync(bin, ['extract', '--json', ...files], {
    maxBuffer: 256 * 1024 * 1024, timeout: 600_000,
  }).catch((error) => {
    // Exit 1 means "some file could not be read": the others are still on stdout.
    if (error.code === 1 && error.stdout) return { stdout: error.stdout };
    throw error;
  });
  return stdout.trim().split('\n').map((line) => JSON.parse(line));
}

test('extract over the corpus: figures per field, held to the ratchet', async () => {
  assert.ok(bin, 'CHORAL_BIN names the choral executable (ctest sets it)');
  assert.ok(corpus, 'CHORAL_CORPUS_DIR names shared/corpus (ctest sets it)');
  const pdfDir = path.join(corpus, 'pdf');
  const rows = (await readFile(path.join(pdfDir, 'truth.jsonl'), 'utf8'))
    .split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const outputs = await runExtract(rows.map((row) => path.join(pdfDir, row.file)));
  assert.equal(outputs.length, rows.length, 'one JSON line per file');

  const perField = {};
  let scansMissed = 0;
  let nativeFlagged = 0;
  let wrongConfidentSirets = 0;
  const unreadable = [];
  const misses = [];
  rows.forEach((row, i) => {
    const out = outputs[i];
    assert.equal(out.file, path.join(pdfDir, row.file));
    if (out.error) {
      unreadable.push(`${row.file}: ${out.error.code}: ${out.error.message}`);
      return;
    }
    if (row.is_scanned && !out.is_scanned) scansMissed++;
    if (!row.is_scanned && out.is_scanned) nativeFlagged++;
    for (const [field, visible] of Object.entries(row.visible ?? {})) {
      if (!visible) continue;
      const expected = normalise(field, row[field]);
      if (expected === null) continue;
      const counts = (perField[field] ??= { right: 0, wrong: 0, missed: 0 });
      const got = normalise(field, out.values?.[field]);
      if (got === null) {
        counts.missed++;
        misses.push(`missed ${field} in ${row.file} (expected ${expected})`);
      } else if (got === expected || creditNoteSign(field, got, expected, out)) {
        counts.right++;
      } else {
        counts.wrong++;
        misses.push(`wrong ${field} in ${row.file}: ${got} (expected ${expected})`);
        if (field.endsWith('_siret') && out.fields?.[field]?.confidence >= 0.9) {
          wrongConfidentSirets++;
        }
      }
    }
  });

  let right = 0;
  let total = 0;
  console.log('field                 right  wrong missed');
  for (const [field, c] of Object.entries(perField).sort()) {
    console.log(`${field.padEnd(20)} ${String(c.right).padStart(6)} ${String(c.wrong).padStart(6)} ` +
                `${String(c.missed).padStart(6)}`);
    right += c.right;
    total += c.right + c.wrong + c.missed;
  }
  const ratio = total === 0 ? 0 : right / total;
  console.log(`overall: ${right}/${total} visible fields right (${(100 * ratio).toFixed(1)}%); ` +
              `scans missed ${scansMissed}, native flagged as scans ${nativeFlagged}, ` +
              `wrong SIRETs with confidence >= 0.9: ${wrongConfidentSirets}`);
  if (process.env.CHORAL_CORPUS_VERBOSE) misses.forEach((m) => console.log(m));
  if (unreadable.length) console.log(`unreadable:\n${unreadable.join('\n')}`);

  const ratchet = JSON.parse(await readFile(path.join(here, 'ratchet.json'), 'utf8'));
  assert.deepEqual(unreadable, [], 'every corpus PDF can be read');
  assert.equal(scansMissed, 0, 'every scan is detected');
  assert.equal(nativeFlagged, 0, 'no native PDF is taken for a scan');
  assert.equal(wrongConfidentSirets, 0, 'no wrong SIRET with confidence >= 0.9');
  assert.ok(right >= ratchet.overall_right,
            `overall right ${right} fell below the ratchet ${ratchet.overall_right}`);
  for (const [field, minimum] of Object.entries(ratchet.right_per_field)) {
    assert.ok((perField[field]?.right ?? 0) >= minimum,
              `${field}: ${perField[field]?.right ?? 0} right, ratchet says ${minimum}`);
  }
});

test('a PDF whose embedded XML describes another invoice is flagged', async () => {
  const dir = path.join(corpus, 'pdf', 'mismatch');
  const { readdir } = await import('node:fs/promises');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.pdf')).map((f) => path.join(dir, f));
  assert.ok(files.length > 0);
  for (const out of await runExtract(files)) {
    assert.ok(!out.error, `${out.file}: ${JSON.stringify(out.error)}`);
    assert.ok(out.embedded, `${out.file}: its embedded XML is reported`);
    assert.ok(out.disagreements.length > 0, `${out.file}: page and XML disagree`);
  }
});

test('unreadable files get an error line and the others are still read', async () => {
  const good = path.join(corpus, 'pdf', 'synthetic', 'syn-01-simple.pdf');
  const outputs = await runExtract(['/nonexistent/facture.pdf', path.join(here, 'extract_corpus.test.mjs'), good]);
  assert.equal(outputs.length, 3);
  assert.equal(outputs[0].error.code, 'not_found');
  assert.equal(outputs[1].error.code, 'malformed_input');
  assert.match(outputs[1].error.message, /not a PDF/);
  assert.ok(!outputs[2].error);
  assert.equal(outputs[2].pages, 1);
  assert.equal(outputs[2].values.invoice_number, 'FAC-2024-0142');
});
