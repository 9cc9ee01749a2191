// Deposit and processing in a real browser (Debian's chromium through playwright-core): a supplier
// uploads a synthetic PDF, corrects the recipient Choral read, deposits it; the ministry finds it
// in "À traiter" and suspends it; the supplier completes it; the ministry sets it "Mise en
// paiement"; the supplier sees it paid. Every page is checked with axe-core (WCAG 2.1 A/AA) and
// photographed into ${CHORAL_SCREENSHOT_DIR}/deposit-*.png.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { checkAccessible, launchChromium } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshotDir = path.resolve(root, process.env.CHORAL_SCREENSHOT_DIR || 'build');
const corpusDir = process.env.CHORAL_CORPUS_DIR || path.join(root, '..', 'shared', 'corpus');
const pdfPath = path.join(corpusDir, 'pdf', 'synthetic', 'syn-01-simple.pdf');
const scanPath = path.join(corpusDir, 'pdf', 'synthetic', 'syn-05-scan-of-table.pdf');

const supplierEmail = 'marc.dubois@atelier-lumen.example';
const ministryEmail = 'claire.martin@numerique.example';
const ministrySiret = '11000998200015';

let server;
let browser;
let page;
let invoiceNumber;
let invoicePath;  // "/factures/<id>"
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

function password(email) {
  const login = server.seed.logins.find((l) => l.email === email);
  assert.ok(login, `the demo seed has ${email}`);
  return login.password;
}

async function assertAccessible(what) {
  await checkAccessible(page, pageErrors, what);
}

async function shoot(name) {
  await page.screenshot({ path: path.join(screenshotDir, `deposit-${name}.png`), fullPage: true });
}

async function logInAs(email) {
  await page.goto(`${server.baseUrl}/login`);
  if (new URL(page.url()).pathname !== '/login') {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${server.baseUrl}/login`);
  }
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password(email));
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/`),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
}

async function logOut() {
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/login`),
    page.getByRole('button', { name: 'Se déconnecter' }).click(),
  ]);
}

// The text of the invoice page's "Statut" line.
async function shownStatus() {
  return (await page.locator('dl.choral-details > div', { hasText: /^Statut/ }).first()
    .locator('dd').innerText()).trim();
}

test('the supplier uploads a PDF and sees the values Choral read', async () => {
  await logInAs(supplierEmail);
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  assert.ok(await nav.getByRole('link', { name: 'Déposer une facture' }).isVisible());
  assert.ok(await nav.getByRole('link', { name: 'Factures émises' }).isVisible());
  assert.equal(await nav.getByRole('link', { name: 'Factures reçues' }).count(), 0,
               'a supplier has no received invoices');
  await nav.getByRole('link', { name: 'Déposer une facture' }).click();
  await page.waitForURL(`${server.baseUrl}/factures/deposer`);
  await assertAccessible('/factures/deposer');
  await shoot('1-upload');

  // A scan is refused with the four golden rules, and no deposit form.
  await page.getByLabel('Factures au format PDF').setInputFiles(scanPath);
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/factures/deposer/lecture`),
    page.getByRole('button', { name: 'Lire les factures' }).click(),
  ]);
  assert.match(await page.getByRole('alert').innerText(), /image numérisée/);
  assert.equal(await page.locator('ol.choral-rules li').count(), 4);
  assert.equal(await page.getByLabel('SIRET du destinataire').count(), 0);
  await assertAccessible('the scan refusal');
  await shoot('1b-scan-refused');

  await page.getByLabel('Factures au format PDF').setInputFiles(pdfPath);
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/factures/deposer/lecture`),
    page.getByRole('button', { name: 'Lire les factures' }).click(),
  ]);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(),
               'Vérifier et déposer la facture');
  invoiceNumber = await page.getByLabel('Numéro de facture').inputValue();
  assert.equal(invoiceNumber, 'FAC-2024-0142');
  assert.equal(await page.getByLabel('Date de la facture').inputValue(), '2024-03-15');
  assert.match(await page.getByLabel('Montant TTC').inputValue(), /^5\s?100,00$/);
  assert.equal(await page.getByLabel('Cadre de facturation').inputValue(), 'A1_FACTURE_FOURNISSEUR');
  // The SIRET printed on the PDF is nobody in the demo data: the form says so.
  assert.equal(await page.getByLabel('SIRET du destinataire').inputValue(), '11000456100012');
  assert.match(await page.locator('main').innerText(), /Aucune entité publique active/);

  // The page preview beside the form: the image of page 1, the values found outlined on it.
  const preview = page.locator('figure.choral-preview').first();
  const image = preview.locator('img');
  await image.evaluate((img) => img.complete || new Promise((r) => { img.onload = r; }));
  assert.ok(await image.evaluate((img) => img.naturalWidth > 300), 'the page image loads');
  const marks = preview.locator('rect.choral-mark');
  assert.ok(await marks.count() >= 5, `found values are outlined (${await marks.count()})`);
  const numberMark = preview.locator('rect[data-field="invoice_number"]');
  assert.equal(await numberMark.count(), 1);
  await page.getByLabel('Numéro de facture').focus();
  assert.match(await numberMark.getAttribute('class'), /choral-mark-active/,
               'focusing a field outlines where its value was read');
  await assertAccessible('the pre-filled deposit form');
  await shoot('2-prefilled');
});

test('depositing to a SIRET nobody has is refused next to the field', async () => {
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/factures/deposer`),
    page.getByRole('button', { name: 'Déposer la facture' }).click(),
  ]);
  assert.match(await page.getByRole('alert').innerText(), /Le dépôt est refusé/);
  const siret = page.getByLabel('SIRET du destinataire');
  assert.equal(await siret.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#recipient_siret-erreur').innerText(), /^SIRET du destinataire/);
  assert.equal(await page.getByLabel('Numéro de facture').inputValue(), invoiceNumber,
               'what the supplier saw is kept');
  await assertAccessible('the refused deposit');
  await shoot('2b-refused');
});

