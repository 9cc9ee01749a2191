// Managers in a real browser, on the demo data: a user asks to join the ministry, its main
// manager validates the request in "Activité du gestionnaire", exports the users, then hands the
// main-manager role over to the secondary manager from "Mon compte". axe-core checks every page;
// screenshots go to build/managers-*.png.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { checkAccessible, launchChromium } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshotDir = path.resolve(root, process.env.CHORAL_SCREENSHOT_DIR || 'build');

const ministrySiret = '11000998200015';
const requester = 'paul.fontaine@saint-aubin.example';
const mainManager = 'claire.martin@numerique.example';
const secondary = 'hugo.bernard@numerique.example';

let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  server = await startServer();
  browser = await launchChromium();
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  await mkdir(screenshotDir, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function assertAccessible(what) {
  await checkAccessible(page, pageErrors, what);
}

// The tables of "Activité du gestionnaire", named by their captions.
const pendingTable = () => page.getByRole('table', { name: /^Les demandes de rattachement/ });
const peopleTable = () => page.getByRole('table', { name: /^Les personnes rattachées/ });
const historyTable = () => page.getByRole('table', { name: /^Les actions des gestionnaires/ });

async function shot(name) {
  await page.screenshot({ path: path.join(screenshotDir, `managers-${name}.png`), fullPage: true });
}

function passwordOf(email) {
  const login = server.seed.logins.find((l) => l.email === email);
  assert.ok(login, `demo login ${email}`);
  return login.password;
}

async function logInAs(email) {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(passwordOf(email));
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForLoadState();
}

async function logOut() {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForLoadState();
}

test('a user asks to be attached to the ministry', async () => {
  await logInAs(requester);
  await page.goto(`${server.baseUrl}/compte`);
  await page.getByRole('link', { name: 'Demander un rattachement à une structure' }).click();
  await page.waitForLoadState();
  await assertAccessible('/rattachement');

  await page.getByLabel('SIRET de la structure').fill('12345');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await page.waitForLoadState();
  const siret = page.getByLabel('SIRET de la structure');
  assert.equal(await siret.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#siret-erreur').innerText(), /SIRET n’est pas valide/);
  await assertAccessible('/rattachement with an error');
  await shot('request-error');

  await siret.fill(ministrySiret);
  await page.getByLabel('Codes des services (facultatif)').fill('DAF-ACHATS');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('status').innerText(), /demande de rattachement est envoyée/);
  await assertAccessible('/rattachement sent');
  await shot('request-sent');
  await logOut();
});

test('the main manager validates the request and exports the users', async () => {
  await logInAs(mainManager);
  await page.getByRole('link', { name: 'Activité du gestionnaire' }).click();
  await page.waitForLoadState();
  assert.match(page.url(), /\/gestion\/\d+$/);
  const pending = pendingTable().getByRole('row', { name: new RegExp(requester) });
  assert.match(await pending.innerText(), /DAF-ACHATS/);
  await assertAccessible('/gestion with a pending request');
  await shot('activity-pending');

  // A refusal without a comment is refused next to the table.
  await page.getByRole('button', { name: `Refuser — ${requester}` }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('alert').innerText(), /Un refus doit être motivé/);
  await assertAccessible('/gestion with an error');

  await pendingTable().getByRole('row', { name: new RegExp(requester) }).getByLabel('Commentaire')
      .fill('Bienvenue au ministère');
  await page.getByRole('button', { name: `Valider — ${requester}` }).click();
  await page.waitForLoadState();
  assert.match(await page.getByText('Aucune demande de rattachement en attente.').innerText(),
               /Aucune/);
  const row = peopleTable().getByRole('row', { name: new RegExp(requester) });
  assert.match(await row.innerText(), /Validé/);
  assert.match(await historyTable().innerText(), /attachment\.validated/);
  await assertAccessible('/gestion after the decision');
  await shot('activity-validated');

  const csv = await page.request.get(`${page.url()}/utilisateurs.csv`);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /text\/csv/);
  assert.match(await csv.text(), new RegExp(`${requester}.*VALIDEE`));
});

