// Authorization, proven: every route of `choral serve` x 7 personas x {own, foreign} object,
// against a real server on a seeded demo platform. The oracle is the policy table
// (src/http/route_policy.cc), read through `choral admin routes --json`; a served route the table
// does not list fails the first test.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';

import { hiddenField, logIn, setCookies, sqlite, startServer } from '../support/server.mjs';

const execFileAsync = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const corpusDir =
  process.env.CHORAL_CORPUS_DIR || path.join(here, '..', '..', '..', 'shared', 'corpus');
const pdfPath = path.join(corpusDir, 'pdf', 'synthetic', 'syn-01-simple.pdf');

let server;
let table;      // {registered, policies}
let world;      // structure ids, objects, personas

before(async () => {
  server = await startServer();
  const { stdout } = await execFileAsync(
    process.env.CHORAL_BIN, ['admin', 'routes', '--json', '--data', server.dataDir]);
  table = JSON.parse(stdout);
  world = await buildWorld();
});

after(async () => {
  await server?.stop();
});

const key = (route) => `${route.method} ${route.pattern}`;

test('every served route has a policy, and every policy names a served route', () => {
  const served = new Set(table.registered.map(key));
  const listed = new Set(table.policies.map(key));
  const unlisted = [...served].filter((k) => !listed.has(k));
  const stale = [...listed].filter((k) => !served.has(k));
  assert.deepEqual(unlisted, [],
                   `routes without a policy in src/http/route_policy.cc:\n${unlisted.join('\n')}`);
  assert.deepEqual(stale, [], `policies for routes nobody serves:\n${stale.join('\n')}`);
});

// ---- the world: structures, personas, objects ----------------------------------------------

function password(email) {
  const login = server.seed.logins.find((l) => l.email === email);
  if (!login) throw new Error(`no demo login ${email}`);
  return login.password;
}

async function structureId(namePart) {
  const id = await sqlite(server.dataDir,
    `SELECT id FROM structures WHERE name LIKE '%${namePart}%' ORDER BY id LIMIT 1`);
  if (!id) throw new Error(`no demo structure named like ${namePart}`);
  return Number(id);
}

// A logged-in browser: its session cookie and the CSRF token its pages carry.
async function session(email) {
  const cookie = `choral_session=${await logIn(server.baseUrl, email, password(email))}`;
  const home = await (await fetch(`${server.baseUrl}/`, { headers: { cookie } })).text();
  const csrf = hiddenField(home, 'csrf_token');
  if (!csrf) throw new Error(`no CSRF token on ${email}'s home page`);
  return { email, cookie, csrf };
}

// Uploads the sample PDF as `who`; resolves to the draft's id.
async function uploadDraft(who) {
  const form = new FormData();
  form.append('csrf_token', who.csrf);
  form.append('pdf', new Blob([await readFile(pdfPath)], { type: 'application/pdf' }),
              'facture.pdf');
  const response = await fetch(`${server.baseUrl}/factures/deposer/lecture`, {
    method: 'POST', redirect: 'manual', headers: { cookie: who.cookie }, body: form,
  });
  const html = await response.text();
  const draft = hiddenField(html, 'draft_id');
  if (!draft) throw new Error(`upload as ${who.email} gave no draft (${response.status})`);
  return { draft: Number(draft), html };
}

// Every field of the deposit form page as the browser would send it, unchecked boxes left out.
function formFields(html) {
  const fields = {};
  for (const [input] of html.matchAll(/<input[^>]*>/g)) {
    const name = input.match(/name="([^"]*)"/)?.[1];
    if (!name || /type="(checkbox|radio|file)"/.test(input)) continue;
    fields[name] = input.match(/value="([^"]*)"/)?.[1] ?? '';
  }
  const selects = /<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g;
  for (const [, name, options] of html.matchAll(selects)) {
    const selected = options.match(/<option value="([^"]*)"[^>]*selected/) ??
                     options.match(/<option value="([^"]*)"/);
    fields[name] = selected ? selected[1] : '';
  }
  return fields;
}

