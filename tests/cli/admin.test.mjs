// `choral` on the command line as an operator meets it: the audit check catches tampering, and
// bad input gets a one-line error that says what to fix, with a non-zero exit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { freePort } from '../support/server.mjs';

const bin = process.env.CHORAL_BIN;
const execFileAsync = promisify(execFile);

// Runs choral; resolves to {code, stdout, stderr} whatever the exit code.
async function choral(args, env = {}) {
  try {
    const { stdout, stderr } = await execFileAsync(bin, args, {
      timeout: 60_000, env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

async function tempDir() {
  return mkdtemp(path.join(os.tmpdir(), 'choral-cli-test-'));
}

function oneLine(text) {
  const lines = text.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${text}`);
  assert.match(lines[0], /^choral: /);
  return lines[0];
}

test('admin verify says intact, then names the first tampered event', async () => {
  const data = await tempDir();
  try {
    assert.equal((await choral(['admin', 'seed-demo', '--data', data, '--json'])).code, 0);
    const intact = await choral(['admin', 'verify', '--data', data]);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /intact/);
    const events = Number(/audit events checked: (\d+)/.exec(intact.stdout)[1]);
    assert.ok(events > 20);

    // Someone with access to the database file rewrites history.
    await execFileAsync('sqlite3', [path.join(data, 'choral.db'),
      "UPDATE audit_events SET actor = 'intruder' WHERE sequence = 7"]);
    const broken = await choral(['admin', 'verify', '--data', data]);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /BROKEN: audit event 7: hash does not match its content/);
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});

test('admin verify catches a stored file whose bytes changed', async () => {
  const data = await tempDir();
  try {
    assert.equal((await choral(['admin', 'seed-demo', '--data', data, '--json'])).code, 0);
    // Put a blob the way the store lays them out, then corrupt it.
    const bytes = Buffer.from('%PDF-1.7 facture');
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const dir = path.join(data, 'blobs', sha.slice(0, 2), sha.slice(2, 4));
    await execFileAsync('mkdir', ['-p', dir]);
    await writeFile(path.join(dir, sha), bytes);
    assert.equal((await choral(['admin', 'verify', '--data', data])).code, 0);
    await writeFile(path.join(dir, sha), Buffer.from('%PDF-1.7 fausse'));
    const broken = await choral(['admin', 'verify', '--data', data]);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, new RegExp(`BROKEN: blob ${sha}: bytes do not match`));
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});

test('a malformed config file is named with its line', async () => {
  const dir = await tempDir();
  try {
    const config = path.join(dir, 'choral.toml');
    await writeFile(config, '[server]\nlisten = "127.0.0.1:8080"\nworkers = 4\n');
    const result = await choral(['serve', '--config', config, '--data', dir]);
    assert.equal(result.code, 2);
    assert.match(oneLine(result.stderr), /unknown key server\.workers/);
    await writeFile(config, '[server\n');
    const syntax = await choral(['serve', '--config', config, '--data', dir]);
    assert.equal(syntax.code, 2);
    assert.match(oneLine(syntax.stderr), new RegExp(`${config}:1:`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a bad listen address or log level says what is expected', async () => {
  const dir = await tempDir();
  try {
    const listen = await choral(['serve', '--listen', 'localhost', '--data', dir]);
    assert.equal(listen.code, 2);
    assert.match(oneLine(listen.stderr), /must be HOST:PORT/);
    const level = await choral(['serve', '--data', dir], { CHORAL_LOG_LEVEL: 'loud' });
    assert.equal(level.code, 2);
    assert.match(oneLine(level.stderr), /CHORAL_LOG_LEVEL.*trace, debug, info, warn, error/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an unreachable database is reported without its password', async () => {
  const dir = await tempDir();
  const port = await freePort();  // nobody listens there
  try {
    const result = await choral(['serve', '--data', dir, '--database',
      `postgresql://choral:topsecret@127.0.0.1:${port}/choral`]);
    assert.equal(result.code, 1);
    const line = oneLine(result.stderr);
    assert.match(line, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.doesNotMatch(line, /topsecret/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a port in use is refused with what to do', async () => {
  const dir = await tempDir();
  const blocker = net.createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address();
  try {
    const result = await choral(['serve', '--listen', `127.0.0.1:${port}`, '--data', dir]);
    assert.equal(result.code, 1);
    assert.match(oneLine(result.stderr), /already in use.*--listen/);
  } finally {
    blocker.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a data folder that cannot be created is named', async () => {
  const dir = await tempDir();
  try {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const result = await choral(['admin', 'verify', '--data', path.join(file, 'data')]);
    assert.equal(result.code, 1);
    assert.match(oneLine(result.stderr), /a-file/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
