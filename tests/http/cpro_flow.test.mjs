// The Chorus Pro-compatible flow API over real HTTP against `choral serve`: a supplier's software
// gets a bearer token, deposits a UBL invoice with deposerFluxFacture, polls consulterCRDetaille
// until the background job has integrated it, and fetches the PDF report with consulterCR.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { demoUblInvoice } from '../support/demo_invoice.mjs';
import { hiddenField, logIn, startServer } from '../support/server.mjs';

let server;
let bearer;

before(async () => {
  server = await startServer();
  const marc = server.seed.logins.find((l) => l.email === 'marc.dubois@atelier-lumen.example');
  const cookie = `choral_session=${await logIn(server.baseUrl, marc.email, marc.password)}`;
  const page = await (await fetch(`${server.baseUrl}/connexions-api`,
                                  { headers: { cookie } })).text();
  const created = await fetch(`${server.baseUrl}/connexions-api/clients`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: hiddenField(page, 'csrf_token'),
                                structure: hiddenField(page, 'structure'), label: 'ERP' }),
  });
  const shown = await created.text();
  const clientId = shown.match(/<code[^>]*>(choral-[0-9a-f]{24})<\/code>/)[1];
  const secret = shown.match(/<code class="[^"]*user-select-all">([0-9a-f]{64})<\/code>/)[1];
  const token = await (await fetch(`${server.baseUrl}/api/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId,
                                client_secret: secret }).toString(),
  })).json();
  bearer = `Bearer ${token.access_token}`;
});

after(async () => {
  await server?.stop();
});

async function cpro(path, body, authorization = bearer) {
  const headers = { 'content-type': 'application/json;charset=utf-8' };
  if (authorization) headers.authorization = authorization;
  return fetch(`${server.baseUrl}/cpro/${path}`,
               { method: 'POST', headers, body: JSON.stringify(body) });
}

async function untilFinal(number) {
  for (let i = 0; i < 60; ++i) {
    const cr = await (await cpro('transverses/v1/consulterCRDetaille',
                                 { numeroFluxDepot: number })).json();
    if (['IN_INTEGRE', 'IN_INTEGRE_PARTIEL', 'IN_REJETE', 'IN_INCIDENTE']
      .includes(cr.etatCourantDepotFlux)) return cr;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`flow ${number} did not finish`);
}

test('a flow deposited by API is integrated and its reports are given', async () => {
  const xml = await demoUblInvoice('API-1');
  const response = await cpro('factures/v1/deposer/flux', {
    fichierFlux: Buffer.from(xml).toString('base64'), nomFichier: 'facture.xml',
    syntaxeFlux: 'IN_DP_E1_UBL_INVOICE', avecSignature: false,
  });
  assert.equal(response.status, 200);
  const deposit = await response.json();
  assert.equal(deposit.codeRetour, 0);
  assert.match(deposit.numeroFluxDepot, /^CPP\d{22}$/);
  assert.match(deposit.dateDepot, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(deposit.syntaxeFlux, 'IN_DP_E1_UBL_INVOICE');

  const detailed = await untilFinal(deposit.numeroFluxDepot);
  assert.equal(detailed.codeRetour, 0);
  assert.equal(detailed.etatCourantDepotFlux, 'IN_INTEGRE', JSON.stringify(detailed));
  assert.deepEqual(detailed.listeErreurDP, []);
  assert.equal(detailed.nomFichier, 'facture.xml');
  assert.match(detailed.dateDepotFlux, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[12]:00$/);
  const invoice = detailed.compteRendu.invoices[0];
  assert.equal(invoice.accepted, true);
  assert.equal(invoice.invoice_number, 'API-1');
  assert.ok(invoice.invoice_id > 0);

  const cr = await (await cpro('transverses/v1/consulterCR',
                               { numeroFluxDepot: deposit.numeroFluxDepot })).json();
  assert.equal(cr.codeRetour, 0);
  assert.equal(cr.etatCourantFlux, 'IN_INTEGRE');
  assert.equal(Buffer.from(cr.fichierCR, 'base64').subarray(0, 5).toString(), '%PDF-');
});

test('a rejected invoice is listed with its errors', async () => {
  const xml = await demoUblInvoice('API-2', { buyerSiret: '73282932000074' });
  const deposit = await (await cpro('factures/v1/deposer/flux', {
    fichierFlux: Buffer.from(xml).toString('base64'), nomFichier: 'facture.xml',
    syntaxeFlux: 'IN_DP_E1_UBL_INVOICE', avecSignature: false,
  })).json();
  const detailed = await untilFinal(deposit.numeroFluxDepot);
  assert.equal(detailed.etatCourantDepotFlux, 'IN_REJETE');
  assert.equal(detailed.listeErreurDP[0].numeroDP, 'API-2');
  assert.match(detailed.listeErreurDP[0].libelleErreurDP, /^DEP-RECIPIENT-UNKNOWN : /);
});

test('unknown syntax, missing token and unknown flow get Chorus Pro answers', async () => {
  const unknown = await cpro('factures/v1/deposer/flux', {
    fichierFlux: Buffer.from('<Invoice/>').toString('base64'), nomFichier: 'f.xml',
    syntaxeFlux: 'UBL', avecSignature: false,
  });
  assert.equal(unknown.status, 200);
  const body = await unknown.json();
  assert.equal(body.codeRetour, 20002);
  assert.match(body.libelle, /unknown syntaxeFlux "UBL" \(expected one of IN_DP_E1_UBL_INVOICE/);

  const anonymous = await cpro('factures/v1/deposer/flux', {}, null);
  assert.equal(anonymous.status, 401);
  assert.match(anonymous.headers.get('www-authenticate'), /^Bearer/);

  const missing = await (await cpro('transverses/v1/consulterCR',
                                    { numeroFluxDepot: 'CPP0000000000000000099999' })).json();
  assert.equal(missing.codeRetour, 20000);
});
