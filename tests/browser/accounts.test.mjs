// Accounts in a real browser: a micro-entrepreneur signs up, follows the activation link read
// from the outbox, logs in, changes the password on "Mon compte" and logs in again with it. Each
// page is checked with axe-core (WCAG 2.1 A/AA, the base of RGAA) and screenshotted.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launchChromium } from '../support/browser.mjs';
import { sqlite, startServer } from '../support/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const axePath = path.join(root, 'node_modules', 'axe-core', 'axe.min.js');
const screenshotDir = path.resolve(root, process.env.CHORAL_SCREENSHOT_DIR || 'build');

const email = 'lea.fontaine@micro-entreprise.example';
const firstPassword = 'cheval agrafe correct';
const secondPassword = 'pommier lanterne bleue';
const siret = '73282932000074';  // valid checksum; not among the demo structures

let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  server = await startServer();
  browser = await launchChromium();
  // The portal's Content-Security-Policy forbids inline scripts; axe is injected as one.
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  await mkdir(screenshotDir, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function check(what, shot) {
  assert.deepEqual(pageErrors, [], `JavaScript errors before checking ${what}`);
  await page.screenshot({ path: path.join(screenshotDir, `accounts-${shot}.png`), fullPage: true });
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(
    () => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  const report = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')).join('\n');
  assert.equal(result.violations.length, 0, `axe violations on ${what}:\n${report}`);
}

// The newest activation or reset token queued for `to`, read from the outbox as a mail would be.
async function lastToken(to, name) {
  const params = await sqlite(server.dataDir,
    `SELECT params FROM outbox WHERE recipient = '${to}' ORDER BY id DESC LIMIT 1`);
  return JSON.parse(params)[name];
}

async function logIn(password) {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${server.baseUrl}/`);
}

test('the login page leads to the sign-up form', async () => {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await page.waitForURL(`${server.baseUrl}/inscription`);
  assert.equal(await page.title(), 'Créer un compte – Choral');
  await check('/inscription', 'signup');
});

test('a short password is refused next to its field, naming the rule', async () => {
  // Fields found by their labels (which carry the required mark, hence no exact match).
  await page.getByLabel(/^Adresse e-mail/).fill(email);
  await page.getByLabel(/^Prénom/).fill('Léa');
  await page.getByLabel(/^Nom/).fill('Fontaine');
  await page.getByLabel(/^Mot de passe/).fill('court');
  await page.getByLabel(/^Identifiant de la structure/).fill(siret);
  await page.getByLabel(/^Raison sociale/).fill('Léa Fontaine EI');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.waitForLoadState();
  const password = page.getByLabel(/^Mot de passe/);
  assert.equal(await password.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#password-erreur').innerText(), /au moins 12 caractères/);
  await check('/inscription with an error', 'signup-error');
});

test('signing up sends an activation link that makes the account its main manager', async () => {
  await page.getByLabel(/^Mot de passe/).fill(firstPassword);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('status').innerText(), /lien d’activation/);
  await check('sign-up done', 'signup-done');

  const token = await lastToken(email, 'activation_token');
  assert.match(token, /^[0-9a-f]{64}$/);
  await page.goto(`${server.baseUrl}/activation?jeton=${token}`);
  assert.match(await page.getByRole('status').innerText(),
               /gestionnaire principal de Léa Fontaine EI/);
  await check('/activation', 'activated');

  await page.goto(`${server.baseUrl}/activation?jeton=${token}`);
  assert.match(await page.getByRole('alert').innerText(), /déjà été utilisé/);
});

test('the new account logs in and sees its attachment on "Mon compte"', async () => {
  await logIn(firstPassword);
  await page.getByRole('link', { name: 'Mon compte' }).click();
  await page.waitForURL(`${server.baseUrl}/compte`);
  const table = await page.getByRole('table').innerText();
  assert.match(table, /Léa Fontaine EI/);
  assert.match(table, /Gestionnaire principal/);
  assert.match(table, /Validé/);
  await check('/compte', 'account');
});

test('changing the password ends the session; the new one logs in', async () => {
  await page.getByLabel(/^Mot de passe actuel/).fill('pas le bon');
  await page.getByLabel(/^Nouveau mot de passe/).fill(secondPassword);
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('#current_password-erreur').innerText(), /incorrect/);
  await check('/compte with a wrong password', 'account-error');

  await page.getByLabel(/^Mot de passe actuel/).fill(firstPassword);
  await page.getByLabel(/^Nouveau mot de passe/).fill(secondPassword);
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await page.waitForURL(/\/login\?info=mot-de-passe-change$/);
  assert.match(await page.getByRole('status').innerText(), /mot de passe a été changé/);
  await check('/login after the change', 'password-changed');

  await logIn(secondPassword);
  await page.goto(`${server.baseUrl}/compte`);
  assert.match(await page.locator('main').innerText(), new RegExp(email));
});

test('the forgotten-password pages are accessible and do not tell who has an account', async () => {
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  const visitor = await context.newPage();
  const previous = page;
  page = visitor;
  try {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL(`${server.baseUrl}/mot-de-passe/oubli`);
    await check('/mot-de-passe/oubli', 'forgot');
    await page.getByLabel(/^Adresse e-mail/).fill('personne@nulle-part.example');
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.waitForLoadState();
    const unknown = await page.getByRole('status').innerText();
    await page.goto(`${server.baseUrl}/mot-de-passe/oubli`);
    await page.getByLabel(/^Adresse e-mail/).fill(email);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.waitForLoadState();
    assert.equal(await page.getByRole('status').innerText(), unknown);

    const token = await lastToken(email, 'reset_token');
    await page.goto(`${server.baseUrl}/mot-de-passe/nouveau?jeton=${token}`);
    await check('/mot-de-passe/nouveau', 'new-password');
    await page.goto(`${server.baseUrl}/activation/renvoyer`);
    await check('/activation/renvoyer', 'resend');
  } finally {
    page = previous;
    await context.close();
  }
});
