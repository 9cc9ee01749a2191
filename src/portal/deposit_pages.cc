// The deposit pages of Pages (pages.h): a supplier drops one or several PDFs, checks what Choral
// read (one file: the form beside the page preview; several: one table), deposits, gets receipts.
#include <string>
#include <vector>

#include "core/siret.h"
#include "http/multipart.h"
#include "platform/invoice_access.h"
#include "portal/deposit_view_models.h"
#include "portal/invoice_view_models.h"
#include "portal/page_params.h"
#include "portal/pages.h"

namespace choral::portal {
namespace {

using core::ErrorCode;

// The batch form's fields are short texts: no part comes near this.
constexpr size_t kMaxBatchFieldBytes = 4096;

// Why a file cannot be deposited, as the catalogue says it on the upload page and in a batch
// row; "" for an error that is the platform's own (database down), not the file's.
std::string_view UploadProblemKey(const core::Error& error, bool batch) {
  switch (error.code) {
    case ErrorCode::kMalformedInput:
    case ErrorCode::kUnsupported:
      return batch ? "batch.problem_unreadable" : "deposit.error_unreadable";
    case ErrorCode::kInvalidArgument:
      return batch ? "batch.problem_too_big" : "deposit.error_too_big";
    // Every PDF reader stayed busy: the file is fine, the supplier just tries again.
    case ErrorCode::kResourceExhausted:
      return batch ? "batch.problem_busy" : "deposit.error_busy";
    default:
      return "";
  }
}

// The PDFs of the upload form: every "pdf" part that carries a file.
std::vector<const http::MultipartPart*> UploadedFiles(const http::Multipart& form) {
  std::vector<const http::MultipartPart*> files;
  for (const http::MultipartPart& part : form.parts()) {
    if (part.name == "pdf" && part.filename && !part.body.empty()) files.push_back(&part);
  }
  return files;
}

}  // namespace

http::Response Pages::UploadPage(const platform::Actor& actor, std::string_view error_key,
                                 bool scanned, int status) const {
  const Catalogue& catalogue = renderer_.catalogue();
  Page page{"deposit_upload",
            std::string(catalogue.Text("deposit.title")),
            NavEntry::kDeposit,
            {},
            status};
  page.data = mstch::map{
      {"csrf_token", actor.csrf_token},
      {"has_error", !error_key.empty()},
      {"error", std::string(error_key.empty() ? "" : catalogue.Text(error_key))},
      {"scanned", scanned},
  };
  return Render(std::move(page), actor);
}

http::Response Pages::DepositFormPage(const platform::Actor& actor, DepositFormState state) const {
  const Catalogue& catalogue = renderer_.catalogue();
  Page page{"deposit_form", std::string(catalogue.Text("deposit.form_title")), NavEntry::kDeposit,
            DepositFormData(catalogue, actor, state)};
  return Render(std::move(page), actor);
}

http::Response Pages::BatchPage(const platform::Actor& actor, const std::vector<BatchRow>& rows,
                                int status) const {
  const Catalogue& catalogue = renderer_.catalogue();
  Page page{"deposit_batch", std::string(catalogue.Text("batch.title")), NavEntry::kDeposit,
            BatchData(catalogue, actor, rows), status};
  return Render(std::move(page), actor);
}

http::Response Pages::DepositStart(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  if (!platform::MayDepositAny(**actor)) {
    return ErrorPage(Forbidden("only suppliers with MODIFICATION on their sent invoices deposit"),
                     request, &**actor);
  }
  return UploadPage(**actor, "", false, 200);
}

http::Response Pages::DepositRead(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  auto form =
      http::Multipart::Parse(request.Header("content-type"), request.body,
                             {.max_parts = kMaxBatchFiles + 4, .max_part_bytes = kMaxPdfBytes});
  if (!form) {
    if (form.error().code == ErrorCode::kInvalidArgument) {
      return UploadPage(who, "deposit.error_too_big", false, 413);
    }
    return ErrorPage(form.error(), request, &who);
  }
  if (!CsrfMatches(form->Get(kCsrfField), who.csrf_token)) {
    return ErrorPage(Forbidden("deposit form's CSRF token does not match"), request, &who);
  }
  if (!platform::MayDepositAny(who)) {
    return ErrorPage(Forbidden("only suppliers with MODIFICATION on their sent invoices deposit"),
                     request, &who);
  }
  std::vector<const http::MultipartPart*> files = UploadedFiles(*form);
  if (files.empty()) return UploadPage(who, "deposit.error_no_file", false, 200);
  if (files.size() > static_cast<size_t>(kMaxBatchFiles)) {
    return UploadPage(who, "deposit.error_too_many", false, 413);
  }
  const core::StructureId supplier = FirstSupplier(who);

  if (files.size() == 1) {
    const http::MultipartPart& file = *files.front();
    auto upload = platform_.deposits().Upload(who, supplier, *file.filename, file.body);
    if (!upload) {
      std::string_view key = UploadProblemKey(upload.error(), false);
      if (key.empty()) return ErrorPage(upload.error(), request, &who);
      int status = key == "deposit.error_too_big" ? 413 : key == "deposit.error_busy" ? 429 : 422;
      return UploadPage(who, key, false, status);
    }
    if (upload->extraction.is_scanned) return UploadPage(who, "", true, 422);
    DepositFormState state = FormFromPrefill(*upload);
    state.form.supplier_id = supplier;
    return DepositFormPage(who, std::move(state));
  }

  // A batch: each file on its own, so one bad file never keeps the others from the table.
  std::vector<BatchRow> rows;
  for (const http::MultipartPart* file : files) {
    BatchRow row;
    row.file_name = *file->filename;
    auto upload = platform_.deposits().Upload(who, supplier, row.file_name, file->body);
    if (!upload) {
      std::string_view key = UploadProblemKey(upload.error(), true);
      if (key.empty()) return ErrorPage(upload.error(), request, &who);
      row.problem_key = key;
    } else if (upload->extraction.is_scanned) {
      row.problem_key = "batch.problem_scanned";
    } else {
      row.state = FormFromPrefill(*upload);
      row.state.form.supplier_id = supplier;
    }
    rows.push_back(std::move(row));
  }
  return BatchPage(who, rows, 200);
}

http::Response Pages::DepositDraft(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  std::optional<int64_t> draft = PathId(request, "draft");
  if (!draft) return NotFound(request);
  auto prefill = platform_.deposits().Reread(**actor, *draft);
  if (!prefill) return ErrorPage(prefill.error(), request, &**actor);
  DepositFormState state = FormFromPrefill(*prefill);
  state.form.supplier_id = FirstSupplier(**actor);
  return DepositFormPage(**actor, std::move(state));
}

http::Response Pages::DepositPreview(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  std::optional<int64_t> draft = PathId(request, "draft");
  std::optional<int64_t> page = PathId(request, "page");
  if (!draft || !page || *page > 10'000) return NotFound(request);
  auto png = platform_.deposits().PreviewPng(**actor, *draft, static_cast<int>(*page));
  if (!png) return ErrorPage(png.error(), request, &**actor);
  http::Response response;
  response.body = std::move(*png);
  response.AddHeader("Content-Type", "image/png");
  response.AddHeader("X-Content-Type-Options", "nosniff");
  // The uploader's own page, for as long as the draft lives: no shared cache keeps it.
  response.AddHeader("Cache-Control", "private, max-age=3600");
  return response;
}

http::Response Pages::DepositConfirm(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  auto fields = http::Multipart::Parse(request.Header("content-type"), request.body,
                                       {.max_parts = 20, .max_part_bytes = kMaxBatchFieldBytes});
  if (!fields) return ErrorPage(fields.error(), request, &who);
  if (!CsrfMatches(fields->Get(kCsrfField), who.csrf_token)) {
    return ErrorPage(Forbidden("deposit form's CSRF token does not match"), request, &who);
  }
  DepositFormState state = DepositFormStateFromFields(
      [&](std::string_view name) { return std::string(fields->Get(name)); });
  platform::DepositForm& form = state.form;
  if (form.draft_id == 0) {
    return ErrorPage({ErrorCode::kMalformedInput, "deposit form names no uploaded PDF"}, request,
                     &who);
  }
  auto supplier = ParsePositive(fields->Get("supplier_id"));
  form.supplier_id = supplier ? core::StructureId(*supplier) : FirstSupplier(who);

  if (fields->Get("action") != "actualiser") {
    auto outcome = platform_.deposits().Deposit(who, form);
    if (!outcome) return ErrorPage(outcome.error(), request, &who);
    if (outcome->accepted) {
      return http::Response::Redirect("/factures/" + std::to_string(outcome->invoice_id.value()) +
                                      "/accuse-de-depot");
    }
    state.findings = std::move(outcome->findings);
    state.needs_duplicate_confirmation = outcome->needs_duplicate_confirmation;
  }
  // The recipient the (possibly corrected) SIRET points to, with its services to choose from.
  if (core::Siret::Parse(form.recipient_siret)) {
    if (auto found = platform_.public_directory().FindBySiret(form.recipient_siret)) {
      state.recipient = std::move(*found);
    }
  }
  // The preview again; the form stands without it if the draft cannot be read now.
  if (auto reread = platform_.deposits().Reread(who, form.draft_id)) {
    state.preview = PreviewPages(reread->extraction, state.to_check);
  }
  return DepositFormPage(who, std::move(state));
}

http::Response Pages::DepositBatch(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  auto fields = http::Multipart::Parse(
      request.Header("content-type"), request.body,
      {.max_parts = kMaxBatchFiles * 20 + 8, .max_part_bytes = kMaxBatchFieldBytes});
  if (!fields) return ErrorPage(fields.error(), request, &who);
  if (!CsrfMatches(fields->Get(kCsrfField), who.csrf_token)) {
    return ErrorPage(Forbidden("deposit form's CSRF token does not match"), request, &who);
  }
  auto count = ParsePositive(fields->Get("row_count"));
  if (!count || *count > kMaxBatchFiles) {
    return ErrorPage({ErrorCode::kMalformedInput, "batch form has no valid row_count"}, request,
                     &who);
  }
  std::vector<BatchRow> rows =
      BatchRowsFromForm([&](std::string_view name) { return std::string(fields->Get(name)); },
                        static_cast<int>(*count));
  auto supplier = ParsePositive(fields->Get("supplier_id"));
  // "ligne": the row the page's script sends alone; without it (no script) every row goes.
  const std::string& ligne = fields->Get("ligne");
  std::optional<int64_t> only = ligne == "0" ? std::optional<int64_t>(0) : ParsePositive(ligne);

  for (size_t i = 0; i < rows.size(); ++i) {
    BatchRow& row = rows[i];
    if (row.deposited || !row.problem_key.empty()) continue;
    platform::DepositForm& form = row.state.form;
    form.supplier_id = supplier ? core::StructureId(*supplier) : FirstSupplier(who);
    if (!only || *only == static_cast<int64_t>(i)) {
      // Each row in its own transaction: what is accepted stays accepted whatever comes next.
      auto outcome = platform_.deposits().Deposit(who, form);
      if (!outcome) {
        if (outcome.error().code != ErrorCode::kNotFound) {
          return ErrorPage(outcome.error(), request, &who);
        }
        row.problem_key = "batch.problem_gone";
        continue;
      }
      if (outcome->accepted) {
        row.deposited = outcome->invoice_id;
        continue;
      }
      row.state.findings = std::move(outcome->findings);
      row.state.needs_duplicate_confirmation = outcome->needs_duplicate_confirmation;
    }
    if (core::Siret::Parse(form.recipient_siret)) {
      if (auto found = platform_.public_directory().FindBySiret(form.recipient_siret)) {
        row.state.recipient = std::move(*found);
      }
    }
  }
  return BatchPage(who, rows, 200);
}

http::Response Pages::DepositReceipt(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  std::optional<core::InvoiceId> id = InvoiceIdOf(request);
  if (!id) return NotFound(request);
  auto view = platform_.invoices().View(**actor, *id);
  if (!view) return ErrorPage(view.error(), request, &**actor);
  const Catalogue& catalogue = renderer_.catalogue();
  Page page{"deposit_receipt", std::string(catalogue.Text("receipt.title")), NavEntry::kDeposit,
            ReceiptData(*view)};
  // "Donnez votre avis" (feedback_pages.cc): the form, or what became of it.
  std::string feedback = request.QueryParam("avis").value_or("");
  page.data["csrf_token"] = (*actor)->csrf_token;
  page.data["feedback_thanks"] = feedback == "merci";
  page.data["feedback_error"] = feedback == "erreur";
  page.data["feedback_form"] = feedback != "merci";
  return Render(std::move(page), **actor);
}

}  // namespace choral::portal
