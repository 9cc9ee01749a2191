// Deposit view models: pure functions turning what Choral read on a supplier's PDFs into the
// deposit form, its page preview with the found values outlined, and the batch table, in the
// catalogue's words. No I/O; tested without a database.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

#include "platform/actor.h"
#include "platform/deposit.h"
#include "platform/public_directory.h"
#include "portal/catalogue.h"

namespace choral::portal {

// Values read with less confidence than this are marked "à vérifier" on the deposit form.
inline constexpr double kConfidentEnough = 0.8;
// The largest PDF a supplier may deposit.
inline constexpr size_t kMaxPdfBytes = 10 * 1024 * 1024;

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

// The most PDFs one batch deposit reads: the server's 25 MB body limit bounds it anyway.
inline constexpr int kMaxBatchFiles = 20;
// The most pages of one PDF the preview shows (the first, and those where values were found).
inline constexpr int kMaxPreviewPages = 3;

// A value found on the page, outlined on the preview: the form field it fills and where it was
// read, in PDF points from the page's top-left corner.
struct PreviewMark {
  std::string field;  // a name of DepositFieldNames()
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool to_check = false;
};

// A page of the preview: its number, size in points (the overlay's viewBox) and marks.
struct PreviewPage {
  int number = 1;
  double width = 0, height = 0;
  std::vector<PreviewMark> marks;
};

// Everything the deposit form shows: what the supplier confirms, what Choral read and how sure
// it is, the recipient the SIRET points to, and why the last attempt was refused.
struct DepositFormState {
  platform::DepositForm form;
  std::string pdf_name;                                    // the uploaded file's name, for display
  std::set<std::string, std::less<>> to_check;             // fields read with low confidence
  std::optional<platform::PublicStructureView> recipient;  // when the SIRET is known
  std::vector<rules::Finding> findings;
  bool needs_duplicate_confirmation = false;
  std::vector<PreviewPage> preview;  // empty: no preview (the draft could not be read again)
};

// The form pre-filled from a PDF: the embedded XML's values when there is one, the page's values
// otherwise; amounts in French form, the date ISO (for <input type="date">), the document type
// as FACTURE / AVOIR. Fields read with confidence < kConfidentEnough, or whose page and XML
// values disagree, are in to_check. The draft, the file name and the preview come along.
DepositFormState FormFromPrefill(const platform::DepositPrefill& prefill);

// The pages to preview: the first, then each page where a value was found, at most
// kMaxPreviewPages, with the marks of the values that fill the form.
std::vector<PreviewPage> PreviewPages(const platform::InvoiceExtraction& extraction,
                                      const std::set<std::string, std::less<>>& to_check);

// The deposit form's values for the template: one entry per field (value, hint, errors, ids),
// the supplier choice, the recipient card, the frameworks and document types, the draft id and
// the preview (page images with the marks drawn over them).
mstch::map DepositFormData(const Catalogue& catalogue, const platform::Actor& actor,
                           const DepositFormState& state);

// The deposit form read back from its fields (`field` returns "" for an absent one): the values
// typed, the draft, the duplicate confirmation, the file name and the "à vérifier" marks. The
// supplier is the caller's to set: it is the actor's choice, checked by the platform.
DepositFormState DepositFormStateFromFields(
    const std::function<std::string(std::string_view)>& field);

// One file of a batch deposit, as the batch table shows it.
struct BatchRow {
  std::string file_name;
  // The file cannot be deposited: the catalogue key saying why (unreadable, too big, scan,
  // already deposited or expired); no form then.
  std::string problem_key;
  DepositFormState state;  // the row's form and its last findings, when there is no problem
  // Accepted: the invoice it became.
  std::optional<core::InvoiceId> deposited;
};

// The batch row field for `field` of row `index`: "l3_invoice_number".
std::string BatchFieldName(int index, std::string_view field);

// The problem keys a batch row may carry back through the form (anything else is dropped).
bool IsBatchProblemKey(std::string_view key);

// The batch form read back: `count` rows (at most kMaxBatchFiles) of fields `field` returns by
// name ("" when absent). A row is deposited (invoice_id), has a problem (a known key), or is a
// form naming its draft; anything else is dropped.
std::vector<BatchRow> BatchRowsFromForm(const std::function<std::string(std::string_view)>& field,
                                        int count);

// The batch table's values: a row per file (inputs named by BatchFieldName, labelled for
// screen readers with the field and the file), its findings or its result, and the counts.
mstch::map BatchData(const Catalogue& catalogue, const platform::Actor& actor,
                     const std::vector<BatchRow>& rows);

}  // namespace choral::portal
