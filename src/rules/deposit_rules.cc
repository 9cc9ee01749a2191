#include "rules/deposit_rules.h"

#include <optional>
#include <string_view>
#include <utility>

#include "core/decimal.h"
#include "core/error.h"
#include "directory/deposit_requirements.h"

// The rules, each with the form field it names (FUNCTIONAL.md §13 and issue 4):
//   DEP-RECIPIENT-UNKNOWN               recipient_siret    no structure has the identifier
//   DEP-RECIPIENT-NOT-PUBLIC            recipient_siret    invoices go to public structures only
//   DEP-RECIPIENT-INACTIVE              recipient_siret
//   DEP-SUPPLIER-IS-RECIPIENT           recipient_siret    a structure cannot bill itself
//   DEP-SERVICE-UNKNOWN                 service_code       the recipient has no such service
//   DEP-SERVICE-INACTIVE                service_code       inactive, or outside its dates
//   DEP-SERVICE-CODE-REQUIRED           service_code       per the recipient's flags (§2.1)
//   DEP-ENGAGEMENT-REQUIRED             engagement_number  per the recipient's or service's flags
//   DEP-SERVICE-OR-ENGAGEMENT-REQUIRED  service_code       the "either one" flag
//   DEP-ENGAGEMENT-FORMAT               engagement_number  at most 50 characters
//   DEP-NUMBER-REQUIRED                 invoice_number
//   DEP-NUMBER-FORMAT                   invoice_number     at most 20 of A-Z a-z 0-9 - _ / +
//   DEP-NUMBER-TAKEN                    invoice_number     unique per supplier
//   DEP-DATE-FUTURE                     issue_date
//   DEP-AMOUNT-FORMAT                   each amount        at most 6 decimals, below 10^11
//   DEP-TOTALS                          total_with_vat     HT + VAT = TTC to the cent
//   DEP-AMOUNT-DUE                      amount_due         at most TTC to the cent (AVOIR: sizes)
//   DEP-NEGATIVE-INVOICE                total_with_vat     a FACTURE (not an AVOIR) with TTC < 0
//   DEP-FRAMEWORK                       framework          A1, A2, A9 or A12
//   DEP-CURRENCY                        currency           3 upper-case letters (ISO 4217 form)
//   DEP-SCANNED-PDF                     pdf                a scan is refused
// Findings come in this order, so the form shows them top to bottom.