const unescape = (text) => text.replace(/&#x2F;/g, '/').replace(/&#39;/g, "'")
  .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// Deposits the uploaded draft to `recipient` (a structure id) through the deposit form; resolves
// to the invoice's id. Throws when the deposit is refused: the matrix needs its invoices.
async function depositInvoice(who, upload, recipient) {
  const fields = formFields(upload.html);
  fields.recipient_siret = await sqlite(server.dataDir,
    `SELECT identifier FROM structures WHERE id = ${recipient}`);
  fields.service_code = await sqlite(server.dataDir,
    `SELECT code FROM services WHERE structure_id = ${recipient} ORDER BY id LIMIT 1`);
  fields.engagement_number = 'EJ-2024-0001';
  fields.action = 'deposer';
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, unescape(value));
  const response = await fetch(`${server.baseUrl}/factures/deposer`, {
    method: 'POST', redirect: 'manual', headers: { cookie: who.cookie }, body: form,
  });
  const match = (response.headers.get('location') ?? '').match(/^\/factures\/(\d+)\//);
  if (!match) {
    const feedback = /class="invalid-feedback[^"]*"[^>]*>([^<]*)/g;
    const problems = [...(await response.text()).matchAll(feedback)].map((m) => m[1]);
    throw new Error(`deposit as ${who.email} not accepted (${response.status}): ` +
                    problems.join('; '));
  }
  return Number(match[1]);
}

// Deposits a one-invoice flow as `who` through the portal; resolves to its number.
async function depositFlow(who) {
  const form = new FormData();
  form.append('csrf_token', who.csrf);
  form.append('syntaxe', 'IN_DP_E1_UBL_INVOICE');
  form.append('fichier', new Blob(['<Invoice/>'], { type: 'application/xml' }), 'flux.xml');
  const response = await fetch(`${server.baseUrl}/flux/deposer`, {
    method: 'POST', redirect: 'manual', headers: { cookie: who.cookie }, body: form,
  });
  const match = (response.headers.get('location') ?? '').match(/^\/flux\/(CPP\d+)$/);
  if (!match) throw new Error(`flow deposit as ${who.email} not accepted (${response.status})`);
  return match[1];
}

// A technical account and an OAuth2 client of `structure`, set up by its manager `who` through
// the Connexions API page; resolves to their ids.
async function createApiAccess(who, structure, tag) {
  for (const [path, field] of [['comptes', 'login'], ['clients', 'label']]) {
    const response = await fetch(`${server.baseUrl}/connexions-api/${path}`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf_token: who.csrf, structure, [field]: `matrice-${tag}` }),
    });
    if (response.status !== 200) {
      throw new Error(`${who.email} could not create ${path} (${response.status})`);
    }
  }
  return {
    account: Number(await sqlite(server.dataDir,
      `SELECT id FROM technical_accounts WHERE login = 'matrice-${tag}'`)),
    client: Number(await sqlite(server.dataDir,
      `SELECT id FROM api_clients WHERE label = 'matrice-${tag}'`)),
  };
}

async function postStatus(who, invoice, fields, file = null) {
  const page = await (await fetch(`${server.baseUrl}/factures/${invoice}`,
                                  { headers: { cookie: who.cookie } })).text();
  const form = new FormData();
  const all = { csrf_token: who.csrf, version: hiddenField(page, 'version') ?? '', ...fields };
  for (const [name, value] of Object.entries(all)) form.append(name, value);
  if (file) form.append('pieces', new Blob([file], { type: 'application/pdf' }), 'piece.pdf');
  return fetch(`${server.baseUrl}/factures/${invoice}/statut`, {
    method: 'POST', redirect: 'manual', headers: { cookie: who.cookie }, body: form,
  });
}

