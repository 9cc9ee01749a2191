// The portal in a real browser (Debian's chromium through playwright-core): log in by typing,
// look at each page, and check each against axe-core's WCAG 2.1 A/AA rules (the base of RGAA).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { checkAccessible, launchChromium } from '../support/browser.mjs';
import { enqueueMail, findPublicStructure, startServer } from '../support/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshotDir = path.resolve(root, process.env.CHORAL_SCREENSHOT_DIR || 'build');

let server;
let browser;
let page;
let person;  // {login, siret}: a demo login acting for a public structure, and its SIRET
const pageErrors = [];  // uncaught JavaScript errors on any page

const roleNames = {
  GESTIONNAIRE_PRINCIPAL: 'Gestionnaire principal',
  GESTIONNAIRE_SECONDAIRE: 'Gestionnaire secondaire',
  UTILISATEUR: 'Utilisateur',
};

before(async () => {
  server = await startServer();
  person = await findPublicStructure(server.baseUrl, server.seed.logins);
  browser = await launchChromium();
  // The portal's Content-Security-Policy forbids inline scripts; axe is injected as one.
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function assertAccessible(what) {
  await checkAccessible(page, pageErrors, what);
}

test('login page is accessible', async () => {
  const response = await page.goto(`${server.baseUrl}/login`);
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.title(), 'Connexion – Choral');
  await assertAccessible('/login');
});

test('a wrong password shows an error next to the form', async () => {
  await page.getByLabel('Adresse e-mail').fill(person.login.email);
  await page.getByLabel('Mot de passe').fill('pas le bon');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForLoadState();
  const alert = page.getByRole('alert');
  assert.match(await alert.innerText(), /Adresse e-mail ou mot de passe incorrect/);
  assert.equal(await page.getByLabel('Adresse e-mail').inputValue(), person.login.email);
  await assertAccessible('/login with an error');
});

test('logging in by typing leads to a home page with the name and the structures', async () => {
  await page.getByLabel('Mot de passe').fill(person.login.password);
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/`),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
  const heading = await page.getByRole('heading', { level: 1 }).innerText();
  assert.match(heading, /^Bonjour .+/);
  const name = heading.replace(/^Bonjour /, '');
  assert.ok((await page.locator('header').innerText()).includes(name), 'the header names the user');
  const structures = await page.locator('main table').innerText();
  assert.ok(structures.includes(person.login.structure_name),
            `home lists ${person.login.structure_name}`);
  await assertAccessible('/ (home)');
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, 'home.png'), fullPage: true });
});

test('the directory shows a public structure found from the home page', async () => {
  await Promise.all([
    page.waitForURL(/\/annuaire\?siret=\d{14}$/),
    page.locator(`a[href="/annuaire?siret=${person.siret}"]`).first().click(),
  ]);
  assert.equal(await page.getByLabel('SIRET, nom ou ville').inputValue(), person.siret);
  const result = page.locator('section.choral-result');
  assert.match(await result.innerText(), /Références exigées sur les factures/);
  assert.match(await result.innerText(), /Code service/);
  await assertAccessible(`/annuaire?siret=${person.siret}`);
  await page.screenshot({ path: path.join(screenshotDir, 'annuaire.png'), fullPage: true });
});

test('a malformed SIRET in a directory link gets an error naming the field', async () => {
  await page.goto(`${server.baseUrl}/annuaire?siret=123%20456`);
  assert.match(await page.getByRole('alert').innerText(), /^SIRET/);
  await assertAccessible('/annuaire with an error');
});

test('the directory searches by town and shows what each recipient requires', async () => {
  await page.getByLabel('SIRET, nom ou ville').fill('Paris');
  await Promise.all([
    page.waitForURL(/\/annuaire\?q=Paris$/),
    page.getByRole('button', { name: 'Rechercher' }).click(),
  ]);
  const list = page.locator('section.choral-directory-list');
  assert.match(await list.getByRole('heading', { level: 2 }).innerText(),
               /^\d+ entités publiques trouvées$/);
  const items = list.locator('li.choral-card');
  assert.ok(await items.count() >= 2, 'the demo has two public entities in Paris');
  const ministry = items.filter({ hasText: 'Ministère de la Transition numérique' });
  assert.match(await ministry.innerText(), /110 009 982 00015/);
  assert.match(await ministry.innerText(), /Code service obligatoire/);
  assert.match(await ministry.innerText(), /Numéro d’engagement obligatoire/);
  await assertAccessible('/annuaire?q=Paris');
  await page.screenshot({ path: path.join(screenshotDir, 'annuaire-recherche.png'),
                          fullPage: true });

  await Promise.all([
    page.waitForURL(/\/annuaire\?siret=11000998200015$/),
    ministry.getByRole('link').click(),
  ]);
  assert.match(await page.locator('section.choral-result').innerText(), /DAF-ACHATS/);
});

test('the directory finds by name, says when nothing matches, and takes a SIRET directly',
     async () => {
  await page.goto(`${server.baseUrl}/annuaire?q=${encodeURIComponent('saint-aubin')}`);
  const list = page.locator('section.choral-directory-list');
  assert.equal(await list.getByRole('heading', { level: 2 }).innerText(),
               '1 entité publique trouvée');
  assert.match(await list.innerText(), /Code service ou numéro d’engagement obligatoire/);

  await page.goto(`${server.baseUrl}/annuaire?q=introuvable`);
  assert.equal(await list.getByRole('heading', { level: 2 }).innerText(),
               'Aucune entité publique trouvée');

  await page.getByLabel('SIRET, nom ou ville').fill('213 401 581 00011');
  await Promise.all([
    page.waitForURL(/\/annuaire\?siret=21340158100011$/),
    page.getByRole('button', { name: 'Rechercher' }).click(),
  ]);
  assert.match(await page.locator('section.choral-result h2').innerText(), /Saint-Aubin/);
});

test('the account page lists e-mail, structures and roles', async () => {
  await page.getByRole('link', { name: 'Mon compte' }).click();
  await page.waitForURL(`${server.baseUrl}/compte`);
  const text = await page.locator('main').innerText();
  assert.ok(text.includes(person.login.email));
  assert.ok(text.includes(person.login.structure_name));
  assert.ok(text.includes(roleNames[person.login.role] ?? person.login.role),
            `account shows the role ${person.login.role} in French`);
  await assertAccessible('/compte');
});

test('a manager creates API credentials on "Connexions API" and sees each secret once', async () => {
  assert.ok(['GESTIONNAIRE_PRINCIPAL', 'GESTIONNAIRE_SECONDAIRE'].includes(person.login.role),
            'the browser tests log in as a manager');
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/connexions-api`),
    page.getByRole('link', { name: 'Connexions API' }).click(),
  ]);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Connexions API');
  await page.getByLabel('Identifiant du nouveau compte technique').first().fill('ERP-Compta');
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/connexions-api/comptes`),
    page.getByRole('button', { name: 'Créer le compte' }).first().click(),
  ]);
  const shown = page.locator('.choral-secret');
  assert.match(await shown.innerText(), /Compte technique créé/);
  assert.match(await shown.innerText(), /erp-compta/);
  assert.match(await shown.locator('code.user-select-all').innerText(), /^[0-9a-f]{32}$/);

  await page.getByLabel('Libellé du nouveau client').first().fill('Logiciel comptable');
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/connexions-api/clients`),
    page.getByRole('button', { name: 'Créer le client' }).first().click(),
  ]);
  assert.match(await shown.innerText(), /Client OAuth2 créé/);
  const secret = await shown.locator('code.user-select-all').innerText();
  assert.match(secret, /^[0-9a-f]{64}$/);
  const clients = page.getByRole('table', { name: 'Clients OAuth2 de la structure' }).first();
  assert.match(await clients.innerText(), /Logiciel comptable/);
  await assertAccessible('/connexions-api with a new secret');
  await page.screenshot({ path: path.join(screenshotDir, 'connexions-api.png'), fullPage: true });

  await Promise.all([
    page.waitForURL(`${server.baseUrl}/connexions-api`),
    clients.getByRole('button', { name: 'Révoquer Logiciel comptable' }).click(),
  ]);
  assert.equal(await page.locator('.choral-secret').count(), 0, 'secrets are not shown again');
  assert.ok(!(await page.content()).includes(secret));
  assert.match(await page.getByRole('table', { name: 'Clients OAuth2 de la structure' }).first()
    .innerText(), /Révoqué/);
  await assertAccessible('/connexions-api');
});

