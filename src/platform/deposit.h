// Deposit: a supplier deposits a PDF invoice for a public recipient. Choral reads the PDF to
// pre-fill the form, the supplier confirms, the deposit rules decide, the invoice is stored and
// routed to the recipient's space — with its audit trail, in one transaction.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "directory/service.h"
#include "directory/structure.h"
#include "platform/actor.h"
#include "platform/invoice_extraction.h"
#include "rules/deposit_rules.h"
#include "store/store.h"

namespace choral::platform {

// What the supplier confirms on the deposit form; text as typed (parsed and checked here).
struct DepositForm {
  core::StructureId supplier_id;  // the actor's structure that deposits
  std::string recipient_siret;
  std::string service_code;
  std::string engagement_number;
  std::string invoice_number;
  std::string issue_date;                 // "2026-11-26" or "26/11/2026"
  std::string document_type = "FACTURE";  // FACTURE / AVOIR
  std::string framework = "A1_FACTURE_FOURNISSEUR";
  std::string currency = "EUR";
  std::string total_without_vat, total_vat, total_with_vat, amount_due;  // "1 234,56" or "1234.56"
  // The PDF: the draft Upload kept (only its uploader may deposit it), or else the bytes.
  int64_t draft_id = 0;
  std::string pdf;
  bool confirm_duplicate_pdf = false;  // the supplier saw that this exact PDF was deposited before
};

// The deposit receipt (accusé de dépôt), or why the deposit was refused.
struct DepositOutcome {
  bool accepted = false;
  std::vector<rules::Finding> findings;  // when refused: every broken rule, each naming its field
  // When the same PDF (same SHA-256) was already deposited and the form did not confirm it.
  bool needs_duplicate_confirmation = false;
  core::InvoiceId invoice_id;
  std::string pdf_sha256;
  core::Timestamp deposited_at{};
};

// What the form starts from: the values read on the PDF, and the recipient they point to.
struct DepositPrefill {
  // The draft keeping the PDF for the deposit (Upload, Reread); 0 when none was kept (Prefill,
  // or a scan, which cannot be deposited).
  int64_t draft_id = 0;
  std::string file_name;  // as uploaded
  std::string pdf_sha256;
  InvoiceExtraction extraction;
  std::optional<directory::Structure> recipient;  // the public structure of the SIRET found
  std::vector<directory::Service> services;       // its active services
};

// Thread-safe: PDFs are read by sandboxed workers borrowed from a pool shared by all threads.
class Deposits {
 public:
  // An uploaded PDF not deposited within this time is forgotten.
  static constexpr std::chrono::hours kDraftLifetime{24};

  // Holds references: `store`, `clock` and `pdf_readers` must outlive it.
  Deposits(store::Store& store, const core::Clock& clock, pdf::ReaderPool& pdf_readers);

  // Reads the PDF for the deposit form. The pdf::Reader's errors for unreadable files
  // (kMalformedInput, kUnsupported, kInvalidArgument for size, kUnavailable for limits), and
  // kResourceExhausted when every PDF worker stayed busy for the pool's wait limit.
  core::Result<DepositPrefill> Prefill(const Actor& actor, std::string_view pdf) const;

  // Prefill, and when the PDF can be deposited (readable, not a scan) keeps it as the actor's
  // draft for `supplier_id`: the PDF in the BlobStore, the prefill's draft_id naming it, so the
  // form, the preview and a batch refer to it by id. Drafts past kDraftLifetime are removed on
  // the way. kPermissionDenied when the actor may not deposit for that supplier
  // (RequireDepositRight: attached, private, MODIFICATION on its sent invoices).
  core::Result<DepositPrefill> Upload(const Actor& actor, core::StructureId supplier_id,
                                      std::string file_name, std::string_view pdf) const;

  // The draft's PDF read again (the form of one file of a batch). kNotFound when there is no
  // such draft or it is someone else's.
  core::Result<DepositPrefill> Reread(const Actor& actor, int64_t draft_id) const;

  // A page (1-based) of the draft's PDF as PNG, for the preview beside the form; Reread's errors,
  // and kInvalidArgument for a page out of range.
  core::Result<std::string> PreviewPng(const Actor& actor, int64_t draft_id, int page) const;

  // Checks and stores the deposit. kPermissionDenied when the actor may not deposit for
  // form.supplier_id (RequireDepositRight); a refused deposit is NOT an error: its findings
  // come back in the outcome. On acceptance: the PDF in the BlobStore, the invoice, its history
  // DEPOSEE → EN_COURS_ACHEMINEMENT → MISE_A_DISPOSITION and the audit events, in one transaction
  // that also removes the draft. kNotFound for a draft that is not the actor's;
  // kResourceExhausted, as Prefill, when no PDF worker could read the file in time.
  core::Result<DepositOutcome> Deposit(const Actor& actor, const DepositForm& form) const;

 private:
  // The actor's draft and its PDF's bytes; kNotFound for anyone else's.
  core::Result<std::pair<store::DepositDraft, std::string>> DraftPdf(const Actor& actor,
                                                                     int64_t draft_id) const;

  store::Store& store_;
  const core::Clock& clock_;
  InvoiceExtractor extractor_;
};

}  // namespace choral::platform