// An attachment (pièce jointe) on `invoice`, as the platform makes one: the recipient suspends
// the invoice, the supplier acknowledges and completes it with a file. Resolves to its id;
// throws when a step was refused.
async function attachPiece(recipient, supplier, invoice) {
  const suspended =
    await postStatus(recipient, invoice, { to: 'SUSPENDUE', comment: 'Pièce manquante' });
  await fetch(`${server.baseUrl}/factures/${invoice}/acquittement`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: supplier.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: supplier.csrf }),
  });
  const completed = await postStatus(supplier, invoice, { to: 'COMPLETEE', comment: 'Jointe' },
                                     await readFile(pdfPath));
  const id = await sqlite(server.dataDir,
    `SELECT id FROM invoice_attachments WHERE invoice_id = ${invoice} ORDER BY id LIMIT 1`);
  if (!id) {
    throw new Error(`no attachment on invoice ${invoice}: ` +
                    `suspend ${suspended.status}, complete ${completed.status}`);
  }
  return Number(id);
}

async function buildWorld() {
  const ids = {
    lumen: await structureId('Lumen'),
    julie: await structureId('Moreau'),
    ministry: await structureId('minist'),
    commune: await structureId('Aubin'),
  };
  const marc = await session('marc.dubois@atelier-lumen.example');
  const julie = await session('julie.moreau@traduction.example');
  const julieDraft = (await uploadDraft(julie)).draft;  // foreign to every persona
  // Invoices: Atelier Lumen -> the ministry, Julie Moreau -> the commune (drafts of their own).
  const invoices = {
    lumenToMinistry: await depositInvoice(marc, await uploadDraft(marc), ids.ministry),
    julieToCommune: await depositInvoice(julie, await uploadDraft(julie), ids.commune),
  };
  const flows = { lumen: await depositFlow(marc), julie: await depositFlow(julie) };
  const claire = await session('claire.martin@numerique.example');
  const luc = await session('luc.garnier@saint-aubin.example');
  const pieces = {
    lumenToMinistry: await attachPiece(claire, marc, invoices.lumenToMinistry),
    julieToCommune: await attachPiece(luc, julie, invoices.julieToCommune),
  };
  // API access of each side for the personas who do not manage it (never revoked: only its
  // outsiders use it), and one per manager persona below (theirs to rotate and revoke).
  const sharedApi = {
    lumen: await createApiAccess(marc, ids.lumen, 'lumen'),
    commune: await createApiAccess(luc, ids.commune, 'commune'),
    ministry: await createApiAccess(claire, ids.ministry, 'ministry'),
  };
  const personas = [
    { name: 'anonymous' },
    { name: 'simple user', email: 'tom.lefevre@atelier-lumen.example', structure: ids.lumen,
      supplier: true },
    { name: 'secondary manager', email: 'lea.girard@atelier-lumen.example', structure: ids.lumen,
      supplier: true, manager: true },
    { name: 'main manager', email: 'marc.dubois@atelier-lumen.example', structure: ids.lumen,
      supplier: true, manager: true, main: true },
    { name: 'other manager', email: 'luc.garnier@saint-aubin.example', structure: ids.commune,
      recipient: true, manager: true, main: true },
    { name: 'recipient user', email: 'ines.petit@numerique.example', structure: ids.ministry,
      recipient: true },
    { name: 'admin', email: 'admin@choral.example', admin: true },
  ];
  for (const persona of personas) {
    if (persona.email) Object.assign(persona, await session(persona.email));
    // A draft belongs to the person who uploaded it; others have none of their own.
    const ownDraft = persona.supplier ? (await uploadDraft(persona)).draft : julieDraft;
    // Own and foreign objects: a structure and a draft of the persona's side, and another's.
    const foreignStructure = persona.structure === ids.lumen ? ids.commune : ids.lumen;
    // The invoice the persona's structure is a party to, and one it has nothing to do with.
    const ownInvoice = [ids.lumen, ids.ministry].includes(persona.structure)
      ? invoices.lumenToMinistry : invoices.julieToCommune;
    const foreignInvoice = ownInvoice === invoices.lumenToMinistry
      ? invoices.julieToCommune : invoices.lumenToMinistry;
    const [ownPiece, foreignPiece] = ownInvoice === invoices.lumenToMinistry
      ? [pieces.lumenToMinistry, pieces.julieToCommune]
      : [pieces.julieToCommune, pieces.lumenToMinistry];
    persona.objects = {
      own: { structure: persona.structure ?? ids.ministry,
             draft: ownDraft,
             flow: persona.structure === ids.lumen ? flows.lumen : flows.julie,
             invoice: ownInvoice, piece: ownPiece },
      foreign: { structure: foreignStructure,
                 draft: julieDraft,
                 flow: persona.structure === ids.lumen ? flows.julie : flows.lumen,
                 invoice: foreignInvoice, piece: foreignPiece },
    };
    const sharedOwnApi = {
      [ids.lumen]: sharedApi.lumen, [ids.commune]: sharedApi.commune,
      [ids.ministry]: sharedApi.ministry,
    }[persona.structure] ?? sharedApi.lumen;
    const ownApi = persona.manager
      ? await createApiAccess(persona, persona.structure, persona.email.split('@')[0])
      : sharedOwnApi;
    Object.assign(persona.objects.own, ownApi);
    Object.assign(persona.objects.foreign,
                  persona.structure === ids.lumen ? sharedApi.commune : sharedApi.lumen);
    // The admin acts for no structure: nothing is its own.
    persona.ownsObjects = Boolean(persona.structure);
  }
  const siret = await sqlite(server.dataDir,
                             `SELECT identifier FROM structures WHERE id = ${ids.ministry}`);
  return { ids, personas, siret, invoices, pieces };
}