test('the supplier corrects the recipient and deposits: a receipt with the fingerprint', async () => {
  await page.getByLabel('SIRET du destinataire').fill(ministrySiret);
  await page.getByRole('button', { name: 'Rechercher le destinataire' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('.choral-recipient').innerText(), /Minist/);
  await page.getByLabel('Code service').selectOption('DAF-ACHATS');
  await page.getByLabel('Numéro d’engagement').fill('EJ-2026-0042');
  await assertAccessible('the deposit form with the ministry as recipient');
  await shoot('3-corrected');

  await Promise.all([
    page.waitForURL(/\/factures\/\d+\/accuse-de-depot$/),
    page.getByRole('button', { name: 'Déposer la facture' }).click(),
  ]).catch(async (error) => {
    const alert = await page.getByRole('alert').allInnerTexts();
    throw new Error(`no receipt: ${error.message}\nalerts: ${alert.join('\n')}`);
  });
  const main = await page.locator('main').innerText();
  assert.match(main, /Accusé de dépôt/);
  assert.match(main, /[0-9a-f]{64}/, 'the receipt shows the SHA-256 of the PDF');
  assert.ok(main.includes(invoiceNumber));
  await assertAccessible('the deposit receipt');
  await shoot('4-receipt');
  await page.getByRole('link', { name: 'Voir la facture et son suivi' }).click();
  await page.waitForURL(/\/factures\/\d+$/);
  invoicePath = new URL(page.url()).pathname;
  assert.equal(await shownStatus(), 'Mise à disposition');
  await assertAccessible('the invoice page (supplier)');
  await logOut();
});

test('the ministry finds it in "À traiter" and suspends it with a reason', async () => {
  await logInAs(ministryEmail);
  const toProcess = page.getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: /^À traiter/ });
  assert.match(await toProcess.innerText(), /À traiter\s*\d+/, 'a badge counts what waits');
  await toProcess.click();
  await page.waitForURL(`${server.baseUrl}/factures/a-traiter`);
  const row = page.locator('main table tbody tr', { hasText: invoiceNumber });
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /5\s?100,00\s€/);
  await assertAccessible('/factures/a-traiter (ministry)');
  await shoot('5-to-process');

  await row.getByRole('link', { name: invoiceNumber }).click();
  await page.waitForURL(`${server.baseUrl}${invoicePath}`);
  await assertAccessible('the invoice page (ministry)');
  await shoot('5b-invoice-to-process');
  // A reason is required: the browser refuses to send the form without one.
  assert.equal(await page.locator('#commentaire-SUSPENDUE').getAttribute('required'), '');
  await page.locator('#commentaire-SUSPENDUE').fill('Bon de livraison manquant');
  await Promise.all([
    page.waitForURL(/\?fait=SUSPENDUE$/),
    page.getByRole('button', { name: 'Suspendre' }).click(),
  ]);
  assert.equal(await shownStatus(), 'Suspendue');
  assert.match(await page.locator('main table').innerText(), /Bon de livraison manquant/);
  await assertAccessible('the suspended invoice (ministry)');
  await shoot('6-suspended');
  await logOut();
});

