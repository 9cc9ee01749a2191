// The outbox sent by `choral serve` to a real SMTP server (npm smtp-server, by the nodemailer
// authors) on loopback: the mail as received (envelope, headers, French body with its accents),
// the row marked sent; and a server that refuses the recipient: the failure recorded, then the
// retry that gets through.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { SMTPServer } from 'smtp-server';

import { enqueueMail, freePort, sqlite, startServer } from '../support/server.mjs';

const FROM = 'noreply@choral.example';
const REFUSED_TWICE = 'boite.pleine@mairie-exemple.fr';

let smtp;
let server;
const received = [];      // {envelope, raw}
const rcptAttempts = {};  // address -> how many RCPT TO it got

before(async () => {
  smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],  // [smtp] security = "none", no login
    logger: false,
    onRcptTo(address, session, callback) {
      rcptAttempts[address.address] = (rcptAttempts[address.address] || 0) + 1;
      if (address.address === REFUSED_TWICE && rcptAttempts[address.address] <= 2) {
        const error = new Error('Mailbox full, try again later');
        error.responseCode = 452;
        return callback(error);
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ envelope: session.envelope, raw: Buffer.concat(chunks).toString('latin1') });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  server = await startServer({
    env: {
      CHORAL_SMTP_HOST: '127.0.0.1',
      CHORAL_SMTP_PORT: String(port),
      CHORAL_SMTP_SECURITY: 'none',
      CHORAL_SMTP_FROM: FROM,
    },
    config: '[mail]\npublic_url = "https://choral.example/"\npoll_seconds = 1\nretry_seconds = 1\n',
  });
});

after(async () => {
  const stopped = await server?.stop();
  await new Promise((resolve) => (smtp ? smtp.close(resolve) : resolve()));
  assert.equal(stopped?.code, 0, 'choral serve stops cleanly on SIGTERM with the mail thread');
});

async function waitFor(what, check, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The message as a reader sees it: unfolded headers with RFC 2047 words decoded, and the body
// decoded from quoted-printable, both as UTF-8 text.
function parse(raw) {
  const split = raw.indexOf('\r\n\r\n');
  assert.ok(split > 0, 'a blank line ends the headers');
  assert.doesNotMatch(raw, /[^\r]\n/, 'every line ends with CRLF');
  const headers = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
      .replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, b64) => Buffer.from(b64, 'base64').toString('latin1'));
  }
  for (const name of Object.keys(headers)) {
    headers[name] = Buffer.from(headers[name], 'latin1').toString('utf8');
  }
  const qp = raw.slice(split + 4).replace(/=\r\n/g, '');
  const bytes = Buffer.from(qp.replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return { headers, body: bytes.toString('utf8').replace(/\r\n/g, '\n') };
}

test('a queued deposit notice reaches the SMTP server in French and the row is marked sent', async () => {
  const recipient = server.seed.logins[0].email;
  const id = await enqueueMail(server.dataDir, recipient, 'mail.invoice_deposited', {
    invoice_id: 42,
    invoice_number: 'FAC-2026-0042',
    supplier: 'Atelier Lumière Électrique',
    total_with_vat: '1234.50',
    currency: 'EUR',
  });
  const mail = await waitFor('the deposit mail',
    () => received.find((m) => m.envelope.rcptTo.some((r) => r.address === recipient)));
  assert.equal(mail.envelope.mailFrom.address, FROM);
  const { headers, body } = parse(mail.raw);
  assert.equal(headers.from, `Choral <${FROM}>`);
  assert.equal(headers.to, recipient);
  assert.equal(headers.subject, 'Nouvelle facture FAC-2026-0042 de Atelier Lumière Électrique');
  assert.equal(headers['content-type'], 'text/plain; charset=UTF-8');
  assert.equal(headers['content-transfer-encoding'], 'quoted-printable');
  assert.match(headers['message-id'], new RegExp(`^<choral\\.outbox\\.${id}\\.\\d+@choral\\.example>$`));
  assert.match(headers.date, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  assert.match(body, /Atelier Lumière Électrique a déposé la facture FAC-2026-0042, d’un montant de 1 234,50\u00a0€ TTC/);
  assert.match(body, /\nhttps:\/\/choral\.example\/factures\/42\n/);

  const row = await waitFor('the row marked sent', async () => {
    const line = await sqlite(server.dataDir,
      `SELECT sent_at IS NOT NULL, attempts, last_error FROM outbox WHERE id = ${id}`);
    return line.startsWith('1|') ? line : null;
  });
  assert.equal(row, '1|1|');
});

test('a refused recipient is recorded as a failure and retried until the server accepts', async () => {
  const id = await enqueueMail(server.dataDir, REFUSED_TWICE, 'mail.invoice_status', {
    invoice_id: 7,
    invoice_number: 'FAC-2026-0007',
    status: 'SUSPENDUE',
  });
  const failure = await waitFor('the recorded failure', async () => {
    const line = await sqlite(server.dataDir,
      `SELECT attempts, sent_at IS NULL, last_error FROM outbox WHERE id = ${id}`);
    return line.startsWith('0|') ? null : line;
  });
  const [attempts, unsent, lastError] = failure.split('|');
  assert.ok(Number(attempts) >= 1);
  assert.equal(unsent, '1', 'not marked sent while the server refuses');
  assert.match(lastError, /452/);

  const mail = await waitFor('the retried mail',
    () => received.find((m) => m.envelope.rcptTo.some((r) => r.address === REFUSED_TWICE)));
  assert.equal(parse(mail.raw).headers.subject, 'Facture FAC-2026-0007 : Suspendue');
  const row = await waitFor('the row marked sent', async () => {
    const line = await sqlite(server.dataDir,
      `SELECT sent_at IS NOT NULL, attempts FROM outbox WHERE id = ${id}`);
    return line.startsWith('1|') ? line : null;
  });
  assert.equal(row, '1|3', 'two refusals, then sent on the third attempt');
  assert.equal(rcptAttempts[REFUSED_TWICE], 3);
});
