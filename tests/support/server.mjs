// A real `choral serve` for the HTTP and browser tests: a fresh data folder seeded with the demo
// platform, a free port, and helpers to talk to it as a browser would (cookies, forms).
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

// A port nobody listens on right now (the kernel picks it; we release it before choral binds).
export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function choralBinary() {
  const bin = process.env.CHORAL_BIN;
  if (!bin) throw new Error('set CHORAL_BIN to the choral executable (ctest does)');
  return bin;
}

// Seeds the demo platform; returns the parsed {already_seeded, logins: [...]} report.
async function seedDemo(bin, dataDir) {
  const { stdout } = await execFileAsync(bin, ['admin', 'seed-demo', '--data', dataDir, '--json'],
                                         { timeout: 120_000 });
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error(`seed-demo printed no JSON object:\n${stdout}`);
  const report = JSON.parse(stdout.slice(start, end + 1));
  if (!Array.isArray(report.logins) || report.logins.length === 0) {
    throw new Error(`seed-demo reported no logins:\n${stdout}`);
  }
  return report;
}

async function waitForHealth(baseUrl, child, logs, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`choral serve exited with ${child.exitCode} before answering:\n${logs()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.status === 200) {
        const body = await response.json();
        if (body.status === 'ok') return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`choral serve did not answer /health within ${timeoutMs} ms:\n${logs()}`);
}

// Starts the server. Call stop() at the end: it sends SIGTERM and resolves to {code, signal}.
// `env` adds environment variables (CHORAL_SMTP_HOST...); `config` is the text of a TOML
// configuration file to start with.
export async function startServer({ env = {}, config = null } = {}) {
  const bin = choralBinary();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'choral-test-'));
  const seed = await seedDemo(bin, dataDir);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = ['serve', '--listen', `127.0.0.1:${port}`, '--data', dataDir];
  if (config !== null) {
    const configFile = path.join(dataDir, 'choral.toml');
    await writeFile(configFile, config);
    args.push('--config', configFile);
  }
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'],
                                   env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const logs = () => output.split('\n').slice(-40).join('\n');
  try {
    await waitForHealth(baseUrl, child, logs, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  let stopped = null;
  return {
    baseUrl,
    seed,
    dataDir,
    logs,
    async stop() {
      if (!stopped) {
        stopped = (async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
          const result = await exited;
          clearTimeout(timer);
          await rm(dataDir, { recursive: true, force: true });
          return result;
        })();
      }
      return stopped;
    },
  };
}

// Runs one SQL statement on the SQLite database of a running server (WAL lets it run beside
// the server's own connections); resolves to sqlite3's output, one row per line, '|' between
// columns.
export async function sqlite(dataDir, sql) {
  const { stdout } = await execFileAsync(
    'sqlite3', ['-cmd', '.timeout 5000', path.join(dataDir, 'choral.db'), sql]);
  return stdout.trim();
}

// Queues an e-mail in the outbox as the platform would (tests that need a notification without
// going through a deposit); resolves to the row's id.
export async function enqueueMail(dataDir, to, templateKey, params) {
  const quote = (text) => `'${text.replaceAll("'", "''")}'`;
  return Number(await sqlite(dataDir,
    'INSERT INTO outbox (recipient, template_key, params, created_at) VALUES (' +
    `${quote(to)}, ${quote(templateKey)}, ${quote(JSON.stringify(params))}, ${Date.now()}) ` +
    'RETURNING id'));
}

// The Set-Cookie headers of a fetch response, as {name: {value, attributes: 'raw rest'}}.
export function setCookies(response) {
  const cookies = {};
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    cookies[pair.slice(0, eq).trim()] = {
      value: pair.slice(eq + 1).trim(),
      attributes: attributes.map((a) => a.trim()),
      raw: header,
    };
  }
  return cookies;
}

// The value of the hidden input named `name` in an HTML page.
export function hiddenField(html, name) {
  const match = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`));
  return match ? match[1] : null;
}

// Text as the portal's templates write it (mustache escapes & ' " < > /).
export function escapeHtml(text) {
  return text.replace(/[&'"<>/]/g, (c) => ({
    '&': '&amp;', "'": '&#39;', '"': '&quot;', '<': '&lt;', '>': '&gt;', '/': '&#x2F;',
  })[c]);
}

// Logs in through the login form as a browser would; returns the session cookie's value.
export async function logIn(baseUrl, email, password) {
  const form = await fetch(`${baseUrl}/login`);
  const csrf = setCookies(form).choral_csrf.value;
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `choral_csrf=${csrf}`,
    },
    body: new URLSearchParams({ csrf_token: csrf, email, password }).toString(),
  });
  const session = setCookies(response).choral_session;
  if (response.status !== 303 || !session) {
    throw new Error(`login as ${email} failed with ${response.status}`);
  }
  return session.value;
}

// The first demo login whose home page links a public structure to the directory, and that
// structure's SIRET: the demo seed's JSON names people, not SIRETs.
export async function findPublicStructure(baseUrl, logins) {
  for (const login of logins) {
    const session = await logIn(baseUrl, login.email, login.password);
    const home = await (await fetch(`${baseUrl}/`, { headers: { cookie: `choral_session=${session}` } })).text();
    const match = home.match(/href="(?:\/|&#x2F;)annuaire\?siret=(\d{14})"/);
    if (match) return { login, siret: match[1] };
  }
  throw new Error('no demo login acts for a public structure');
}