test('the supplier completes the suspended invoice', async () => {
  await logInAs(supplierEmail);
  await page.getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: /^À traiter/ }).click();
  await page.waitForURL(`${server.baseUrl}/factures/a-traiter`);
  await page.locator('main table').getByRole('link', { name: invoiceNumber }).click();
  await page.waitForURL(`${server.baseUrl}${invoicePath}`);
  assert.equal(await shownStatus(), 'Suspendue');
  await assertAccessible('the suspended invoice (supplier)');
  await shoot('6b-suspended-supplier');
  // The suspension is acknowledged first (ACQUITTEMENT_SUSPENSION), once.
  await Promise.all([
    page.waitForURL(/\?acquittee=1$/),
    page.getByRole('button', { name: 'Accuser réception' }).click(),
  ]);
  assert.equal(await page.getByRole('button', { name: 'Accuser réception' }).count(), 0);
  assert.match(await page.locator('main table').innerText(),
    /Suspension prise en compte par le fournisseur/);
  assert.match(await page.locator('#titre-pieces + p').innerText(), /Aucune pièce jointe/);
  await page.locator('#commentaire-COMPLETEE').fill('Bon de livraison joint');
  await page.getByLabel('Pièces jointes (facultatif)').setInputFiles({
    name: 'bon-de-livraison.pdf', mimeType: 'application/pdf', buffer: await readFile(pdfPath),
  });
  await Promise.all([
    page.waitForURL(/\?fait=COMPLETEE$/),
    page.getByRole('button', { name: 'Compléter la facture' }).click(),
  ]);
  assert.equal(await shownStatus(), 'Complétée');
  const attachment = page.locator('#liste-pieces')
    .getByRole('link', { name: 'bon-de-livraison.pdf' });
  assert.equal(await attachment.count(), 1);
  const href = await attachment.getAttribute('href');
  const download = await page.request.get(`${server.baseUrl}${href}`);
  assert.equal(download.status(), 200);
  assert.equal(download.headers()['content-type'], 'application/pdf');
  assert.match(download.headers()['content-disposition'],
    /^attachment; filename="bon-de-livraison\.pdf"/);
  assert.ok((await download.body()).subarray(0, 5).equals(Buffer.from('%PDF-')));
  assert.match(await page.locator('main table').innerText(), /Pièce jointe ajoutée/);
  await assertAccessible('the completed invoice (supplier)');
  await shoot('7-completed');
  await logOut();
});

test('the ministry sets it "Mise en paiement"', async () => {
  await logInAs(ministryEmail);
  await page.goto(`${server.baseUrl}/factures/recues?numero=${encodeURIComponent(invoiceNumber)}`);
  await assertAccessible('/factures/recues with a search');
  await page.locator('main table').getByRole('link', { name: invoiceNumber }).click();
  await page.waitForURL(`${server.baseUrl}${invoicePath}`);
  const attachments = page.locator('#liste-pieces');
  assert.equal(await attachments.getByRole('link', { name: 'bon-de-livraison.pdf' }).count(), 1);
  await Promise.all([
    page.waitForURL(/\?fait=MISE_EN_PAIEMENT$/),
    page.getByRole('button', { name: 'Mettre en paiement' }).click(),
  ]);
  assert.equal(await shownStatus(), 'Mise en paiement');
  await shoot('8-paid-ministry');
  await logOut();
});

