// KeywordLexicon: the words that announce invoice values on a page ("Facture n°", "Total TTC",
// "SIRET client", "Rechnungsdatum"...), French, English and German, matched on normalised tokens.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace choral::recognize {

// What a keyword announces. Identifier labels (SIRET, VAT...) say nothing of whose identifier it
// is; the party comes from a qualifier in the label ("SIRET client") or from the page around it.
enum class Cue {
  kInvoiceNumber,      // "facture n°", "invoice no", "rechnungsnummer"
  kInvoiceTitle,       // "facture", "invoice", "rechnung": a title that may carry the number
  kSelfBilling,        // "selbst ausgestellte Rechnung", "autofacturation": an invoice, even
                       // when titled "Gutschrift" (German for a self-billed invoice)
  kCreditNoteTitle,    // "avoir", "credit note", "gutschrift"
  kIssueDate,          // "date de facture", "invoice date", "rechnungsdatum"
  kDueDate,            // "échéance", "due date", "zahlbar bis"
  kTotalWithoutVat,    // "total HT", "subtotal", "nettobetrag"
  kTotalVat,           // "total TVA", "VAT", "MwSt"
  kTotalWithVat,       // "total TTC", "total", "gesamtbetrag"
  kAmountDue,          // "net à payer", "amount due", "zahlbetrag"
  kPrepaid,            // "acompte", "déjà payé", "anzahlung": what separates due from total
  kOutstanding,        // "solde antérieur", "previous balance", "offene Zahlungen": earlier
                       // amounts still owed, which the amount due may add to the total
  kSellerParty,        // a heading of the seller's block: "vendeur", "fournisseur", "verkäufer"
  kBuyerParty,         // a heading of the buyer's block: "client", "facturé à", "bill to"
  kSiret,              // "SIRET"
  kSiren,              // "SIREN", "RCS"
  kVat,                // "N° TVA", "TVA intracommunautaire", "VAT", "USt-IdNr."
  kIban,               // "IBAN"
  kCurrency,           // "devise", "currency", "währung"
  kBuyerReference,     // BT-10: "code service", "service exécutant"
  kOrderReference,     // BT-13: "engagement", "EJ", "bon de commande", "purchase order"
  kContractReference,  // BT-12: "numéro de marché", "contrat"
  kOtherReference,     // labels whose value is none of ours ("client n°", "bon de livraison",
                       // "tél."): they stop a neighbouring label from taking their value
};

// Whose value a label names, when it says so ("SIRET client", "N° TVA fournisseur").
enum class Party { kUnknown, kSeller, kBuyer };

struct Keyword {
  std::vector<std::string> tokens;  // normalised
  Cue cue;
  // How surely the words announce the cue, in (0, 1]: "total TTC" 1, a bare "total" less.
  double strength = 1;
  Party party = Party::kUnknown;
};

// Lower case, accents folded (é -> e, ß -> ss, œ -> oe), "°" and "º" read as "o" and "#" as
// "no" (so "N°", "Nº", "No." and "#" all become "no"), every other non-alphanumeric character a
// token break. "Date d'échéance :" -> {"date", "d", "echeance"}.
std::vector<std::string> NormalizeTokens(std::string_view utf8);
// The tokens joined by single spaces.
std::string NormalizeText(std::string_view utf8);

// Immutable after construction; thread-safe.
class KeywordLexicon {
 public:
  // The built-in lexicon.
  KeywordLexicon();

  struct Match {
    const Keyword* keyword = nullptr;
    size_t length = 0;  // tokens consumed
  };
  // The longest keyword whose tokens start at tokens[pos], if any.
  std::optional<Match> LongestAt(const std::vector<std::string>& tokens, size_t pos) const;

  const std::vector<Keyword>& keywords() const { return keywords_; }

 private:
  void Add(std::string_view phrase, Cue cue, double strength = 1, Party party = Party::kUnknown);

  std::vector<Keyword> keywords_;
  // First token -> indices into keywords_, longest first.
  std::map<std::string, std::vector<size_t>, std::less<>> by_first_token_;
};

}  // namespace choral::recognize