// ---- the oracle ------------------------------------------------------------------------------

function expectedAllowed(audience, persona, own) {
  const logged = Boolean(persona.email);
  const owns = own && persona.ownsObjects;
  switch (audience) {
    case 'public': return true;
    case 'logged_in': return logged;
    case 'supplier': return Boolean(persona.supplier);
    case 'recipient': return Boolean(persona.recipient);
    case 'structure_member': return Boolean(persona.structure);
    case 'any_manager': return Boolean(persona.manager);
    case 'platform_admin': return Boolean(persona.admin);
    case 'draft_uploader': return owns && Boolean(persona.supplier);
    case 'flow_supplier': return owns && Boolean(persona.supplier);
    case 'structure_managers': return owns && Boolean(persona.manager);
    case 'structure_main_manager': return owns && Boolean(persona.main);
    case 'invoice_parties': return owns;
    case 'invoice_supplier': return owns && Boolean(persona.supplier);
    case 'api_account_managers': return owns && Boolean(persona.manager);
    case 'bearer': return false;  // a browser session is never a bearer token
    default: throw new Error(`the matrix has no oracle for audience '${audience}'`);
  }
}

// ---- the requests ----------------------------------------------------------------------------

function fillPath(pattern, objects) {
  return pattern
    .replace(':path(.*)', 'choral.css')
    .replace(':siret', world.siret)
    .replace(':structure(\\d+)', String(objects.structure))
    .replace(':draft(\\d+)', String(objects.draft))
    .replace(':number(CPP\\d+)', objects.flow)
    .replace(':id(\\d+)', String(pattern.startsWith('/connexions-api/comptes/') ? objects.account
      : pattern.startsWith('/connexions-api/clients/') ? objects.client : objects.invoice))
    .replace(':page(\\d+).png', '1.png')
    .replace(':piece(\\d+)', String(objects.piece));
}

const kMultipart = new Set(['/factures/deposer/lecture', '/factures/deposer',
                            '/factures/deposer/lot', '/flux/deposer']);