test('the supplier sees it paid in the sent invoices', async () => {
  await logInAs(supplierEmail);
  await page.getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Factures émises' }).click();
  await page.waitForURL(`${server.baseUrl}/factures/emises`);
  const row = page.locator('main table tbody tr', { hasText: invoiceNumber });
  assert.match(await row.innerText(), /Mise en paiement/);
  await assertAccessible('/factures/emises (supplier)');
  await shoot('9-paid-supplier');
  await row.getByRole('link', { name: invoiceNumber }).click();
  await page.waitForURL(`${server.baseUrl}${invoicePath}`);
  const history = await page.locator('main table').innerText();
  for (const status of ['Déposée', 'Mise à disposition', 'Suspendue', 'Complétée', 'Mise en paiement']) {
    assert.ok(history.includes(status), `history shows ${status}`);
  }
  await assertAccessible('the paid invoice (supplier)');
});

test('the same PDF again is deposited only once the supplier confirms it', async () => {
  await page.goto(`${server.baseUrl}/factures/deposer`);
  await page.getByLabel('Factures au format PDF').setInputFiles(pdfPath);
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/factures/deposer/lecture`),
    page.getByRole('button', { name: 'Lire les factures' }).click(),
  ]);
  await page.getByLabel('SIRET du destinataire').fill(ministrySiret);
  await page.getByRole('button', { name: 'Rechercher le destinataire' }).click();
  await page.waitForLoadState();
  await page.getByLabel('Code service').selectOption('DAF-ACHATS');
  await page.getByLabel('Numéro d’engagement').fill('EJ-2026-0043');
  await page.getByLabel('Numéro de facture').fill(`${invoiceNumber}-B`);
  await page.getByRole('button', { name: 'Déposer la facture' }).click();
  await page.waitForLoadState();
  const confirm = page.getByLabel(/je dépose ce fichier une nouvelle fois/);
  assert.equal(await confirm.count(), 1, 'asked to confirm the same file');
  await assertAccessible('the duplicate confirmation');
  await shoot('10-duplicate');
  await confirm.check();
  await Promise.all([
    page.waitForURL(/\/factures\/\d+\/accuse-de-depot$/),
    page.getByRole('button', { name: 'Déposer la facture' }).click(),
  ]);
  assert.ok((await page.locator('main').innerText()).includes(`${invoiceNumber}-B`));
});

test('the supplier gives an opinion on the deposit receipt', async () => {
  const form = page.locator('form[action="/avis"]');
  assert.equal(await form.count(), 1, 'the receipt asks for an opinion');
  await assertAccessible('the opinion form');
  await page.getByRole('group', { name: /Votre note/ }).getByLabel('4 – Satisfait').check();
  await page.getByLabel('Commentaire (facultatif)').fill('Lecture du PDF très juste; =1+1');
  await Promise.all([
    page.waitForURL(/\/accuse-de-depot\?avis=merci$/),
    page.getByRole('button', { name: 'Envoyer mon avis' }).click(),
  ]);
  assert.match(await page.locator('#avis-merci').innerText(), /Merci pour votre avis/);
  assert.equal(await form.count(), 0, 'the form is gone once answered');
  await shoot('11-opinion-thanks');
});

test('the sent invoices export as CSV and the PDF opens inline', async () => {
  await page.goto(`${server.baseUrl}/factures/emises`);
  const link = page.getByRole('link', { name: 'Exporter (CSV)' });
  assert.equal(await link.getAttribute('href'), '/factures/emises.csv?tri=depot&ordre=desc');
  const csv = await page.context().request.get(`${server.baseUrl}/factures/emises.csv`);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv; charset=utf-8/);
  assert.match(csv.headers()['content-disposition'], /attachment; filename="factures-emises\.csv"/);
  const body = await csv.body();
  assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
  const lines = body.subarray(3).toString('utf8').split('\r\n');
  assert.equal(lines[0], 'numéro;fournisseur;destinataire;date;montant TTC;devise;statut');
  const row = lines.find((line) => line.startsWith(`${invoiceNumber};`));
  assert.ok(row, `the export lists ${invoiceNumber}: ${lines.join(' | ')}`);
  assert.match(row, /;EUR;Mise en paiement$/);

  const pdf = await page.context().request.get(`${server.baseUrl}${invoicePath}/pdf`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.match(pdf.headers()['content-disposition'], /^inline; filename="facture-[A-Za-z0-9._-]+\.pdf"$/);
  assert.equal(pdf.headers()['cache-control'], 'private, no-store');
  assert.deepEqual(await pdf.body(), await readFile(pdfPath));
  await page.goto(`${server.baseUrl}${invoicePath}`);
  assert.equal(await page.getByRole('link', { name: /Voir le PDF/ }).getAttribute('href'),
               `${invoicePath}/pdf`);
  assert.ok(!(await page.locator('main').innerText()).includes('Téléchargement par le destinataire'),
            'the supplier\'s own download is not recorded');
});

test('the supplier searches, sorts and resets its sent invoices; the URL keeps it all', async () => {
  // Two invoices now: the paid one and its "-B" twin, just made available to the ministry.
  await page.goto(`${server.baseUrl}/factures/emises`);
  const count = page.locator('#nombre-resultats');
  assert.equal(await count.innerText(), '2 factures');
  const numbers = async () => page.locator('#liste-factures tbody th').allInnerTexts();

  // Status and counterpart (accents and case ignored), and today's deposit date in Paris.
  await page.locator('summary', { hasText: 'Statuts' }).click();
  await page.getByLabel('Mise en paiement').check();
  await page.getByLabel('Contrepartie (nom ou SIRET)').fill('MINISTERE de la');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  await page.getByLabel('Déposée du').fill(today);
  await page.getByLabel('Déposée au').fill(today);
  await Promise.all([
    page.waitForURL(/statut=MISE_EN_PAIEMENT/),
    page.getByRole('button', { name: 'Rechercher' }).click(),
  ]);
  assert.equal(await count.innerText(), '1 facture');
  assert.deepEqual(await numbers(), [invoiceNumber]);
  assert.match(page.url(), /contrepartie=MINISTERE(\+|%20)de(\+|%20)la/);
  await assertAccessible('/factures/emises with criteria');

  // Sorting keeps the criteria; the sorted column says so to assistive technologies.
  await page.getByLabel('Mise en paiement').uncheck();
  await Promise.all([
    page.waitForURL((url) => !url.search.includes('statut=')),
    page.getByRole('button', { name: 'Rechercher' }).click(),
  ]);
  assert.equal(await count.innerText(), '2 factures');
  await Promise.all([
    page.waitForURL(/tri=numero&ordre=asc/),
    page.locator('#liste-factures thead').getByRole('link', { name: /^Numéro/ }).click(),
  ]);
  assert.match(page.url(), /contrepartie=MINISTERE/);
  assert.deepEqual(await numbers(), [invoiceNumber, `${invoiceNumber}-B`]);
  assert.equal(await page.locator('th[aria-sort]').count(), 1);
  assert.equal(await page.locator('th[aria-sort="ascending"]').innerText().then((t) => t.startsWith('Numéro')), true);
  await Promise.all([
    page.waitForURL(/tri=numero&ordre=desc/),
    page.locator('#liste-factures thead').getByRole('link', { name: /^Numéro/ }).click(),
  ]);
  assert.deepEqual(await numbers(), [`${invoiceNumber}-B`, invoiceNumber]);
  assert.match(await page.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href'),
               /^\/factures\/emises\.csv\?contrepartie=MINISTERE%20de%20la&.*tri=numero&ordre=desc$/);
  // The export follows the same criteria and order; criteria it cannot read are a 400.
  const csvHref = await page.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href');
  const csv = (await (await page.context().request.get(`${server.baseUrl}${csvHref}`)).text())
    .split('\r\n').filter((line) => line.startsWith(invoiceNumber)).map((line) => line.split(';')[0]);
  assert.deepEqual(csv, [`${invoiceNumber}-B`, invoiceNumber]);
  const badCsv = await page.context().request.get(`${server.baseUrl}/factures/emises.csv?emise_du=hier`);
  assert.equal(badCsv.status(), 400);
  await assertAccessible('/factures/emises sorted');
  await shoot('13-search-sorted');

  // A bookmark of the search opens the same list.
  const bookmark = page.url();
  await page.goto(bookmark);
  assert.deepEqual(await numbers(), [`${invoiceNumber}-B`, invoiceNumber]);

  // A malformed amount is named in French next to its field; nothing is searched.
  await page.getByLabel('Montant TTC minimum').fill('douze euros');
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Rechercher' }).click(),
  ]);
  assert.equal(response.status(), 400);
  assert.match(await page.locator('#erreurs-recherche').innerText(),
               /«\u00a0Montant TTC minimum\u00a0»\u00a0: ce n’est pas un montant/);
  assert.equal(await page.getByLabel('Montant TTC minimum').getAttribute('aria-invalid'), 'true');
  await assertAccessible('/factures/emises with an invalid amount');
  await shoot('14-search-error');

  await Promise.all([
    page.waitForURL(`${server.baseUrl}/factures/emises`),
    page.getByRole('link', { name: 'Réinitialiser la recherche' }).click(),
  ]);
  assert.equal(await count.innerText(), '2 factures');
  assert.equal(await page.getByLabel('Contrepartie (nom ou SIRET)').inputValue(), '');
});

test('the ministry\'s download of the PDF shows in the history', async () => {
  await logInAs(ministryEmail);
  const pdf = await page.context().request.get(`${server.baseUrl}${invoicePath}/pdf`);
  assert.equal(pdf.status(), 200);
  await page.goto(`${server.baseUrl}${invoicePath}`);
  const history = page.locator('section[aria-labelledby="titre-historique"]');
  assert.match(await history.innerText(), /Téléchargement par le destinataire/);
  await shoot('12-download-recorded');
});

test('a batch: several PDFs in one table, a scan among them, each row deposited on its own', async () => {
  await logInAs(supplierEmail);
  await page.goto(`${server.baseUrl}/factures/deposer`);
  const files = ['syn-02-two-columns.pdf', 'syn-03-table.pdf', 'syn-05-scan-of-table.pdf']
    .map((name) => path.join(corpusDir, 'pdf', 'synthetic', name));
  await page.getByLabel('Factures au format PDF').setInputFiles(files);
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/factures/deposer/lecture`),
    page.getByRole('button', { name: 'Lire les factures' }).click(),
  ]);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(),
               'Vérifier et déposer les factures');
  const rows = page.locator('table.choral-batch tbody tr');
  assert.equal(await rows.count(), 3, 'one row per file');
  assert.match(await rows.nth(2).innerText(), /numérisée/, 'the scan gets its reason, not a form');
  assert.match(await page.locator('#lot-resume').innerText(), /0 déposée\(s\), 1 à corriger, 2 à déposer/);
  await assertAccessible('the batch table');
  await shoot('13-batch');

  // The first row goes to the ministry, with its references; the second keeps the SIRET read on
  // its page, which nobody has: it is refused and the first is deposited all the same.
  const first = rows.nth(0);
  await first.getByLabel(/^SIRET du destinataire — /).fill(ministrySiret);
  await first.getByLabel(/^Code service — /).fill('DAF-ACHATS');
  await first.getByLabel(/^Numéro d’engagement — /).fill('EJ-2026-0077');
  const firstNumber = `LOT-${Date.now() % 100000}`;
  await first.getByLabel(/^Numéro de facture — /).fill(firstNumber);
  await page.getByRole('button', { name: 'Déposer les factures' }).click();
  await page.locator('#lot-etat', { hasText: /Terminé/ }).waitFor();
  assert.equal(await page.locator('#lot-progression').evaluate((p) => p.value), 2);
  const after = page.locator('table.choral-batch tbody tr');
  assert.equal(await after.nth(0).getAttribute('data-state'), 'deposited');
  assert.match(await after.nth(0).innerText(), new RegExp(firstNumber));
  assert.equal(await after.nth(1).getAttribute('data-state'), 'to-fix');
  assert.match(await after.nth(1).innerText(), /Refusée/);
  assert.match(await page.locator('#lot-resume').innerText(), /1 déposée\(s\), 2 à corriger, 0 à déposer/);
  await assertAccessible('the batch results');
  await shoot('14-batch-results');

  // The receipt link of the deposited row works; the invoice is in "Factures émises".
  const receipt = await page.context().request.get(
    `${server.baseUrl}${await after.nth(0).getByRole('link', { name: 'Accusé de dépôt' }).getAttribute('href')}`);
  assert.equal(receipt.status(), 200);
  await page.goto(`${server.baseUrl}/factures/emises`);
  assert.match(await page.locator('main').innerText(), new RegExp(firstNumber));
  await logOut();
});

test('the administrator sees the opinions on the home page', async () => {
  await logInAs('admin@choral.example');
  const main = await page.locator('main').innerText();
  assert.match(main, /Avis donnés sur Choral/);
  assert.match(main, /4,0\s\/\s5/);
  await assertAccessible('the administrator\'s home');
});
