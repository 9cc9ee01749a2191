#include "recognize/keyword_lexicon.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>

namespace choral::recognize {
namespace {

// Decodes one UTF-8 code point at text[*i] and advances; malformed bytes read as U+FFFD.
char32_t NextCodePoint(std::string_view text, size_t* i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(*i);
  int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
  if (extra < 0 || *i + extra >= text.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    if (*i + k >= text.size() || (byte(*i + k) & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(*i + k) & 0x3F);
  }
  *i += extra + 1;
  return cp;
}

// The ASCII letters a code point folds to: "" for a separator.
std::string_view Fold(char32_t cp) {
  static const char* const kLatin1[64] = {
      // U+00C0..U+00FF
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  switch (cp) {
    case 0xB0:  // degree sign, as in "N°"
    case 0xBA:  // masculine ordinal, as in "Nº"
      return "o";
    case 0x152:
    case 0x153:
      return "oe";
    case 0x178:
      return "y";
    default:
      return "";
  }
}

}  // namespace

std::vector<std::string> NormalizeTokens(std::string_view utf8) {
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  size_t i = 0;
  while (i < utf8.size()) {
    const char32_t cp = NextCodePoint(utf8, &i);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') {
        current += static_cast<char>(c - 'A' + 'a');
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        current += c;
      } else if (c == '#') {
        // "Invoice #" means "Invoice No".
        flush();
        tokens.emplace_back("no");
      } else {
        flush();
      }
      continue;
    }
    const std::string_view folded = Fold(cp);
    if (folded.empty()) {
      flush();
    } else {
      current += folded;
    }
  }
  flush();
  return tokens;
}

std::string NormalizeText(std::string_view utf8) {
  std::string out;
  for (const auto& token : NormalizeTokens(utf8)) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

void KeywordLexicon::Add(std::string_view phrase, Cue cue, double strength, Party party) {
  Keyword keyword{NormalizeTokens(phrase), cue, strength, party};
  if (keyword.tokens.empty()) return;
  keywords_.push_back(std::move(keyword));
}

KeywordLexicon::KeywordLexicon() {
  // Invoice number. "N°" normalises to "no", "Nr." to "nr".
  for (const char* title :
       {"facture", "invoice", "rechnung", "avoir", "credit note", "gutschrift", "note de credit",
        "facture d'avoir", "handelsrechnung", "schlussrechnung", "abschlagsrechnung",
        "teilrechnung", "baurechnung", "sammelrechnung", "factuur"}) {
    const std::string t = title;
    for (const char* suffix : {" no", " n", " nr", " number", " numero", " num", " nummer"}) {
      Add(t + suffix, Cue::kInvoiceNumber);
    }
    for (const char* prefix : {"no ", "n ", "numero de ", "numero ", "number of "}) {
      Add(prefix + t, Cue::kInvoiceNumber);
    }
  }
  Add("facture numero", Cue::kInvoiceNumber);
  Add("invoice id", Cue::kInvoiceNumber);
  Add("invoice ref", Cue::kInvoiceNumber, 0.9);
  Add("invoice reference", Cue::kInvoiceNumber, 0.9);
  Add("reference facture", Cue::kInvoiceNumber);
  Add("ref facture", Cue::kInvoiceNumber);
  Add("rechnungsnummer", Cue::kInvoiceNumber);
  Add("rechnungsnr", Cue::kInvoiceNumber);
  Add("rechnungs nr", Cue::kInvoiceNumber);
  Add("gutschriftsnummer", Cue::kInvoiceNumber);
  Add("belegnummer", Cue::kInvoiceNumber, 0.8);
  Add("beleg nr", Cue::kInvoiceNumber, 0.8);
  Add("factuurnummer", Cue::kInvoiceNumber);
  Add("invoice", Cue::kInvoiceTitle, 0.7);
  Add("tax invoice", Cue::kInvoiceTitle, 0.7);
  Add("facture", Cue::kInvoiceTitle, 0.7);
  Add("rechnung", Cue::kInvoiceTitle, 0.7);
  Add("handelsrechnung", Cue::kInvoiceTitle, 0.7);
  for (const char* title :
       {"schlussrechnung", "abschlagsrechnung", "teilrechnung", "baurechnung", "sammelrechnung"}) {
    Add(title, Cue::kInvoiceTitle, 0.7);
  }
  Add("factuur", Cue::kInvoiceTitle, 0.7);
  Add("numero", Cue::kInvoiceNumber, 0.5);
  Add("number", Cue::kInvoiceNumber, 0.35);
  Add("nr", Cue::kInvoiceNumber, 0.45);
  Add("no", Cue::kInvoiceNumber, 0.4);
  Add("avoir", Cue::kCreditNoteTitle);
  Add("facture d'avoir", Cue::kCreditNoteTitle);
  Add("note de credit", Cue::kCreditNoteTitle);
  Add("credit note", Cue::kCreditNoteTitle);
  Add("credit memo", Cue::kCreditNoteTitle);
  Add("gutschrift", Cue::kCreditNoteTitle);
  Add("gutschriftsanzeige", Cue::kCreditNoteTitle);
  Add("creditnota", Cue::kCreditNoteTitle);
  for (const char* phrase :
       {"selbst ausgestellte rechnung", "selbstausgestellte rechnung", "gutschriftsverfahren",
        "autofacturation", "self billing", "self billed invoice", "self billed"}) {
    Add(phrase, Cue::kSelfBilling);
  }

  // Dates.
  for (const char* phrase : {"date de facture", "date de la facture", "date facture",
                             "date d'emission", "date emission",      "date de facturation",
                             "date de l'avoir", "date avoir",         "emise le",
                             "emis le",         "facture du",         "fait le",
                             "invoice date",    "date of issue",      "issue date",
                             "issued on",       "date issued",        "billing date",
                             "issued at",       "rechnungsdatum",     "gutschriftsdatum",
                             "belegdatum",      "ausstellungsdatum",  "factuurdatum",
                             "date of invoice"}) {
    Add(phrase, Cue::kIssueDate);
  }
  // "Date" alone on an invoice is its date more often than not; qualified dates have their own
  // labels (delivery, order, due) that take their values first.
  Add("date", Cue::kIssueDate, 0.75);
  Add("datum", Cue::kIssueDate, 0.6);
  Add("du", Cue::kIssueDate, 0.35);
  Add("vom", Cue::kIssueDate, 0.45);
  Add("dated", Cue::kIssueDate, 0.6);
  Add("le", Cue::kIssueDate, 0.3);
  for (const char* phrase : {"echeance",
                             "date d'echeance",
                             "date echeance",
                             "date limite de paiement",
                             "a payer avant le",
                             "a payer avant",
                             "a regler avant le",
                             "a regler avant",
                             "payable avant le",
                             "payable le",
                             "a payer le",
                             "paiement avant le",
                             "date de paiement",
                             "due date",
                             "payment due",
                             "payment due date",
                             "due on",
                             "due by",
                             "pay by",
                             "date de prelevement",
                             "preleve le",
                             "prelevement le",
                             "debit date",
                             "abbuchungsdatum",
                             "abbuchung am",
                             "einzugsdatum",
                             "pay until",
                             "payable until",
                             "remit by",
                             "remit until",
                             "payable by",
                             "date due",
                             "faellig",
                             "fallig",
                             "faelligkeit",
                             "falligkeit",
                             "faelligkeitsdatum",
                             "falligkeitsdatum",
                             "faelligkeitstag",
                             "falligkeitstag",
                             "zahlbar bis",
                             "zahlungsziel",
                             "netto bis",
                             "zahlbar bis zum",
                             "vervaldatum",
                             "date limite de reglement",
                             "date limite de paiement",
                             "date limite",
                             "reglement avant le",
                             "echeance le",
                             "date de reglement"}) {
    Add(phrase, Cue::kDueDate);
  }
  Add("bis", Cue::kDueDate, 0.35);

  // Totals. Generic words ("total", "tva") are weaker than the qualified phrases: the
  // cross-check HT + TVA = TTC settles between them.
  for (const char* phrase : {"total ht",
                             "montant ht",
                             "total hors taxes",
                             "total hors taxe",
                             "montant hors taxes",
                             "montant hors taxe",
                             "total hors tva",
                             "total net ht",
                             "sous total ht",
                             "base ht",
                             "total h t",
                             "subtotal",
                             "sub total",
                             "net total",
                             "total net",
                             "net amount",
                             "total excl vat",
                             "total excluding vat",
                             "total excl tax",
                             "total excluding tax",
                             "total before tax",
                             "total without vat",
                             "amount excl vat",
                             "nettobetrag",
                             "summe netto",
                             "nettosumme",
                             "netto summe",
                             "rechnungssumme netto",
                             "rechnungssumme ohne ust",
                             "gesamtbetrag netto",
                             "gesamt netto",
                             "summe ohne ust",
                             "warenwert netto",
                             "totaal excl btw",
                             "subtotaal",
                             "total sans tva"}) {
    Add(phrase, Cue::kTotalWithoutVat);
  }
  // The taxable base of a VAT breakdown: the total without VAT when there is one rate.
  for (const char* phrase :
       {"grondslag", "bemessungsgrundlage", "taxable amount", "base imposable"}) {
    Add(phrase, Cue::kTotalWithoutVat, 0.6);
  }
  Add("ht", Cue::kTotalWithoutVat, 0.5);
  Add("netto", Cue::kTotalWithoutVat, 0.5);
  Add("sous total", Cue::kTotalWithoutVat, 0.8);
  for (const char* phrase :
       {"total tva", "montant tva", "montant de la tva", "total taxes", "tva totale", "total vat",
        "vat amount", "total tax", "tax amount", "mwst betrag", "ust betrag", "steuerbetrag",
        "umsatzsteuerbetrag", "summe ust", "summe mwst", "gesamt ust", "mehrwertsteuer",
        "totaal btw", "btw bedrag"}) {
    Add(phrase, Cue::kTotalVat);
  }
  for (const char* phrase :
       {"tva", "taxes", "taxe", "vat", "tax", "mwst", "ust", "umsatzsteuer", "btw", "gst"}) {
    Add(phrase, Cue::kTotalVat, 0.55);
  }
  for (const char* phrase :
       {"total ttc",         "montant ttc",         "total toutes taxes comprises",
        "total t t c",       "montant total ttc",   "total facture",
        "montant total",     "total amount",        "invoice total",
        "grand total",       "total incl vat",      "total including vat",
        "total incl tax",    "total including tax", "gesamtbetrag",
        "bruttobetrag",      "bruttosumme",         "rechnungssumme brutto",
        "rechnungsbetrag",   "gesamtsumme",         "endbetrag",
        "summe brutto",      "gesamt brutto",       "rechnungssumme",
        "totaal incl btw",   "totaalbedrag",        "total avoir",
        "montant de l'avoir"}) {
    Add(phrase, Cue::kTotalWithVat);
  }
  // A VAT word qualified by "excluding" or "including" ("Summe netto (excl. USt.)", "Betrag inkl.
  // MwSt.", "hors TVA") names a total, not the VAT: it must not take the total's value.
  for (const char* vat : {"ust", "mwst", "vat", "tax", "tva", "btw", "taxes", "taxe"}) {
    const std::string v = vat;
    for (const char* without : {"excl ", "exkl ", "excluding ", "zzgl ", "hors ", "plus ",
                                "exclusief ", "exclusive of ", "before "}) {
      Add(without + v, Cue::kTotalWithoutVat, 0.5);
    }
    for (const char* with : {"inkl ", "incl ", "including ", "inclusief ", "inclusive of ", "mit ",
                             "incluse ", "comprise ", "toutes "}) {
      Add(with + v, Cue::kTotalWithVat, 0.5);
    }
  }
  // Insurance premiums ("Beitrag") bear the insurance tax ("Versicherungsteuer") instead of VAT.
  Add("gesamtbeitrag", Cue::kTotalWithoutVat, 0.7);
  Add("nettobeitrag", Cue::kTotalWithoutVat, 0.8);
  Add("versicherungsteuer", Cue::kTotalVat, 0.8);
  Add("versicherungssteuer", Cue::kTotalVat, 0.8);
  Add("rechnungsbeitrag", Cue::kTotalWithVat, 0.8);
  Add("bruttobeitrag", Cue::kTotalWithVat, 0.8);
  Add("zu zahlender beitrag", Cue::kAmountDue);
  Add("ttc", Cue::kTotalWithVat, 0.6);
  Add("total", Cue::kTotalWithVat, 0.55);
  Add("brutto", Cue::kTotalWithVat, 0.5);
  Add("totaal", Cue::kTotalWithVat, 0.55);
  Add("summe", Cue::kTotalWithVat, 0.4);
  for (const char* phrase :
       {"net a payer",      "reste a payer",   "montant a payer", "somme a payer",
        "total a payer",    "solde a payer",   "montant du",      "solde du",
        "amount due",       "balance due",     "total due",       "amount payable",
        "to pay",           "zahlbetrag",      "zu zahlen",       "zu zahlender betrag",
        "faelliger betrag", "falliger betrag", "offener betrag",  "restbetrag",
        "te betalen",       "net to pay",      "a payer"}) {
    Add(phrase, Cue::kAmountDue);
  }
  for (const char* phrase :
       {"acompte", "acomptes", "deja paye", "deja regle", "montant paye", "avance", "prepaid",
        "paid amount", "amount paid", "deposit", "anzahlung", "anzahlungen",
        "erhaltene anzahlungen", "bereits gezahlt", "bereits bezahlt", "vorauszahlung"}) {
    Add(phrase, Cue::kPrepaid);
  }

  for (const char* phrase :
       {"solde anterieur", "solde precedent", "arrieres", "impayes anterieurs", "previous balance",
        "balance brought forward", "balance forward", "outstanding balance", "offene zahlungen",
        "offene posten", "ausstehende forderung", "ausstehende forderungen", "vorheriger saldo",
        "openstaand saldo", "vorig saldo"}) {
    Add(phrase, Cue::kOutstanding);
  }

  // Parties: headings of the blocks that hold each party's name, address and identifiers.
  for (const char* phrase : {"vendeur",
                             "fournisseur",
                             "emetteur",
                             "prestataire",
                             "expediteur",
                             "seller",
                             "supplier",
                             "vendor",
                             "from",
                             "issued by",
                             "billed by",
                             "verkaufer",
                             "verkaeufer",
                             "lieferant",
                             "rechnungssteller",
                             "rechnungsersteller",
                             "leistungserbringer",
                             "auftragnehmer",
                             "leverancier",
                             "verkoper"}) {
    Add(phrase, Cue::kSellerParty, 0.8, Party::kSeller);
  }
  for (const char* phrase : {"client",
                             "destinataire",
                             "acheteur",
                             "facture a",
                             "facturer a",
                             "a facturer a",
                             "factured a",
                             "adresse de facturation",
                             "adresse du client",
                             "adresse client",
                             "donneur d'ordre",
                             "commanditaire",
                             "bill to",
                             "billed to",
                             "sold to",
                             "invoice to",
                             "invoiced to",
                             "buyer",
                             "customer",
                             "recipient",
                             "billing address",
                             "kaufer",
                             "kaeufer",
                             "kunde",
                             "rechnungsempfanger",
                             "rechnungsempfaenger",
                             "leistungsempfanger",
                             "auftraggeber",
                             "rechnungsadresse",
                             "kaufer leistungsempfanger",
                             "klant",
                             "afnemer",
                             "vos identifiants",
                             "ministere"}) {
    Add(phrase, Cue::kBuyerParty, 0.8, Party::kBuyer);
  }
  Add("nos identifiants", Cue::kSellerParty, 0.6, Party::kSeller);

  // Identifiers, plain and qualified by their party.
  const std::vector<std::pair<const char*, Cue>> identifiers = {
      {"siret", Cue::kSiret},
      {"no siret", Cue::kSiret},
      {"numero siret", Cue::kSiret},
      {"siren", Cue::kSiren},
      {"no siren", Cue::kSiren},
      {"siren siret", Cue::kSiren},
      {"rcs", Cue::kSiren},
      {"tva", Cue::kVat},
      {"no tva", Cue::kVat},
      {"n tva", Cue::kVat},
      {"numero de tva", Cue::kVat},
      {"numero tva", Cue::kVat},
      {"tva intracommunautaire", Cue::kVat},
      {"tva intracom", Cue::kVat},
      {"no tva intracommunautaire", Cue::kVat},
      {"no tva intracom", Cue::kVat},
      {"tva intra", Cue::kVat},
      {"no tva intra", Cue::kVat},
      {"no de tva intracommunautaire", Cue::kVat},
      {"identifiant tva", Cue::kVat},
      {"vat", Cue::kVat},
      {"vat no", Cue::kVat},
      {"vat number", Cue::kVat},
      {"vat id", Cue::kVat},
      {"vat reg no", Cue::kVat},
      {"vat registration number", Cue::kVat},
      {"tax id", Cue::kVat},
      {"ust idnr", Cue::kVat},
      {"ust id nr", Cue::kVat},
      {"ust id", Cue::kVat},
      {"ustid", Cue::kVat},
      {"ustidnr", Cue::kVat},
      {"ust identnr", Cue::kVat},
      {"ust ident nr", Cue::kVat},
      {"umsatzsteuer id", Cue::kVat},
      {"umsatzsteuer identifikationsnummer", Cue::kVat},
      {"btw nummer", Cue::kVat},
      {"btw nr", Cue::kVat},
  };
  const std::vector<std::pair<const char*, Party>> qualifiers = {
      {"client", Party::kBuyer},   {"dest", Party::kBuyer},       {"destinataire", Party::kBuyer},
      {"acheteur", Party::kBuyer}, {"customer", Party::kBuyer},   {"buyer", Party::kBuyer},
      {"kunde", Party::kBuyer},    {"des kunden", Party::kBuyer}, {"fournisseur", Party::kSeller},
      {"vendeur", Party::kSeller}, {"emetteur", Party::kSeller},  {"supplier", Party::kSeller},
      {"seller", Party::kSeller},  {"lieferant", Party::kSeller}, {"prestataire", Party::kSeller},
  };
  for (const auto& [label, cue] : identifiers) {
    Add(label, cue, cue == Cue::kVat && std::string_view(label) == "tva" ? 0.7 : 1);
    for (const auto& [qualifier, party] : qualifiers) {
      Add(std::string(label) + " " + qualifier, cue, 1, party);
      Add(std::string(label) + " du " + qualifier, cue, 1, party);
    }
    // English puts the party first: "Customer VAT Number", "Supplier VAT No".
    for (const auto& [qualifier, party] :
         {std::pair{"customer", Party::kBuyer}, std::pair{"buyer", Party::kBuyer},
          std::pair{"supplier", Party::kSeller}, std::pair{"seller", Party::kSeller},
          std::pair{"vendor", Party::kSeller}}) {
      Add(std::string(qualifier) + " " + label, cue, 1, party);
    }
  }
  Add("iban", Cue::kIban);
  Add("iban nr", Cue::kIban);
  Add("iban no", Cue::kIban);
  Add("devise", Cue::kCurrency);
  Add("monnaie", Cue::kCurrency);
  Add("currency", Cue::kCurrency);
  Add("wahrung", Cue::kCurrency);
  Add("waehrung", Cue::kCurrency);
  Add("rechnungswahrung", Cue::kCurrency);
  Add("betrage in", Cue::kCurrency);
  Add("amounts in", Cue::kCurrency);
  Add("montants en", Cue::kCurrency);

  // Chorus Pro references.
  for (const char* phrase :
       {"code service", "service executant", "code du service", "service destinataire",
        "code service executant", "buyer reference", "leitweg id", "leitwegid",
        "reference acheteur", "service", "ihr zeichen", "referenz des kaufers",
        "referenz des kaeufers", "kauferreferenz", "kaeuferreferenz", "buyer s reference",
        "customer reference"}) {
    Add(phrase, Cue::kBuyerReference,
        std::string_view(phrase) == "service" || std::string_view(phrase) == "reference acheteur"
            ? 0.6
            : 1);
  }
  for (const char* phrase : {"engagement",
                             "no engagement",
                             "numero d'engagement",
                             "numero engagement",
                             "no d'engagement",
                             "n d'engagement",
                             "engagement no",
                             "no de l'engagement",
                             "engagement juridique",
                             "numero d'engagement juridique",
                             "no d'engagement juridique",
                             "n d'engagement juridique",
                             "no engagement juridique",
                             "ej",
                             "no ej",
                             "bon de commande",
                             "no bon de commande",
                             "no de commande",
                             "numero de commande",
                             "commande",
                             "commande no",
                             "bc",
                             "purchase order",
                             "po",
                             "po number",
                             "po no",
                             "order no",
                             "order id",
                             "order number",
                             "order ref",
                             "order reference",
                             "your order",
                             "bestellung",
                             "bestellnummer",
                             "bestell nr",
                             "auftragsnummer",
                             "auftrag nr",
                             "ihre bestellung",
                             "bestellnr",
                             "votre commande",
                             "your reference",
                             "your ref",
                             "ref commande",
                             "reference commande",
                             "bestelnummer",
                             "votre reference",
                             "vos references"}) {
    const std::string_view p = phrase;
    // The engagement number is what Chorus Pro asks for; a purchase order is second best.
    const bool engagement = p.find("engagement") != p.npos || p == "ej" || p == "no ej";
    // The supplier's own order number ("Auftragsnummer", the order confirmation) is a weaker
    // sign of the buyer's purchase order than "Bestellnummer".
    const bool weak = p == "commande" || p == "bc" || p == "po" || p == "bestellung" ||
                      p == "votre reference" || p == "vos references" || p == "your reference" ||
                      p == "your ref" || p == "auftragsnummer" || p == "auftrag nr";
    Add(phrase, Cue::kOrderReference, engagement ? 1 : weak ? 0.6 : 0.85);
  }
  for (const char* phrase :
       {"numero de marche", "no de marche", "no marche", "marche", "marche public",
        "reference du marche", "ref marche", "contrat", "no contrat", "numero de contrat",
        "contract", "contract no", "contract number", "contract reference", "vertrag",
        "vertragsnummer", "vertrags nr"}) {
    const std::string_view p = phrase;
    Add(phrase, Cue::kContractReference,
        p == "marche" || p == "contrat" || p == "contract" || p == "vertrag" ? 0.6 : 1);
  }

  // Labels of values that are none of ours: they keep their values from our labels.
  for (const char* phrase :
       {"client no", "no client", "no de client", "n de client", "numero de client", "code client",
        "numero client", "customer no", "customer number", "customer id", "account number",
        "kundennummer", "kunden nr", "kundennr", "bon de livraison", "no bon de livraison",
        "date de livraison", "delivery date", "date of delivery", "date of supply", "lieferdatum",
        "leistungsdatum", "liefer und leistungsdatum", "date de commande", "order date",
        "bestelldatum", "tel", "telephone", "phone", "fax", "mobile", "email", "e mail", "bic",
        "swift", "capital", "ape", "naf", "code ape", "steuernummer", "steuernr", "st nr",
        "handelsregister", "handelsreg", "hrb", "blz", "kontonr", "konto", "gln", "ean", "id",
        "page", "seite", "taux", "rate", "base", "quantite", "qte", "quantity", "menge",
        "prix unitaire", "unit price", "remise", "discount", "rabatt", "ref comptable",
        "reference avis de paiement", "date de reception", "bon de reception",
        "no bon de reception", "periode", "period", "zeitraum", "leistungszeitraum",
        "rechnungszeitraum", "abrechnungszeitraum", "escompte", "skonto", "conditions de paiement",
        "payment terms", "zahlungsbedingungen", "mode de paiement", "moyen de paiement",
        "globale nummer", "bestellung vom", "auftrag vom", "lieferschein vom", "lieferung vom",
        "commande du", "bon de commande du", "livraison du", "dated order", "nummer",
        "date de commande", "date de debut", "date de fin", "du au", "facture associee",
        "date de facture associee", "no de facture associee", "facture d'origine",
        "date de la commande", "vertrag vom", "vertragsnummer vom",
        // Delivery addresses: a third party's block, neither seller nor buyer.
        "adresse de livraison", "livre a", "ship to", "shipping address", "delivery address",
        "deliver to", "lieferadresse", "lieferanschrift", "warenempfanger", "warenempfaenger",
        "afleveradres"}) {
    Add(phrase, Cue::kOtherReference);
  }

  for (size_t i = 0; i < keywords_.size(); ++i) {
    by_first_token_[keywords_[i].tokens.front()].push_back(i);
  }
  for (auto& [token, indices] : by_first_token_) {
    std::stable_sort(indices.begin(), indices.end(), [&](size_t a, size_t b) {
      return keywords_[a].tokens.size() > keywords_[b].tokens.size();
    });
  }
}

std::optional<KeywordLexicon::Match> KeywordLexicon::LongestAt(
    const std::vector<std::string>& tokens, size_t pos) const {
  if (pos >= tokens.size()) return std::nullopt;
  auto it = by_first_token_.find(tokens[pos]);
  if (it == by_first_token_.end()) return std::nullopt;
  for (size_t index : it->second) {
    const Keyword& keyword = keywords_[index];
    if (pos + keyword.tokens.size() > tokens.size()) continue;
    if (std::equal(keyword.tokens.begin(), keyword.tokens.end(), tokens.begin() + pos)) {
      return Match{&keyword, keyword.tokens.size()};
    }
  }
  return std::nullopt;
}

}  // namespace choral::recognize