namespace choral::rules {
namespace {

using core::Decimal;
using core::Quoted;

constexpr size_t kMaxInvoiceNumberLength = 20;  // numeroFacture, FUNCTIONAL.md §13
constexpr size_t kMaxEngagementNumberCharacters = 50;
// Chorus Pro's amounts are decimal(19,6). Choral keeps the 6 decimals but caps the magnitude
// below 10^11: then every sum and comparison below stays inside Decimal's range (10^18 units,
// i.e. 10^12 at 6 decimals) instead of aborting on a hostile form. No public invoice reaches
// a hundred billion.
constexpr int kMaxAmountScale = 6;
constexpr Decimal kAmountLimit = Decimal::FromInteger(100'000'000'000);

class Findings {
 public:
  void Add(std::string_view rule_id, std::string_view field, std::string message) {
    out_.push_back(Finding{std::string(rule_id), std::string(field), std::move(message)});
  }
  std::vector<Finding> Take() { return std::move(out_); }

 private:
  std::vector<Finding> out_;
};

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

size_t CharacterCount(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;  // not a UTF-8 continuation
  }
  return count;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// numeroFacture's alphabet (FUNCTIONAL.md §13): the number travels in EDI flows and file names.
bool IsInvoiceNumberCharacter(char c) {
  return IsAsciiAlnum(c) || c == '-' || c == '_' || c == '/' || c == '+';
}

Decimal Abs(Decimal value) { return value.IsNegative() ? -value : value; }

std::string Amount(Decimal value) { return Quoted(value.ToString(2)); }

bool SameStructure(const directory::Structure& a, const directory::Structure& b) {
  if (&a == &b) return true;
  if (a.id.valid() && b.id.valid()) return a.id == b.id;
  return a.identifier_type == b.identifier_type && !a.identifier.empty() &&
         a.identifier == b.identifier;
}

void CheckRecipient(const DepositContext& context, Findings& out) {
  const directory::Structure* recipient = context.recipient;
  if (recipient == nullptr) {
    out.Add("DEP-RECIPIENT-UNKNOWN", "recipient_siret",
            context.recipient_identifier.empty()
                ? std::string("recipient_siret: no structure in the directory is the recipient")
                : "recipient_siret " + Quoted(context.recipient_identifier) +
                      ": no structure in the directory has this identifier");
    return;
  }
  const std::string named =
      "recipient_siret " + Quoted(recipient->identifier) + ": " + Quoted(recipient->name);
  if (recipient->kind != directory::StructureKind::kPublic) {
    out.Add("DEP-RECIPIENT-NOT-PUBLIC", "recipient_siret",
            named + " is not a public structure; invoices are deposited to public structures only");
  }
  if (!recipient->active) {
    out.Add("DEP-RECIPIENT-INACTIVE", "recipient_siret",
            named + " is inactive and does not accept invoices");
  }
  if (context.supplier != nullptr && SameStructure(*context.supplier, *recipient)) {
    out.Add("DEP-SUPPLIER-IS-RECIPIENT", "recipient_siret",
            named + " is the supplier itself; a structure cannot deposit an invoice to itself");
  }
}

void CheckRouting(const invoice::Invoice& draft, const DepositContext& context, Findings& out) {
  if (context.service_code_unknown) {
    out.Add("DEP-SERVICE-UNKNOWN", "service_code",
            "service_code " + Quoted(draft.service_code) +
                ": the recipient has no service with this code");
  } else if (context.service != nullptr && !context.service->AcceptsInvoicesOn(context.today)) {
    out.Add("DEP-SERVICE-INACTIVE", "service_code",
            "service_code " + Quoted(context.service->code) + ": the service does not accept " +
                "invoices on " + context.today.ToIso() +
                " (inactive or outside its validity dates)");
  }

  if (context.recipient != nullptr) {
    const directory::DepositRequirements required =
        directory::RequirementsFor(*context.recipient, context.service);
    const bool no_service_code = IsBlank(draft.service_code);
    const bool no_engagement = IsBlank(draft.engagement_number);
    bool reported = false;
    if (required.service_code && no_service_code) {
      out.Add("DEP-SERVICE-CODE-REQUIRED", "service_code",
              "service_code is required: the recipient " + Quoted(context.recipient->name) +
                  " asks for a service code on every invoice");
      reported = true;
    }
    if (required.engagement_number && no_engagement) {
      // Say whose flag it is: the supplier asks the right party for the number.
      const bool by_structure = context.recipient->flags.engagement_number_required;
      out.Add("DEP-ENGAGEMENT-REQUIRED", "engagement_number",
              "engagement_number is required: " +
                  (by_structure ? "the recipient " + Quoted(context.recipient->name)
                                : "the service " + Quoted(context.service->code)) +
                  " asks for an engagement number on every invoice");
      reported = true;
    }
    // Only when no stricter rule already asked for one of the two: one message per gap.
    if (required.either && no_service_code && no_engagement && !reported) {
      out.Add("DEP-SERVICE-OR-ENGAGEMENT-REQUIRED", "service_code",
              "service_code or engagement_number is required: the recipient " +
                  Quoted(context.recipient->name) +
                  " asks for at least one of them on every invoice");
    }
  }

  if (CharacterCount(draft.engagement_number) > kMaxEngagementNumberCharacters) {
    out.Add("DEP-ENGAGEMENT-FORMAT", "engagement_number",
            "engagement_number " + Quoted(draft.engagement_number) +
                " must have at most 50 characters");
  }
}

void CheckNumberAndDate(const invoice::Invoice& draft, const DepositContext& context,
                        Findings& out) {
  const std::string& number = draft.invoice_number;
  if (number.empty()) {
    out.Add("DEP-NUMBER-REQUIRED", "invoice_number", "invoice_number must not be empty");
  } else if (number.size() > kMaxInvoiceNumberLength) {
    out.Add("DEP-NUMBER-FORMAT", "invoice_number",
            "invoice_number " + Quoted(number) + " must have at most 20 characters");
  } else {
    bool well_formed = true;
    for (char c : number) well_formed = well_formed && IsInvoiceNumberCharacter(c);
    if (!well_formed) {
      out.Add("DEP-NUMBER-FORMAT", "invoice_number",
              "invoice_number " + Quoted(number) +
                  " may contain only letters A-Z a-z, digits and - _ / +");
    }
  }
  if (context.invoice_number_taken) {
    out.Add("DEP-NUMBER-TAKEN", "invoice_number",
            "invoice_number " + Quoted(number) + " is already used by this supplier");
  }
  if (draft.issue_date > context.today) {
    out.Add("DEP-DATE-FUTURE", "issue_date",
            "issue_date " + Quoted(draft.issue_date.ToIso()) + " is in the future (today is " +
                context.today.ToIso() + ")");
  }
}

// `value` with at most 6 decimals when it is inside the range the arithmetic below may use;
// none, and a finding, otherwise.
std::optional<Decimal> CheckAmountFormat(std::string_view field, Decimal value, Findings& out) {
  // Trailing zeros beyond the 6th decimal are harmless: 1.500000000 is 1.50.
  const Decimal rounded = value.scale() > kMaxAmountScale ? value.Round(kMaxAmountScale) : value;
  if (rounded != value) {
    out.Add("DEP-AMOUNT-FORMAT", field,
            std::string(field) + " " + Quoted(value.ToString()) + " must have at most 6 decimals");
    return std::nullopt;
  }
  if (Abs(value) >= kAmountLimit) {
    out.Add("DEP-AMOUNT-FORMAT", field,
            std::string(field) + " " + Quoted(value.ToString()) +
                " must be less than 100 000 000 000 in absolute value");
    return std::nullopt;
  }
  return rounded;
}

void CheckAmounts(const invoice::Invoice& draft, Findings& out) {
  // Checked one by one (not short-circuited) so every bad amount gets its finding.
  const std::optional<Decimal> ht =
      CheckAmountFormat("total_without_vat", draft.total_without_vat, out);
  const std::optional<Decimal> vat = CheckAmountFormat("total_vat", draft.total_vat, out);
  const std::optional<Decimal> ttc = CheckAmountFormat("total_with_vat", draft.total_with_vat, out);
  const std::optional<Decimal> due = CheckAmountFormat("amount_due", draft.amount_due, out);

  if (ht && vat && ttc) {
    // "To the cent": amounts may carry up to 6 decimals, the totals printed on the invoice
    // carry 2, so the sum and the total are compared once rounded to cents.
    const Decimal sum = (*ht + *vat).RoundToCents();
    if (sum != ttc->RoundToCents()) {
      out.Add("DEP-TOTALS", "total_with_vat",
              "total_with_vat " + Amount(*ttc) + " must equal total_without_vat " + Amount(*ht) +
                  " + total_vat " + Amount(*vat) + " = " + Amount(sum));
    }
  }
  if (ttc && due) {
    // A credit note may be written with negative amounts (EN 16931) or positive ones (Chorus
    // Pro's AVOIR): compare magnitudes so both forms pass. To the cent, like the totals.
    const bool credit_note = draft.type == invoice::DocumentType::kCreditNote;
    const Decimal due_cents = (credit_note ? Abs(*due) : *due).RoundToCents();
    const Decimal ttc_cents = (credit_note ? Abs(*ttc) : *ttc).RoundToCents();
    if (due_cents > ttc_cents) {
      out.Add("DEP-AMOUNT-DUE", "amount_due",
              "amount_due " + Amount(draft.amount_due) + " must not exceed total_with_vat " +
                  Amount(draft.total_with_vat));
    }
  }
  if (draft.type == invoice::DocumentType::kInvoice && draft.total_with_vat.IsNegative()) {
    out.Add("DEP-NEGATIVE-INVOICE", "total_with_vat",
            "total_with_vat " + Amount(draft.total_with_vat) +
                " is negative: an invoice (FACTURE) must not be; deposit a credit note (AVOIR)");
  }
}

void CheckFormAndFile(const invoice::Invoice& draft, const DepositContext& context, Findings& out) {
  if (!invoice::IsDepositFramework(draft.framework)) {
    out.Add("DEP-FRAMEWORK", "framework",
            "framework " + Quoted(draft.framework) +
                " is not offered for a deposit (A1_FACTURE_FOURNISSEUR, "
                "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE, A9_FACTURE_SOUSTRAITANT or "
                "A12_FACTURE_COTRAITANT)");
  }
  // The ISO 4217 form; whether the code is assigned is not checked (the list changes, and a
  // French public buyer is billed in EUR in practice).
  bool currency_ok = draft.currency.size() == 3;
  for (char c : draft.currency) currency_ok = currency_ok && c >= 'A' && c <= 'Z';
  if (!currency_ok) {
    out.Add("DEP-CURRENCY", "currency",
            "currency " + Quoted(draft.currency) + " must be an ISO 4217 code of 3 upper-case " +
                "letters, such as \"EUR\"");
  }
  if (context.pdf_is_scanned) {
    out.Add("DEP-SCANNED-PDF", "pdf",
            "pdf is a scanned image without text; deposit a native PDF (keywords before each "
            "value, space between fields, black on white)");
  }
}

}  // namespace

std::vector<Finding> CheckDeposit(const invoice::Invoice& draft, const DepositContext& context) {
  Findings out;
  CheckRecipient(context, out);
  CheckRouting(draft, context, out);
  CheckNumberAndDate(draft, context, out);
  CheckAmounts(draft, out);
  CheckFormAndFile(draft, context, out);
  return out.Take();
}

}  // namespace choral::rules
