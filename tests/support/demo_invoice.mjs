// A corpus UBL invoice (valid EN 16931, French identifiers) made deliverable on the demo platform:
// from the demo SME (Atelier Lumen) to a demo recipient and one of its services. The corpus file
// is read from shared/corpus, never copied into the repository.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpusDir =
  process.env.CHORAL_CORPUS_DIR || path.join(here, '..', '..', '..', 'shared', 'corpus');

export async function demoUblInvoice(number, { buyerSiret = '11000998200015',
                                               serviceCode = 'DAF-ACHATS' } = {}) {
  let xml = await readFile(
    path.join(corpusDir, 'en16931', 'ubl', 'akretion', 'ubl-21-en16931.xml'), 'utf8');
  xml = xml.replaceAll('<cbc:ID>F124212</cbc:ID>', `<cbc:ID>${number}</cbc:ID>`)
    .replaceAll('78787878400018', buyerSiret)
    .replaceAll('787878784', buyerSiret.slice(0, 9))
    .replaceAll('99999999800019', '83412698900013')
    .replaceAll('999999998', '834126989')
    .replaceAll('<cbc:BuyerReference>120943</cbc:BuyerReference>',
                `<cbc:BuyerReference>${serviceCode}</cbc:BuyerReference>`);
  return xml;
}