async function send(route, persona, url) {
  const headers = {};
  let cookie = persona.cookie;
  let csrf = persona.csrf;
  if (route.method === 'POST' && route.pattern === '/logout' && persona.email) {
    ({ cookie, csrf } = await session(persona.email));  // a throw-away session to end
  }
  // Public forms (login, sign-up, password recovery) carry the pre-session CSRF cookie's token,
  // whoever sends them.
  if (route.method === 'POST' && (!persona.email || route.audience === 'public')) {
    const page = await fetch(`${server.baseUrl}/login`);
    csrf = setCookies(page).choral_csrf.value;
    cookie = [cookie, `choral_csrf=${csrf}`].filter(Boolean).join('; ');
  }
  if (cookie) headers.cookie = cookie;
  const init = { method: route.method, redirect: 'manual', headers };
  if (route.method === 'POST') {
    if (kMultipart.has(route.pattern)) {
      const form = new FormData();
      form.append('csrf_token', csrf);
      init.body = form;
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      // A well-formed status move whose version never matches: the platform must decide who
      // may ask (allowed ends in a conflict), and no invoice changes under the matrix.
      const fields = route.pattern.endsWith('/statut')
        ? { csrf_token: csrf, to: 'REJETEE', version: '999999', comment: 'matrice' }
        : { csrf_token: csrf };
      init.body = new URLSearchParams(fields).toString();
    }
  }
  const response = await fetch(`${server.baseUrl}${url}`, init);
  const body = await response.text();
  const answer = {
    status: response.status, location: response.headers.get('location') ?? '', body,
  };
  if (route.pattern === '/logout') {
    // Logging out answers with the login page either way: what counts is a session ended.
    const home = cookie &&
      await fetch(`${server.baseUrl}/`, { redirect: 'manual', headers: { cookie } });
    answer.sessionEnded = Boolean(persona.email) && home.status === 303;
  }
  return answer;
}

// Denied: sent to the login page, or a 401/403/404. Public routes may still answer 4xx to an
// empty form (a bad token, no credentials): for them only a login redirect or a 403 is a refusal.
function verdict(answer, audience) {
  if (answer.status >= 500) return 'error';
  if ('sessionEnded' in answer) return answer.sessionEnded ? 'allow' : 'deny';
  const toLogin =
    answer.status >= 300 && answer.status < 400 && answer.location.startsWith('/login');
  if (toLogin) return 'deny';
  if (audience === 'public') return answer.status === 403 ? 'deny' : 'allow';
  if ([401, 403, 404].includes(answer.status)) return 'deny';
  if (/acc[eè]s refus[ée]/i.test(answer.body)) return 'deny';
  return 'allow';
}

test('every route x persona x {own, foreign} is allowed or denied as the policy says',
     { timeout: 110_000 }, async () => {
  const rows = [];
  const problems = [];
  for (const policy of table.policies) {
    const row = [key(policy).padEnd(64)];
    for (const persona of world.personas) {
      for (const own of [true, false]) {
        const expected = expectedAllowed(policy.audience, persona, own);
        const url = fillPath(policy.pattern, persona.objects[own ? 'own' : 'foreign']);
        const answer = await send(policy, persona, url);
        const got = verdict(answer, policy.audience);
        const ok = got === (expected ? 'allow' : 'deny');
        const mismatch = got === 'allow' ? 'L' : got === 'error' ? 'E' : 'X';
        row.push(ok ? (expected ? 'A' : '.') : mismatch);
        if (!ok) {
          problems.push(`${persona.name} ${own ? 'own' : 'foreign'} ${policy.method} ${url}: ` +
                        `expected ${expected ? 'allow' : 'deny'}, got ${answer.status} ` +
                        `${answer.location} (${got})`);
        }
      }
    }
    rows.push(row.join(' '));
  }
  const legend = 'columns: ' + world.personas.map((p) => `${p.name} (own, foreign)`).join(', ') +
    '\nA allowed as expected, . denied as expected, L LEAK (allowed, should be denied), ' +
    'X denied but should be allowed, E 5xx';
  assert.deepEqual(problems, [], `${legend}\n${rows.join('\n')}\n\n${problems.join('\n')}`);
});
