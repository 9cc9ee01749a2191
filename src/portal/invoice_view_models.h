// Invoice view models: pure functions turning deposits, invoice lists and invoice pages into the
// values the templates show, in the catalogue's words. No I/O; tested without a database.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

// Invoices, statuses, findings and recognitions come through platform's headers (DESIGN.md's
// arrows: portal names platform's types, never the lower modules directly).
#include "platform/actor.h"
#include "platform/deposit.h"
#include "platform/invoice_processing.h"
#include "platform/public_directory.h"
#include "portal/catalogue.h"

namespace choral::portal {

// Values read with less confidence than this are marked "à vérifier" on the deposit form.
inline constexpr double kConfidentEnough = 0.8;
// The largest PDF a supplier may deposit.
inline constexpr size_t kMaxPdfBytes = 10 * 1024 * 1024;

// "status.MISE_EN_PAIEMENT": the status's French name.
std::string StatusKey(invoice::InvoiceStatus status);
// "move.SUSPENDUE": the button that moves an invoice to the status ("Suspendre").
std::string MoveKey(invoice::InvoiceStatus status);
// The moves whose comment is a required reason: SUSPENDUE, REJETEE, A_RECYCLER.
bool MoveNeedsReason(invoice::InvoiceStatus status);

// The catalogue key for a finding: "rule.<rule_id>-<field>" when the catalogue has it (a value
// that does not parse: "rule.DEP-FORMAT-issue_date"), else "rule.<rule_id>", else "rule.unknown"
// for a rule the catalogue does not know yet.
std::string FindingKey(const Catalogue& catalogue, const rules::Finding& finding);

// The deposit form's fields, in the order the form shows them.
const std::vector<std::string_view>& DepositFieldNames();

// The "to_check" hidden field back to field names: the marks survive corrections; names that
// are not fields of the form are dropped.
std::set<std::string, std::less<>> ParseToCheckList(std::string_view list);

// Findings in French, grouped by the form field they concern; those naming no field of the form
// (the PDF, the supplier) go to `general`.
struct FieldMessages {
  std::map<std::string, std::vector<std::string>, std::less<>> by_field;
  std::vector<std::string> general;
};
FieldMessages GroupFindings(const Catalogue& catalogue,
                            const std::vector<rules::Finding>& findings);

// Standard base64 (RFC 4648, with padding): the PDF travels in the confirm form.
std::string Base64Encode(std::string_view bytes);
// nullopt on any character outside the alphabet or a bad length; whitespace is skipped.
std::optional<std::string> Base64Decode(std::string_view text);

// "1 234,56 €" for EUR, "1 234,56 USD" otherwise.
std::string FormatAmount(const core::Decimal& amount, std::string_view currency);
// "26/11/2026 23:52": Paris time, as French users read a clock (the labels say "heure de Paris").
std::string FormatTimestamp(core::Timestamp at);

// Everything the deposit form shows: what the supplier confirms, what Choral read and how sure
// it is, the recipient the SIRET points to, and why the last attempt was refused.
struct DepositFormState {
  platform::DepositForm form;
  std::string pdf_name;                                    // the uploaded file's name, for display
  std::set<std::string, std::less<>> to_check;             // fields read with low confidence
  std::optional<platform::PublicStructureView> recipient;  // when the SIRET is known
  std::vector<rules::Finding> findings;
  bool needs_duplicate_confirmation = false;
};

// The form pre-filled from a PDF: the embedded XML's values when there is one, the page's values
// otherwise; amounts in French form, the date ISO (for <input type="date">), the document type
// as FACTURE / AVOIR. Fields read with confidence < kConfidentEnough, or whose page and XML
// values disagree, are in to_check.
DepositFormState FormFromPrefill(const platform::DepositPrefill& prefill);

// The deposit form's values for the template: one entry per field (value, hint, errors, ids),
// the supplier choice, the recipient card, the frameworks and document types, the PDF carried
// as base64.
mstch::map DepositFormData(const Catalogue& catalogue, const platform::Actor& actor,
                           const DepositFormState& state);

// The invoice page's values: data, history, one small form per possible move.
mstch::map InvoiceData(const Catalogue& catalogue, const platform::Actor& actor,
                       const platform::InvoiceView& view);

// The Content-Disposition of a downloaded attachment: `attachment`, an ASCII filename (anything
// outside letters, digits, space, dot, dash and underscore becomes '_') and the exact UTF-8 name
// as filename* (RFC 6266 / 5987), so no name can break out of the header.
std::string AttachmentDisposition(std::string_view file_name);

// "850 o", "12,3 Ko", "4,1 Mo".
std::string FormatSize(int64_t bytes);

// The deposit receipt's values.
mstch::map ReceiptData(const platform::InvoiceView& view);

}  // namespace choral::portal
