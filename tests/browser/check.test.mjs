// "Vérifier une facture" in a real browser (Debian's chromium through playwright-core), without
// logging in: an invoice with errors shows its findings, each linked to its highlighted XML line;
// a valid one says so; a file that is not an invoice gets the error summary. Every page is checked
// with axe-core (WCAG 2.1 A/AA) and photographed into ${CHORAL_SCREENSHOT_DIR}/check-*.png.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { checkAccessible, launchChromium } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshotDir = path.resolve(root, process.env.CHORAL_SCREENSHOT_DIR || 'build');
const corpusDir = process.env.CHORAL_CORPUS_DIR || path.join(root, '..', 'shared', 'corpus');
// The official artefacts fire BR-CO-10 and BR-CO-15 on this one (expected.jsonl).
const invalidPath = path.join(corpusDir, 'en16931', 'ubl', 'zugferd-corpus',
  'not_validating_full_invoice_based_onTest_EeISI_300_CENfullmodel.ubl.xml');
const validPath = path.join(corpusDir, 'en16931', 'facturx', 'akretion', 'invoice_EN16931.pdf');

let server;
let browser;
let page;
let scratch;
const pageErrors = [];

before(async () => {
  server = await startServer();
  browser = await launchChromium();
  // The portal's Content-Security-Policy forbids inline scripts; axe is injected as one.
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  await mkdir(screenshotDir, { recursive: true });
  scratch = await mkdtemp(path.join(os.tmpdir(), 'choral-check-test-'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function assertAccessible(what) {
  await checkAccessible(page, pageErrors, what);
}

async function shoot(name) {
  await page.screenshot({ path: path.join(screenshotDir, `check-${name}.png`), fullPage: true });
}

async function upload(file) {
  await page.goto(`${server.baseUrl}/verifier`);
  await page.getByLabel('Fichier de la facture').setInputFiles(file);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.waitForLoadState('load');
}

test('the check page is public and accessible', async () => {
  await page.goto(`${server.baseUrl}/verifier`);
  assert.equal(new URL(page.url()).pathname, '/verifier');
  await page.getByRole('heading', { level: 1, name: 'Vérifier une facture' }).waitFor();
  await assertAccessible('the empty check page');
  await shoot('form');
});

test('an invoice with errors shows each finding linked to its highlighted XML line', async () => {
  await upload(invalidPath);
  await page.getByText('Facture non conforme.').waitFor();
  const rules = await page.locator('table.choral-findings tbody th code').allTextContents();
  assert.ok(rules.includes('BR-CO-10'), `findings shown: ${rules}`);
  assert.ok(rules.includes('BR-CO-15'), `findings shown: ${rules}`);
  const row = page.locator('table.choral-findings tbody tr', { hasText: 'BR-CO-10' }).first();
  assert.match(await row.textContent(), /Bloquant/);
  const link = row.getByRole('link', { name: /^ligne \d+$/ });
  const line = (await link.textContent()).replace('ligne ', '');
  const target = page.locator(`#ligne-${line}`);
  assert.match(await target.getAttribute('class'), /choral-xml-flagged/);
  assert.match(await target.textContent(), /LegalMonetaryTotal|LineExtensionAmount/);
  await link.click();
  assert.equal(new URL(page.url()).hash, `#ligne-${line}`);
  // The XML is shown whole, every line numbered by the list.
  assert.ok(await page.locator('ol.choral-xml li').count() > 100);
  await assertAccessible('the report of an invoice with errors');
  await shoot('errors');
});

test('a valid Factur-X PDF is reported valid, with its profile', async () => {
  await upload(validPath);
  await page.getByText('Facture conforme à la norme EN 16931.').waitFor();
  const facts = await page.locator('dl.choral-check-facts').textContent();
  assert.match(facts, /Factur-X/);
  assert.match(facts, /EN16931/);
  assert.equal(await page.locator('table.choral-findings tr.choral-finding-fatal').count(), 0);
  await assertAccessible('the report of a valid invoice');
  await shoot('valid');
});

test('a file that is not an invoice gets the error summary', async () => {
  const notes = path.join(scratch, 'notes.xml');
  await writeFile(notes, '<notes><note>bonjour</note></notes>');
  await upload(notes);
  const summary = page.getByRole('alert');
  await summary.waitFor();
  assert.match(await summary.textContent(), /n’a pas pu être vérifiée/);
  assert.match(await summary.textContent(), /facture structurée reconnue/);
  await assertAccessible('the error summary');
  await shoot('not-an-invoice');
});