test('the main manager hands the role over to the secondary manager', async () => {
  await page.goto(`${server.baseUrl}/compte`);
  await page.getByRole('link', { name: /Transmettre le rôle de gestionnaire principal/ }).click();
  await page.waitForLoadState();
  await assertAccessible('hand-over confirmation');
  await page.getByRole('link', { name: 'Je confirme vouloir transmettre le rôle' }).click();
  await page.waitForLoadState();
  await page.getByLabel('Rechercher un successeur (nom ou adresse e-mail)').fill('Bernard');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForLoadState();
  await assertAccessible('hand-over successor search');
  await shot('hand-over-search');

  // A person not attached to the structure is refused.
  await page.getByLabel('Ou l’identifiant (adresse e-mail) du successeur')
      .fill('luc.garnier@saint-aubin.example');
  await page.getByRole('button', { name: 'Valider la transmission' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('alert').innerText(), /doit être rattaché à la structure/);
  await assertAccessible('hand-over with an error');

  await page.getByLabel(new RegExp(secondary)).check();
  await page.getByRole('button', { name: 'Valider la transmission' }).click();
  await page.waitForLoadState();
  assert.match(page.url(), /\/compte\?passation=1$/);
  assert.match(await page.getByRole('status').innerText(), /est transmis/);
  await assertAccessible('/compte after the hand-over');
  await shot('hand-over-done');
  await logOut();

  await logInAs(secondary);
  await page.getByRole('link', { name: 'Activité du gestionnaire' }).click();
  await page.waitForLoadState();
  assert.match(await peopleTable().getByRole('row', { name: new RegExp(secondary) }).innerText(),
               /Gestionnaire principal/);
  assert.match(await peopleTable().getByRole('row', { name: new RegExp(mainManager) }).innerText(),
               /Gestionnaire secondaire/);
  assert.match(await historyTable().innerText(), /main_manager\.handed_over/);
  await assertAccessible('/gestion of the new main manager');
  await shot('new-main-manager');
});

test('the new main manager edits the services and grants spaces', async () => {
  await page.getByRole('link', { name: 'Services de la structure' }).click();
  await page.waitForLoadState();
  await assertAccessible('services page');

  await page.getByRole('button', { name: 'Enregistrer le service' }).click();
  await page.waitForLoadState();
  const code = page.getByLabel('Code du service');
  assert.equal(await code.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#code-erreur').innerText(), /code du service est obligatoire/);
  await assertAccessible('services page with an error');

  await code.fill('DSI');
  await page.getByLabel('Nom du service').fill('Direction du numérique');
  await page.getByLabel('Numéro d’engagement obligatoire').check();
  await page.getByRole('button', { name: 'Enregistrer le service' }).click();
  await page.waitForLoadState();
  const services = page.getByRole('table', { name: /^Les services de la structure/ });
  assert.match(await services.getByRole('row', { name: /DSI/ }).innerText(),
               /Direction du numérique/);
  await shot('services');

  await page.getByRole('link', { name: 'Retour à l’activité du gestionnaire' }).click();
  await page.waitForLoadState();
  await page.getByLabel(`Factures reçues — ${requester}`).selectOption('CONSULTATION_UNIQUEMENT');
  await page.getByRole('button', { name: `Enregistrer les droits — ${requester}` }).click();
  await page.waitForLoadState();
  assert.equal(await page.getByLabel(`Factures reçues — ${requester}`).inputValue(),
               'CONSULTATION_UNIQUEMENT');
  assert.match(await historyTable().innerText(), /Droits sur les espaces modifiés/);
  await assertAccessible('/gestion after granting a space');
  await shot('spaces');
  await logOut();
});

test('support appoints a main manager on a signed certificate', async () => {
  await logInAs('admin@choral.example');
  await page.getByRole('link', { name: 'Support' }).click();
  await page.waitForLoadState();
  await assertAccessible('support page');

  await page.getByLabel('SIRET de la structure').fill('83412698900013');
  await page.getByLabel('Identifiant (adresse e-mail) du nouveau gestionnaire principal')
      .fill('lea.girard@atelier-lumen.example');
  await page.getByLabel('Motif').fill('Départ du gérant sans passation');
  await page.getByRole('button', { name: 'Désigner' }).click();
  await page.waitForLoadState();
  const certificate = page.getByLabel('Attestation signée par le responsable de la structure');
  assert.equal(await certificate.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#attestation-erreur').innerText(), /obligatoire/);
  await assertAccessible('support page with an error');
  await shot('support-error');

  await certificate.setInputFiles({
    name: 'attestation.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% attestation signée\n%%EOF\n'),
  });
  await page.getByRole('button', { name: 'Désigner' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('status').innerText(), /est désigné/);
  await assertAccessible('support page after the appointment');
  await shot('support-done');
});

test('support deactivates an account by its login', async () => {
  await page.getByLabel('Identifiant (adresse e-mail) du compte à désactiver')
      .fill('personne@inconnu.example');
  await page.getByRole('button', { name: 'Désactiver le compte' }).click();
  await page.waitForLoadState();
  const login = page.getByLabel('Identifiant (adresse e-mail) du compte à désactiver');
  assert.equal(await login.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#compte-a-desactiver-erreur').innerText(), /Aucun compte actif/);
  await assertAccessible('support page with a deactivation error');

  await login.fill('tom.lefevre@atelier-lumen.example');
  await page.getByRole('button', { name: 'Désactiver le compte' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('status').innerText(), /compte est désactivé/);
  await assertAccessible('support page after a deactivation');
  await logOut();
});

test('a person closes their own account after a confirmation', async () => {
  const person = 'emma.chevalier@ch-bellerive.example';
  await logInAs(person);
  await page.goto(`${server.baseUrl}/compte`);
  await page.getByRole('link', { name: 'Fermer mon compte' }).click();
  await page.waitForLoadState();
  await assertAccessible('/compte/fermeture');

  await page.getByRole('button', { name: 'Fermer définitivement mon compte' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('#confirmation-erreur').innerText(), /Cochez la case/);
  await assertAccessible('/compte/fermeture without the confirmation');

  await page.getByLabel(/Je confirme vouloir fermer mon compte/).check();
  await page.getByRole('button', { name: 'Fermer définitivement mon compte' }).click();
  await page.waitForLoadState();
  assert.match(page.url(), /\/login/);
  assert.match(await page.locator('main').innerText(), /Votre compte est fermé/);
  await assertAccessible('/login after closing the account');

  await logInAs(person);
  assert.match(page.url(), /\/login/);
});
