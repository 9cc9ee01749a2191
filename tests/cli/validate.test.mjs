// `choral validate` as a developer meets it: one JSON object per file with --json, a readable
// report otherwise, exit 0 only when every file is valid, and a one-line error naming a file that
// cannot be read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const bin = process.env.CHORAL_BIN;
const corpus = process.env.CHORAL_CORPUS_DIR;
const en16931 = (file) => path.join(corpus, 'en16931', file);
const execFileAsync = promisify(execFile);

// Runs choral; resolves to {code, stdout, stderr} whatever the exit code.
async function choral(args) {
  try {
    const { stdout, stderr } = await execFileAsync(bin, args, { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

function jsonLines(stdout) {
  return stdout.trim().split('\n').map((line) => JSON.parse(line));
}

const VALID_CII = en16931('cii/akretion/factur-x-en16931.xml');
const VALID_FACTURX = en16931('facturx/akretion/invoice_EN16931.pdf');
const SCANNED_PDF = path.join(corpus, 'pdf/synthetic/syn-01-simple.pdf');

test('--json prints one object per file, in the documented shape, and exits 0 when all are valid', async () => {
  const run = await choral(['validate', '--json', VALID_CII, VALID_FACTURX]);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const [cii, facturx] = jsonLines(run.stdout);
  assert.deepEqual(Object.keys(cii), ['file', 'syntax', 'profile', 'valid', 'findings']);
  assert.equal(cii.file, VALID_CII);
  assert.equal(cii.syntax, 'cii');
  assert.equal(cii.valid, true);
  assert.equal(facturx.syntax, 'facturx');
  assert.equal(facturx.profile, 'EN16931');
  assert.equal(facturx.valid, true);
  for (const finding of [...cii.findings, ...facturx.findings]) {
    assert.deepEqual(Object.keys(finding), ['rule', 'flag', 'message', 'location']);
    assert.notEqual(finding.flag, 'fatal', JSON.stringify(finding));
    assert.deepEqual(Object.keys(finding.location), ['xpath', 'line']);
  }
});

test('a file that cannot be read gets an error line naming it, the others are still checked', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'choral-validate-test-'));
  try {
    const notXml = path.join(dir, 'notes.xml');
    await writeFile(notXml, 'this is not an invoice');
    const run = await choral(['validate', '--json', notXml, SCANNED_PDF, path.join(dir, 'missing.xml'), VALID_CII]);
    assert.equal(run.code, 1);
    const lines = jsonLines(run.stdout);
    assert.equal(lines.length, 4);
    assert.equal(lines[0].file, notXml);
    assert.ok(lines[0].error.message, JSON.stringify(lines[0]));
    assert.match(lines[1].error.message, /factur-x\.xml/);
    assert.equal(lines[2].error.code, 'not_found');
    assert.equal(lines[3].valid, true);
    const errors = run.stderr.split('\n').filter((l) => l.startsWith('choral: ') && !l.includes('warning'));
    assert.equal(errors.length, 3, run.stderr);
    assert.ok(errors[0].startsWith(`choral: ${notXml}: `), errors[0]);
    assert.ok(errors[1].startsWith(`choral: ${SCANNED_PDF}: the PDF has no factur-x.xml`), errors[1]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('without --json the report is readable text', async () => {
  const run = await choral(['validate', VALID_FACTURX]);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(run.stdout.startsWith(`${VALID_FACTURX}: facturx (EN16931), valid, 0 fatal,`), run.stdout);
});

test('a schema folder that was named but cannot be loaded is an error, from the flag or the config', async () => {
  const flag = await choral(['validate', '--schemas', '/nonexistent-schemas', VALID_CII]);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /^choral: schemas: .*nonexistent-schemas/m);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'choral-validate-test-'));
  try {
    const config = path.join(dir, 'choral.toml');
    await writeFile(config, '[validation]\nschema_dir = "/nonexistent-config-schemas"\n');
    const run = await choral(['validate', '--config', config, VALID_CII]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /nonexistent-config-schemas/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
