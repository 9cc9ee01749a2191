#include "platform/deposit.h"

#include <nlohmann/json.hpp>

#include "core/siret.h"
#include "platform/invoice_access.h"
#include "platform/invoice_intake.h"
#include "store/sha256.h"

namespace choral::platform {
namespace {

using invoice::InvoiceStatus;

// The resolution of the preview's page images: sharp enough to read, light enough to send.
constexpr int kPreviewDpi = 96;

void FormatFinding(std::vector<rules::Finding>& findings, std::string field,
                   const core::Error& error) {
  findings.push_back(rules::Finding{"DEP-FORMAT", std::move(field), error.message});
}

// Turns the typed form into an Invoice draft; every value that does not parse is a finding
// naming its field, so the supplier sees all of them at once.
invoice::Invoice Draft(const DepositForm& form, std::vector<rules::Finding>& findings) {
  invoice::Invoice draft;
  draft.supplier_id = form.supplier_id;
  draft.service_code = form.service_code;
  draft.engagement_number = form.engagement_number;
  draft.invoice_number = form.invoice_number;
  draft.framework = form.framework;
  draft.currency = form.currency;
  if (auto date = core::Date::Parse(form.issue_date)) {
    draft.issue_date = *date;
  } else {
    FormatFinding(findings, "issue_date", date.error());
  }
  if (auto type = invoice::ParseDocumentTypeCode(form.document_type)) {
    draft.type = *type;
  } else {
    findings.push_back(
        {"DEP-FORMAT", "document_type",
         "document type must be FACTURE or AVOIR, not " + core::Quoted(form.document_type)});
  }
  const struct {
    const char* field;
    const std::string& text;
    core::Decimal& value;
  } amounts[] = {{"total_without_vat", form.total_without_vat, draft.total_without_vat},
                 {"total_vat", form.total_vat, draft.total_vat},
                 {"total_with_vat", form.total_with_vat, draft.total_with_vat},
                 {"amount_due", form.amount_due, draft.amount_due}};
  for (const auto& amount : amounts) {
    if (auto parsed = core::Decimal::Parse(amount.text)) {
      amount.value = parsed->RoundToCents();
    } else {
      FormatFinding(findings, amount.field, parsed.error());
    }
  }
  return draft;
}

}  // namespace

Deposits::Deposits(store::Store& store, const core::Clock& clock, pdf::ReaderPool& pdf_readers)
    : store_(store), clock_(clock), extractor_(pdf_readers) {}

core::Result<DepositPrefill> Deposits::Prefill(const Actor& actor, std::string_view pdf) const {
  if (!MayDepositAny(actor)) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "only people acting for a supplier, with MODIFICATION on its sent invoices, "
                      "deposit invoices");
  }
  auto extraction = extractor_.Extract(pdf);
  if (!extraction) return core::Fail(extraction.error());
  DepositPrefill prefill;
  prefill.extraction = std::move(*extraction);
  const recognize::FoundValue* buyer =
      prefill.extraction.recognition.Find(recognize::Field::kBuyerSiret);
  if (buyer == nullptr) return prefill;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto found = tx.structures().FindByIdentifier(directory::IdentifierType::kSiret, buyer->value);
    if (!found) return core::Fail(found.error());
    if (!*found || (*found)->kind != directory::StructureKind::kPublic) return core::Ok();
    prefill.recipient = std::move(**found);
    auto services = tx.services().ListByStructure(prefill.recipient->id);
    if (!services) return core::Fail(services.error());
    for (auto& service : *services) {
      if (service.active) prefill.services.push_back(std::move(service));
    }
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return prefill;
}

core::Result<DepositPrefill> Deposits::Upload(const Actor& actor, core::StructureId supplier_id,
                                              std::string file_name, std::string_view pdf) const {
  if (auto may = RequireDepositRight(actor, supplier_id); !may) return core::Fail(may.error());
  auto prefill = Prefill(actor, pdf);
  if (!prefill) return core::Fail(prefill.error());
  prefill->file_name = std::move(file_name);
  if (prefill->extraction.is_scanned) return prefill;

  // Durable before the draft that names it commits; an orphan blob after a crash is harmless.
  auto stored = store_.blobs().Put(pdf);
  if (!stored) return core::Fail(stored.error());
  prefill->pdf_sha256 = *stored;
  const core::Timestamp now = clock_.Now();
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto expired = tx.deposit_drafts().DeleteCreatedBefore(now - kDraftLifetime);
    if (!expired) return core::Fail(expired.error());
    auto id = tx.deposit_drafts().Insert(
        {0, actor.user_id, supplier_id, prefill->pdf_sha256, prefill->file_name, now});
    if (!id) return core::Fail(id.error());
    prefill->draft_id = *id;
    return core::Ok();
  });
  if (!written) return core::Fail(written.error());
  return prefill;
}

core::Result<std::pair<store::DepositDraft, std::string>> Deposits::DraftPdf(
    const Actor& actor, int64_t draft_id) const {
  std::optional<store::DepositDraft> draft;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto found = tx.deposit_drafts().Get(draft_id);
    if (!found) return core::Fail(found.error());
    draft = std::move(*found);
    return core::Ok();
  });
  // Someone else's draft is as absent as a missing one: ids reveal nothing.
  if (!read || draft->user_id != actor.user_id) {
    if (read || read.error().code == core::ErrorCode::kNotFound) {
      return core::Fail(core::ErrorCode::kNotFound,
                        "uploaded PDF " + std::to_string(draft_id) +
                            " does not exist (deposited already, or older than a day)");
    }
    return core::Fail(read.error());
  }
  auto bytes = store_.blobs().Get(draft->pdf_sha256);
  if (!bytes) return core::Fail(bytes.error());
  return std::pair{std::move(*draft), std::move(*bytes)};
}

