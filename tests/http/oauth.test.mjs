// API access over real HTTP against `choral serve`: a manager creates an OAuth2 client in the
// portal, software trades its credentials for a bearer token (RFC 6749 §4.4) and calls
// /api/v1/whoami with it (RFC 6750); revocation, wrong credentials and throttling are refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { hiddenField, logIn, sqlite, startServer } from '../support/server.mjs';

let server;
let managerCookie;
let client;  // {id, clientId, secret}

before(async () => {
  server = await startServer();
  const manager = server.seed.logins.find((l) => l.email === 'claire.martin@numerique.example');
  managerCookie = `choral_session=${await logIn(server.baseUrl, manager.email, manager.password)}`;
});

after(async () => {
  await server?.stop();
});

async function portal(path, cookie, fields) {
  const init = { redirect: 'manual', headers: { cookie } };
  if (fields) {
    init.method = 'POST';
    init.headers['content-type'] = 'application/x-www-form-urlencoded';
    init.body = new URLSearchParams(fields).toString();
  }
  return fetch(`${server.baseUrl}${path}`, init);
}

// POST /api/oauth/token as a client library would.
async function token(fields, headers = {}) {
  return fetch(`${server.baseUrl}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

async function whoami(authorization) {
  return fetch(`${server.baseUrl}/api/v1/whoami`,
               { headers: authorization ? { authorization } : {} });
}

test('a manager creates a client in the portal and sees its secret once', async () => {
  const page = await portal('/connexions-api', managerCookie);
  assert.equal(page.status, 200);
  const html = await page.text();
  const csrf = hiddenField(html, 'csrf_token');
  const structure = hiddenField(html, 'structure');
  const created = await portal('/connexions-api/clients', managerCookie,
                               { csrf_token: csrf, structure, label: 'ERP comptable' });
  assert.equal(created.status, 200);
  const shown = await created.text();
  const clientId = shown.match(/<code[^>]*>(choral-[0-9a-f]{24})<\/code>/)[1];
  const secret = shown.match(/<code class="[^"]*user-select-all">([0-9a-f]{64})<\/code>/)[1];
  const id = shown.match(/clients&#x2F;(\d+)&#x2F;revocation|clients\/(\d+)\/revocation/);
  client = { id: id[1] ?? id[2], clientId, secret, csrf };

  const again = await (await portal('/connexions-api', managerCookie)).text();
  assert.ok(again.includes(clientId));
  assert.ok(!again.includes(secret), 'the secret is shown once');
  const stored = await sqlite(server.dataDir, 'SELECT * FROM api_clients');
  assert.ok(!stored.includes(secret), 'only a hash of the secret is stored');
});

test('client credentials in the body give a bearer token that whoami accepts', async () => {
  const response = await token({ grant_type: 'client_credentials', client_id: client.clientId,
                                 client_secret: client.secret });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.equal(response.headers.get('pragma'), 'no-cache');
  const body = await response.json();
  assert.equal(body.token_type, 'Bearer');
  assert.equal(body.expires_in, 600);
  assert.match(body.access_token, /^[0-9a-f]{64}$/);
  client.token = body.access_token;

  const me = await whoami(`Bearer ${client.token}`);
  assert.equal(me.status, 200);
  const who = await me.json();
  assert.equal(who.client_id, client.clientId);
  assert.equal(who.client_label, 'ERP comptable');
  assert.equal(who.structure.raisonSociale, 'Ministère de la Transition numérique');
  assert.equal(who.structure.identifiantStructure, '11000998200015');
});

test('HTTP Basic works too (RFC 6749 §2.3.1)', async () => {
  const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:` +
                            `${encodeURIComponent(client.secret)}`).toString('base64');
  const response = await token({ grant_type: 'client_credentials' },
                               { authorization: `Basic ${basic}` });
  assert.equal(response.status, 200);
  assert.equal((await response.json()).token_type, 'Bearer');
});

test('bad token requests get RFC 6749 §5.2 errors', async () => {
  const wrong = await token({ grant_type: 'client_credentials', client_id: client.clientId,
                              client_secret: 'f'.repeat(64) });
  assert.equal(wrong.status, 401);
  assert.match(wrong.headers.get('www-authenticate'), /^Basic realm="choral"/);
  assert.equal((await wrong.json()).error, 'invalid_client');

  const grant = await token({ grant_type: 'password', client_id: client.clientId,
                              client_secret: client.secret });
  assert.equal(grant.status, 400);
  assert.equal((await grant.json()).error, 'unsupported_grant_type');

  const json = await fetch(`${server.baseUrl}/api/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials' }),
  });
  assert.equal(json.status, 400);
  assert.equal((await json.json()).error, 'invalid_request');
});

test('whoami wants a valid bearer token', async () => {
  const none = await whoami();
  assert.equal(none.status, 401);
  assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="choral"');
  const bad = await whoami(`Bearer ${'0'.repeat(64)}`);
  assert.equal(bad.status, 401);
  assert.equal(bad.headers.get('www-authenticate'),
               'Bearer realm="choral", error="invalid_token"');
});

test('a simple user cannot manage API access', async () => {
  const user = server.seed.logins.find((l) => l.email === 'ines.petit@numerique.example');
  const cookie = `choral_session=${await logIn(server.baseUrl, user.email, user.password)}`;
  const page = await portal('/connexions-api', cookie);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Seuls les gestionnaires/);
  const home = await (await portal('/', cookie)).text();
  const csrf = hiddenField(home, 'csrf_token');
  const structure = hiddenField(await (await portal('/connexions-api', managerCookie)).text(),
                                'structure');
  const refused = await portal('/connexions-api/clients', cookie,
                               { csrf_token: csrf, structure, label: 'pirate' });
  assert.equal(refused.status, 403);
});

test('revoking the client stops its tokens at once', async () => {
  const revoked = await portal(`/connexions-api/clients/${client.id}/revocation`, managerCookie,
                               { csrf_token: client.csrf });
  assert.equal(revoked.status, 303);
  assert.equal((await whoami(`Bearer ${client.token}`)).status, 401);
  const again = await token({ grant_type: 'client_credentials', client_id: client.clientId,
                              client_secret: client.secret });
  assert.equal(again.status, 401);
});

test('failed token requests from one address are throttled', async () => {
  let last;
  for (let i = 0; i < 12; ++i) {
    last = await token({ grant_type: 'client_credentials', client_id: 'choral-nobody',
                         client_secret: 'guess' });
  }
  assert.equal(last.status, 429);
  assert.equal((await last.json()).error, 'temporarily_unavailable');
  assert.ok(last.headers.get('retry-after'));
});