test('notifications: an unread badge, then the list of the e-mails sent to the person', async () => {
  await enqueueMail(server.dataDir, person.login.email, 'mail.invoice_deposited', {
    invoice_id: 1, invoice_number: 'FAC-2026-0001', supplier: 'Atelier Lumière',
    total_with_vat: '1200.00', currency: 'EUR',
  });
  await enqueueMail(server.dataDir, person.login.email, 'mail.invoice_status', {
    invoice_id: 1, invoice_number: 'FAC-2026-0001', status: 'SUSPENDUE',
  });
  await enqueueMail(server.dataDir, 'quelqu.un.d.autre@example.fr', 'mail.invoice_status', {
    invoice_id: 2, invoice_number: 'AUTRE-2', status: 'REJETEE',
  });
  await page.reload();
  const link = page.locator('header a[href="/notifications"]');
  assert.equal(await link.locator('.badge').innerText(), '2');
  assert.match(await link.textContent(), /Notifications.*2 non lue\(s\)/);
  await Promise.all([page.waitForURL(`${server.baseUrl}/notifications`), link.click()]);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Notifications');
  const items = page.locator('main li');
  assert.equal(await items.count(), 2, 'only the e-mails to this person');
  assert.match(await items.nth(0).innerText(), /Nouveau\s+Facture FAC-2026-0001 : Suspendue/);
  assert.match(await items.nth(1).innerText(), /Nouvelle facture FAC-2026-0001 de Atelier Lumière/);
  assert.equal(await items.nth(0).getByRole('link').getAttribute('href'), '/factures/1');
  assert.equal(await link.locator('.badge').count(), 0, 'opening the list reads them');
  await assertAccessible('/notifications');
  await page.screenshot({ path: path.join(screenshotDir, 'notifications.png'), fullPage: true });
  await page.reload();
  assert.equal(await page.locator('main .badge').count(), 0, 'read once seen');
});

test('logging out returns to the login page and the home page is closed again', async () => {
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/login`),
    page.getByRole('button', { name: 'Se déconnecter' }).click(),
  ]);
  await page.goto(`${server.baseUrl}/`);
  assert.equal(new URL(page.url()).pathname, '/login');
});
