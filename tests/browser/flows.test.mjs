// Flow deposit in a real browser (Debian's chromium through playwright-core): a supplier deposits
// a corpus UBL invoice addressed to the demo ministry as a flow, lands on its report, watches the
// state move to "Intégré" by itself (htmx polling, no inline script), finds it in "Mes flux",
// downloads the PDF report and opens the invoice. A second flow, an archive with one good and
// one bad invoice, ends "Intégré partiellement" with the bad one's findings. Every page is
// checked with axe-core (WCAG 2.1 A/AA) and photographed into ${CHORAL_SCREENSHOT_DIR}/flow-*.png.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { demoUblInvoice } from '../support/demo_invoice.mjs';
import { checkAccessible, launchChromium } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

const execFileAsync = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshotDir = path.resolve(root, process.env.CHORAL_SCREENSHOT_DIR || 'build');
const supplierEmail = 'marc.dubois@atelier-lumen.example';

let server;
let browser;
let page;
let scratch;
const pageErrors = [];

before(async () => {
  server = await startServer();
  browser = await launchChromium();
  // The portal's Content-Security-Policy forbids inline scripts; axe is injected as one.
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR', acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  await mkdir(screenshotDir, { recursive: true });
  scratch = await mkdtemp(path.join(os.tmpdir(), 'choral-flow-'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function assertAccessible(what) {
  await checkAccessible(page, pageErrors, what);
}

async function shoot(name) {
  await page.screenshot({ path: path.join(screenshotDir, `flow-${name}.png`), fullPage: true });
}

async function logIn(email) {
  const login = server.seed.logins.find((l) => l.email === email);
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(login.password);
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/`),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
}

async function depositFlow(file, syntaxLabel) {
  await page.goto(`${server.baseUrl}/flux/deposer`);
  await page.getByLabel('Syntaxe du flux').selectOption({ label: syntaxLabel });
  await page.getByLabel('Fichier du flux').setInputFiles(file);
  await Promise.all([
    page.waitForURL(/\/flux\/CPP\d{22}$/),
    page.getByRole('button', { name: 'Déposer le flux' }).click(),
  ]);
  return page.url().match(/(CPP\d{22})$/)[1];
}

// Waits for the report page to show a final state on its own (no reload).
async function finalState() {
  const state = page.locator('#etat-flux');
  await page.waitForFunction(() => {
    const code = document.querySelector('#etat-flux')?.dataset.etat ?? '';
    return ['IN_INTEGRE', 'IN_INTEGRE_PARTIEL', 'IN_REJETE', 'IN_INCIDENTE'].includes(code);
  }, null, { timeout: 30_000 });
  return { label: (await state.innerText()).trim(), code: await state.getAttribute('data-etat') };
}

test('a supplier deposits a UBL flow and follows it to "Intégré"', { timeout: 90_000 }, async () => {
  await logIn(supplierEmail);
  await page.getByRole('link', { name: 'Mes flux' }).click();
  await page.waitForURL(`${server.baseUrl}/flux`);
  await assertAccessible('Mes flux (empty)');
  await page.goto(`${server.baseUrl}/flux/deposer`);
  await assertAccessible('Déposer un flux');
  await shoot('deposit');

  const file = path.join(scratch, 'facture-FLUX-1.xml');
  await writeFile(file, await demoUblInvoice('FLUX-1'));
  const number = await depositFlow(file, 'UBL 2.1 — facture structurée (E1) — IN_DP_E1_UBL_INVOICE');
  // Stored at once: the page shows the number before the job has run.
  await assert.doesNotReject(page.getByRole('heading', { name: `Compte rendu du flux ${number}` })
    .waitFor());
  const { label, code } = await finalState();
  assert.equal(code, 'IN_INTEGRE');
  assert.equal(label, 'Intégré');
  await page.getByText('Acceptée', { exact: true }).waitFor();
  await assertAccessible('flow report (integrated)');
  await shoot('report-integrated');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger le compte rendu (PDF)' }).click(),
  ]);
  const saved = path.join(scratch, 'cr.pdf');
  await download.saveAs(saved);
  const { stdout } = await execFileAsync('pdftotext', [saved, '-']);
  assert.match(stdout, /Compte rendu de dépôt de flux/);
  assert.match(stdout, new RegExp(number));
  assert.match(stdout, /Intégré/);

  await page.getByRole('link', { name: 'Voir la facture' }).click();
  await page.waitForURL(/\/factures\/\d+$/);
  await page.getByText('FLUX-1').first().waitFor();

  await page.goto(`${server.baseUrl}/flux`);
  await page.getByRole('link', { name: number }).waitFor();
  assert.equal(await page.locator(`tr:has(a:text("${number}")) [data-etat]`).innerText(), 'Intégré');
  await assertAccessible('Mes flux');
  await shoot('list');
});

test('an archive with a good and a bad invoice is partly integrated', { timeout: 90_000 },
     async () => {
  const dir = path.join(scratch, 'lot');
  await mkdir(dir);
  await writeFile(path.join(dir, 'bonne.xml'), await demoUblInvoice('FLUX-2'));
  await writeFile(path.join(dir, 'mauvaise.xml'),
                  await demoUblInvoice('FLUX-3', { buyerSiret: '73282932000074' }));
  const archive = path.join(scratch, 'lot.tar.gz');
  await execFileAsync('tar', ['-czf', archive, '-C', dir, 'bonne.xml', 'mauvaise.xml']);
  await depositFlow(archive, 'UBL 2.1 — facture structurée (E1) — IN_DP_E1_UBL_INVOICE');
  const { code, label } = await finalState();
  assert.equal(code, 'IN_INTEGRE_PARTIEL');
  assert.equal(label, 'Intégré partiellement');
  await page.getByText('DEP-RECIPIENT-UNKNOWN').waitFor();
  await page.getByText('Rejetée', { exact: true }).waitFor();
  await assertAccessible('flow report (partly integrated)');
  await shoot('report-partial');
});
