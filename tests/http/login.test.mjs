// Logging in and out of the portal over real HTTP, against `choral serve` ($CHORAL_BIN) on a
// freshly seeded demo platform.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';

import { escapeHtml, hiddenField, logIn, setCookies, startServer } from '../support/server.mjs';

let server;
let demo;  // the first demo login

before(async () => {
  server = await startServer();
  demo = server.seed.logins[0];
});

after(async () => {
  await server?.stop();
});

function form(fields) {
  return new URLSearchParams(fields).toString();
}

async function postForm(path, fields, cookie) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (cookie) headers.cookie = cookie;
  return fetch(`${server.baseUrl}${path}`, {
    method: 'POST', redirect: 'manual', headers, body: form(fields),
  });
}

async function getPage(path, cookie) {
  return fetch(`${server.baseUrl}${path}`, {
    redirect: 'manual', headers: cookie ? { cookie } : {},
  });
}

// A raw GET whose path reaches the server as written (fetch would normalise "..").
function rawGet(path) {
  const { hostname, port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    http.get({ hostname, port, path }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    }).on('error', reject);
  });
}

test('health answers ok', async () => {
  const response = await fetch(`${server.baseUrl}/health`);
  assert.equal(response.status, 200);
  assert.equal((await response.json()).status, 'ok');
});

test('login page is French and carries a CSRF cookie and the same token in the form', async () => {
  const response = await getPage('/login');
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(html, /<html lang="fr">/);
  assert.match(html, /Adresse e-mail/);
  const csrf = setCookies(response).choral_csrf;
  assert.ok(csrf, 'choral_csrf cookie set');
  assert.ok(csrf.attributes.includes('HttpOnly'));
  assert.ok(csrf.attributes.includes('SameSite=Strict'));
  assert.equal(hiddenField(html, 'csrf_token'), csrf.value);
});

test('a demo login gets a session cookie and a home page with their name and structure', async () => {
  const page = await getPage('/login');
  const csrf = setCookies(page).choral_csrf.value;
  const response = await postForm('/login',
                                  { csrf_token: csrf, email: demo.email, password: demo.password },
                                  `choral_csrf=${csrf}`);
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/');
  const session = setCookies(response).choral_session;
  assert.ok(session, 'choral_session cookie set');
  assert.ok(session.value.length >= 32);
  assert.ok(session.attributes.includes('HttpOnly'), session.raw);
  assert.ok(session.attributes.includes('SameSite=Strict'), session.raw);
  assert.ok(session.attributes.includes('Path=/'), session.raw);

  const home = await getPage('/', `choral_session=${session.value}`);
  assert.equal(home.status, 200);
  const html = await home.text();
  const name = html.match(/<span class="visually-hidden">Connecté en tant que <\/span>([^<]+)<\/span>/);
  assert.ok(name && name[1].trim().length > 0, 'the header names the logged-in user');
  assert.ok(html.includes(`Bonjour ${name[1].trim()}`), 'the home page greets them by name');
  assert.ok(html.includes(escapeHtml(demo.structure_name)), `home lists ${demo.structure_name}`);

  const account = await (await getPage('/compte', `choral_session=${session.value}`)).text();
  assert.ok(account.includes(escapeHtml(demo.email)), 'account page shows the e-mail');
});

test('a wrong password re-renders the form with a French error and no session', async () => {
  const page = await getPage('/login');
  const csrf = setCookies(page).choral_csrf.value;
  const response = await postForm('/login',
                                  { csrf_token: csrf, email: demo.email, password: 'not-the-password' },
                                  `choral_csrf=${csrf}`);
  assert.equal(response.status, 200);
  assert.equal(setCookies(response).choral_session, undefined);
  const html = await response.text();
  assert.match(html, /role="alert"/);
  assert.match(html, /Adresse e-mail ou mot de passe incorrect\./);
  assert.ok(html.includes(`value="${escapeHtml(demo.email)}"`), 'the e-mail is kept');
});

test('a login post without the CSRF token is refused with 403', async () => {
  const response = await postForm('/login', { email: demo.email, password: demo.password });
  assert.equal(response.status, 403);
  assert.equal(setCookies(response).choral_session, undefined);
  assert.match(await response.text(), /Action refusée/);

  const page = await getPage('/login');
  const csrf = setCookies(page).choral_csrf.value;
  const mismatch = await postForm('/login',
                                  { csrf_token: 'f'.repeat(64), email: demo.email, password: demo.password },
                                  `choral_csrf=${csrf}`);
  assert.equal(mismatch.status, 403);
});

test('logout needs the session CSRF token, ends the session and clears the cookie', async () => {
  const session = await logIn(server.baseUrl, demo.email, demo.password);
  const cookie = `choral_session=${session}`;
  const home = await (await getPage('/', cookie)).text();
  const csrf = hiddenField(home, 'csrf_token');
  assert.ok(csrf, 'the logout form carries a CSRF token');

  const forged = await postForm('/logout', {}, cookie);
  assert.equal(forged.status, 403);
  assert.equal((await getPage('/', cookie)).status, 200, 'a refused logout leaves the session');

  const response = await postForm('/logout', { csrf_token: csrf }, cookie);
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/login');
  const cleared = setCookies(response).choral_session;
  assert.ok(cleared && cleared.value === '' && cleared.attributes.includes('Max-Age=0'));

  const after = await getPage('/', cookie);
  assert.equal(after.status, 303);
  assert.equal(after.headers.get('location'), '/login');
});

test('pages for people send visitors to the login page', async () => {
  for (const path of ['/', '/compte']) {
    const response = await getPage(path);
    assert.equal(response.status, 303, path);
    assert.equal(response.headers.get('location'), '/login');
  }
});

test('the public directory works without logging in and names the field in errors', async () => {
  const response = await getPage('/annuaire?siret=123');
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(html, /Annuaire des destinataires/);
  assert.match(html, /SIRET\u00a0: «\u00a0123\u00a0» doit comporter 14 chiffres\./);
});

test('static assets are served with their type and nothing outside static/', async () => {
  const css = await fetch(`${server.baseUrl}/static/choral.css`);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /^text\/css/);
  assert.ok(css.headers.get('etag'));
  const js = await fetch(`${server.baseUrl}/static/htmx.min.js`);
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
  for (const path of ['/static/../CMakeCache.txt', '/static/%2e%2e/%2e%2e/CMakeCache.txt',
                      '/static/..%2f..%2fCMakeCache.txt', '/static/nope.css']) {
    assert.equal(await rawGet(path), 404, path);
  }
});

// Last but one: once throttled, this address cannot log in for a while.
test('repeated wrong passwords are throttled with a French message', async () => {
  const target = server.seed.logins[1] ?? demo;
  let last;
  for (let attempt = 0; attempt < 10; attempt++) {
    const page = await getPage('/login');
    const csrf = setCookies(page).choral_csrf.value;
    last = await postForm('/login', { csrf_token: csrf, email: target.email, password: 'wrong' },
                          `choral_csrf=${csrf}`);
    if (last.status === 429) break;
    assert.equal(last.status, 200);
  }
  assert.equal(last.status, 429);
  assert.match(await last.text(), /Trop de tentatives de connexion/);
  assert.equal(setCookies(last).choral_session, undefined);
});

test('the server stops cleanly on SIGTERM', async () => {
  const { code, signal } = await server.stop();
  // On failure, show what the server said last (a sanitizer report goes to its stderr).
  assert.equal(signal, null, server.logs());
  assert.equal(code, 0, server.logs());
});
