// Load driver of scripts/bench-deposit-page.sh: CONNS concurrent "browsers" of the demo supplier
// drive one step of the portal's PDF deposit for SECONDS and print one RESULT line.
//   node bench-deposit-page.mjs BASE_URL COOKIE CSRF PDF STEP CONNS SECONDS
// STEP "upload": POST /factures/deposer/lecture with the PDF; success is the pre-filled form (200,
//   naming its draft). Measured: every upload.
// STEP "confirm": each browser uploads (not measured), then confirms the form with the demo
//   recipient's references and a new invoice number (the rules refuse a number twice); success is
//   the redirect to the receipt (303). Measured: the confirm; req/s counts confirms.
// Latency is the full response (headers and body read), timed with a monotonic clock.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

const [base, cookie, csrf, pdfPath, step, conns, seconds] = process.argv.slice(2);
const pdf = new Blob([await readFile(pdfPath)], { type: 'application/pdf' });
const headers = { Cookie: cookie };

async function upload() {
  const form = new FormData();
  form.append('csrf_token', csrf);
  form.append('pdf', pdf, 'facture.pdf');
  const response = await fetch(`${base}/factures/deposer/lecture`, { method: 'POST', body: form, headers });
  const body = await response.text();
  const draft = body.match(/name="draft_id" value="(\d+)"/);
  return response.status === 200 && draft ? draft[1] : null;
}

let counter = 0;
async function confirm(draft) {
  const fields = {
    csrf_token: csrf, draft_id: draft, pdf_name: 'facture.pdf', recipient_siret: '11000998200015',
    service_code: 'DAF-ACHATS', engagement_number: 'EJ-1', issue_date: '2026-01-15',
    document_type: 'FACTURE', framework: 'A1_FACTURE_FOURNISSEUR', currency: 'EUR',
    total_without_vat: '100,00', total_vat: '20,00', total_with_vat: '120,00', amount_due: '120,00',
    confirm_duplicate_pdf: 'oui', action: 'deposer',
    // At most 20 characters (the rules' limit), unique across runs (seconds apart).
    invoice_number: `B${Date.now() % 1e7}-${++counter}`,
  };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = await fetch(`${base}/factures/deposer`, {
    method: 'POST', body: form, headers, redirect: 'manual' });
  await response.arrayBuffer();
  return response.status === 303;
}

const latencies = [];
let ok = 0, failed = 0, firstFailure = '';
const deadline = performance.now() + Number(seconds) * 1000;
const start = performance.now();
async function browser() {
  while (performance.now() < deadline) {
    let draft = null;
    if (step === 'confirm') {
      draft = await upload();
      if (!draft) { failed++; firstFailure ||= 'upload before confirm failed'; continue; }
    }
    const t0 = performance.now();
    const good = step === 'upload' ? (await upload()) !== null : await confirm(draft);
    latencies.push(performance.now() - t0);
    if (good) ok++; else { failed++; firstFailure ||= `${step} gave an unexpected answer`; }
  }
}
await Promise.all(Array.from({ length: Number(conns) }, browser));
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const percentile = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p / 100))] ?? 0;
console.log(`RESULT ok=${ok} failed=${failed} rps=${(latencies.length / elapsed).toFixed(2)} ` +
            `p50=${percentile(50).toFixed(1)} p90=${percentile(90).toFixed(1)} p99=${percentile(99).toFixed(1)}`);
if (failed > 0) console.log(`FIRST_FAILURE ${firstFailure}`);