core::Result<DepositPrefill> Deposits::Reread(const Actor& actor, int64_t draft_id) const {
  auto draft = DraftPdf(actor, draft_id);
  if (!draft) return core::Fail(draft.error());
  auto prefill = Prefill(actor, draft->second);
  if (!prefill) return core::Fail(prefill.error());
  prefill->draft_id = draft_id;
  prefill->file_name = draft->first.file_name;
  prefill->pdf_sha256 = draft->first.pdf_sha256;
  return prefill;
}

core::Result<std::string> Deposits::PreviewPng(const Actor& actor, int64_t draft_id,
                                               int page) const {
  auto draft = DraftPdf(actor, draft_id);
  if (!draft) return core::Fail(draft.error());
  return extractor_.RenderPagePng(draft->second, page, kPreviewDpi);
}

core::Result<DepositOutcome> Deposits::Deposit(const Actor& actor,
                                               const DepositForm& submitted) const {
  if (auto may = RequireDepositRight(actor, submitted.supplier_id); !may) {
    return core::Fail(may.error());
  }
  DepositForm form_with_pdf;
  if (submitted.draft_id != 0) {
    auto draft = DraftPdf(actor, submitted.draft_id);
    if (!draft) return core::Fail(draft.error());
    form_with_pdf = submitted;
    form_with_pdf.pdf = std::move(draft->second);
  }
  const DepositForm& form = submitted.draft_id != 0 ? form_with_pdf : submitted;
  DepositOutcome outcome;
  invoice::Invoice draft = Draft(form, outcome.findings);
  auto siret = core::Siret::Parse(form.recipient_siret);
  if (!siret) FormatFinding(outcome.findings, "recipient_siret", siret.error());

  rules::DepositContext context;
  context.recipient_identifier = form.recipient_siret;
  context.today = core::Date::FromSysDays(std::chrono::floor<std::chrono::days>(clock_.Now()));
  auto extraction = extractor_.Extract(form.pdf);
  // A busy platform is not a fault of the file: the supplier is told to try again, not that the
  // PDF is wrong.
  if (!extraction && extraction.error().code == core::ErrorCode::kResourceExhausted) {
    return core::Fail(extraction.error());
  }
  if (!extraction) {
    FormatFinding(outcome.findings, "pdf", extraction.error());
  } else {
    context.pdf_is_scanned = extraction->is_scanned;
  }
  outcome.pdf_sha256 = store::Sha256Hex(form.pdf);

  // First look, in a read: the rules need the recipient, the service and the supplier's numbers.
  DepositLookup lookup;
  bool duplicate_pdf = false;
  auto looked = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto found = LookUpDeposit(tx, form.supplier_id, siret ? siret->digits() : std::string(),
                               form.service_code, form.invoice_number);
    if (!found) return core::Fail(found.error());
    lookup = std::move(*found);
    store::InvoiceQuery same_pdf;
    same_pdf.supplier_id = form.supplier_id;
    same_pdf.pdf_sha256 = outcome.pdf_sha256;
    auto count = tx.invoices().Count(same_pdf);
    if (!count) return core::Fail(count.error());
    duplicate_pdf = *count > 0;
    return core::Ok();
  });
  if (!looked) return core::Fail(looked.error());

  lookup.FillContext(context);
  if (lookup.recipient) draft.recipient_id = lookup.recipient->id;
  for (auto& finding : rules::CheckDeposit(draft, context)) {
    outcome.findings.push_back(std::move(finding));
  }
  if (!outcome.findings.empty()) return outcome;
  if (duplicate_pdf && !form.confirm_duplicate_pdf) {
    outcome.needs_duplicate_confirmation = true;
    return outcome;
  }

  // Durable before the invoice that names it commits; an orphan blob after a crash is harmless.
  auto stored = store_.blobs().Put(form.pdf);
  if (!stored) return core::Fail(stored.error());

  const core::Timestamp now = clock_.Now();
  draft.pdf_sha256 = outcome.pdf_sha256;
  draft.deposited_at = now;
  draft.deposited_by = actor.user_id;
  draft.status = InvoiceStatus::kAvailable;
  const std::string actor_name = "user:" + std::to_string(actor.user_id.value());
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto id = RecordDeposit(tx, draft, actor_name, lookup.supplier->name, now);
    if (!id) return core::Fail(id.error());
    outcome.invoice_id = *id;
    if (form.draft_id != 0) return tx.deposit_drafts().Delete(form.draft_id);
    return core::Ok();
  });
  if (!written) {
    // Someone deposited the same number in between: the same finding as the first look's.
    if (written.error().code == core::ErrorCode::kAlreadyExists) {
      outcome.findings.push_back({"DEP-NUMBER-TAKEN", "invoice_number", written.error().message});
      return outcome;
    }
    return core::Fail(written.error());
  }
  outcome.accepted = true;
  outcome.deposited_at = now;
  return outcome;
}

}  // namespace choral::platform
