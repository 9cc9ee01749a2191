// `choral admin import-directory` as an operator runs it: a spreadsheet export of public
// recipients (';', BOM, CRLF, quoted fields), imported twice, bad lines named with their reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const bin = process.env.CHORAL_BIN;
const execFileAsync = promisify(execFile);

async function choral(args) {
  try {
    const { stdout, stderr } = await execFileAsync(bin, args, { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

// Lines 2-3 and 4-5 hold the ministry and two services (its quoted address spans two lines), 6 a
// commune alone, 7 a SIRET with a wrong checksum, 8 an impossible date, 9 a bad flag.
const directoryCsv = '\uFEFF' + [
  'siret;nom;adresse;code_service_obligatoire;numero_engagement_obligatoire;code_service;' +
    'nom_service;service_numero_engagement_obligatoire;fin_validite',
  '110 009 982 00015;Ministère de l’Exemple;"20 avenue de Ségur\r\n75007 Paris";oui;non;DAF;' +
    '"Achats; marchés";oui;',
  '11000998200015;Ministère de l’Exemple;"20 avenue de Ségur\r\n75007 Paris";oui;non;SG;' +
    'Secrétariat général;non;31/12/2030',
  '21340158100011;Commune de Saint-Aubin;34170 Saint-Aubin;non;non;;;;',
  '21340158100012;Clé fausse;;;;;;;',
  '21340158100011;Commune de Saint-Aubin;34170 Saint-Aubin;non;non;CTM;Centre technique;;' +
    '2026-02-30',
  '26750813300019;Hôpital;Paris;peut-être;non;;;;',
].join('\r\n') + '\r\n';

async function withData(work) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'choral-import-test-'));
  try {
    await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('import-directory creates, then finds nothing new, and names each rejected line', async () => {
  await withData(async (dir) => {
    const file = path.join(dir, 'annuaire.csv');
    await writeFile(file, directoryCsv);
    const data = path.join(dir, 'data');

    const first = await choral(['admin', 'import-directory', '--json', '--data', data, file]);
    assert.equal(first.code, 1, first.stderr);  // some lines rejected, the good ones kept
    const report = JSON.parse(first.stdout);
    assert.deepEqual(report.structures, { created: 2, updated: 0, unchanged: 0 });
    assert.deepEqual(report.services, { created: 2, updated: 0, unchanged: 0 });
    assert.deepEqual(report.rejected.map((r) => r.line), [7, 8, 9]);
    assert.match(report.rejected[0].reason, /21340158100012/);
    assert.match(report.rejected[1].reason, /fin_validite/);
    assert.match(report.rejected[2].reason, /code_service_obligatoire .*oui, non, 1 or 0/);

    const second = await choral(['admin', 'import-directory', '--json', '--data', data, file]);
    assert.equal(second.code, 1);
    const again = JSON.parse(second.stdout);
    assert.deepEqual(again.structures, { created: 0, updated: 0, unchanged: 2 });
    assert.deepEqual(again.services, { created: 0, updated: 0, unchanged: 2 });

    // The text report names the file and the line, as compilers do.
    const text = await choral(['admin', 'import-directory', '--data', data, file]);
    assert.match(text.stdout, /^structures: 0 created, 0 updated, 2 unchanged$/m);
    assert.ok(text.stdout.includes(`${file}:7: rejected: `), text.stdout);

    const verify = await choral(['admin', 'verify', '--data', data]);
    assert.equal(verify.code, 0, verify.stdout);
    assert.match(verify.stdout, /audit events checked: 4\b/);  // 2 structures + 2 services
  });
});

test('import-directory exits 0 when every line is good, 2 when the file cannot be read', async () => {
  await withData(async (dir) => {
    const data = path.join(dir, 'data');
    const good = path.join(dir, 'good.csv');
    await writeFile(good, 'siret,nom,code_service,nom_service\n11000998200015,Ministère,,\n');
    const ok = await choral(['admin', 'import-directory', '--data', data, good]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /structures: 1 created/);

    const missing = await choral(['admin', 'import-directory', '--data', data,
                                  path.join(dir, 'absent.csv')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr.trim(), /^choral: cannot read .*absent\.csv$/);

    const header = path.join(dir, 'header.csv');
    await writeFile(header, 'siret,nom,ville\n11000998200015,Ministère,Paris\n');
    const unknown = await choral(['admin', 'import-directory', '--data', data, header]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown column "ville"/);

    const quotes = path.join(dir, 'quotes.csv');
    await writeFile(quotes, 'siret,nom\n11000998200015,"Ministère\n');
    const broken = await choral(['admin', 'import-directory', '--data', data, quotes]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /line 2: a quoted field is never closed/);
  });
});
