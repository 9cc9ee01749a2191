// The deposit and invoice pages of Pages (pages.h): a supplier deposits a PDF, both sides find
// their invoices and move them along the lifecycle.
#include <charconv>
#include <map>
#include <vector>

#include "core/siret.h"
#include "http/error_status.h"
#include "http/form.h"
#include "http/multipart.h"
#include "portal/invoice_view_models.h"
#include "portal/pages.h"

namespace choral::portal {
namespace {

using core::ErrorCode;

// The confirm form carries the PDF as base64: 4 bytes for 3, plus line breaks some browsers add.
constexpr size_t kMaxBase64Bytes = (kMaxPdfBytes + 2) / 3 * 4 + 64 * 1024;
constexpr int kPageSize = 25;

std::optional<int64_t> ParsePositive(std::string_view text) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::optional<core::InvoiceId> InvoiceIdOf(const http::Request& request) {
  auto it = request.path_params.find("id");
  if (it == request.path_params.end()) return std::nullopt;
  auto value = ParsePositive(it->second);
  if (!value) return std::nullopt;
  return core::InvoiceId(*value);
}

core::StructureId FirstSupplier(const platform::Actor& actor) {
  for (const platform::ActorStructure& structure : actor.structures) {
    if (structure.kind == directory::StructureKind::kPrivate) return structure.id;
  }
  return core::StructureId();
}

core::Error Forbidden(std::string message) {
  return core::Error{ErrorCode::kPermissionDenied, std::move(message)};
}

// A status form's fields, urlencoded or multipart, with the files of the multipart one.
struct StatusForm {
  std::map<std::string, std::string, std::less<>> fields;  // first value of each name
  std::vector<platform::NewAttachment> files;              // the "pieces" inputs, chosen files
  bool files_fit = true;                                   // false: one is over the limit
  std::string too_big_name;

  const std::string& Get(std::string_view name) const {
    static const std::string kEmpty;
    auto it = fields.find(name);
    return it == fields.end() ? kEmpty : it->second;
  }
};

std::optional<StatusForm> ReadStatusForm(const http::Request& request) {
  StatusForm out;
  std::string_view type = request.Header("content-type");
  if (!type.starts_with("multipart/")) {
    auto form = http::Form::Parse(request.body);
    if (!form) return std::nullopt;
    for (std::string_view name : {"csrf_token", "to", "version", "comment"}) {
      out.fields.emplace(name, form->Get(name));
    }
    return out;
  }
  // Parts up to the server's body limit; the attachments' own limit is the platform's.
  auto parts = http::Multipart::Parse(
      type, request.body, {.max_parts = 24, .max_part_bytes = 2 * platform::kMaxAttachmentBytes});
  if (!parts) return std::nullopt;
  for (const http::MultipartPart& part : parts->parts()) {
    if (!part.filename) {
      out.fields.emplace(part.name, part.body);
    } else if (part.name == "pieces" && !(part.filename->empty() && part.body.empty())) {
      if (part.body.size() > platform::kMaxAttachmentBytes) {
        out.files_fit = false;
        out.too_big_name = *part.filename;
      }
      out.files.push_back({*part.filename, part.body});
    }
  }
  return out;
}

}  // namespace

http::Response Pages::Render(Page page, const platform::Actor& actor) const {
  if (actor.ActsForSupplier() || actor.ActsForPublicEntity()) {
    // A badge is a convenience: a failing count must not take the page down with it.
    if (auto count = platform_.invoices().CountToProcess(actor)) page.to_process = *count;
  }
  return renderer_.Render(page, &actor);
}

// ---- Deposit ----

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

http::Response Pages::DepositStart(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  if (!(*actor)->ActsForSupplier()) {
    return ErrorPage(Forbidden("only suppliers deposit invoices"), request, &**actor);
  }
  return UploadPage(**actor, "", false, 200);
}

http::Response Pages::DepositRead(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  auto form = http::Multipart::Parse(request.Header("content-type"), request.body,
                                     {.max_parts = 20, .max_part_bytes = kMaxPdfBytes});
  if (!form) {
    if (form.error().code == ErrorCode::kInvalidArgument) {
      return UploadPage(who, "deposit.error_too_big", false, 413);
    }
    return ErrorPage(form.error(), request, &who);
  }
  if (!CsrfMatches(form->Get(kCsrfField), who.csrf_token)) {
    return ErrorPage(Forbidden("deposit form's CSRF token does not match"), request, &who);
  }
  if (!who.ActsForSupplier()) {
    return ErrorPage(Forbidden("only suppliers deposit invoices"), request, &who);
  }
  const http::MultipartPart* file = form->Find("pdf");
  if (file == nullptr || file->body.empty()) {
    return UploadPage(who, "deposit.error_no_file", false, 200);
  }
  auto prefill = platform_.deposits().Prefill(who, file->body);
  if (!prefill) {
    switch (prefill.error().code) {
      case ErrorCode::kMalformedInput:
      case ErrorCode::kUnsupported:
        return UploadPage(who, "deposit.error_unreadable", false, 422);
      case ErrorCode::kInvalidArgument:
        return UploadPage(who, "deposit.error_too_big", false, 413);
      // Every PDF reader stayed busy: the file is fine, the supplier just tries again.
      case ErrorCode::kResourceExhausted:
        return UploadPage(who, "deposit.error_busy", false, 429);
      default:
        return ErrorPage(prefill.error(), request, &who);
    }
  }
  if (prefill->extraction.is_scanned) return UploadPage(who, "", true, 422);

  DepositFormState state = FormFromPrefill(*prefill);
  state.form.pdf = file->body;
  state.form.supplier_id = FirstSupplier(who);
  state.pdf_name = file->filename.value_or("");
  return DepositFormPage(who, std::move(state));
}

http::Response Pages::DepositConfirm(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  auto fields = http::Multipart::Parse(request.Header("content-type"), request.body,
                                       {.max_parts = 20, .max_part_bytes = kMaxBase64Bytes});
  if (!fields) return ErrorPage(fields.error(), request, &who);
  if (!CsrfMatches(fields->Get(kCsrfField), who.csrf_token)) {
    return ErrorPage(Forbidden("deposit form's CSRF token does not match"), request, &who);
  }
  std::optional<std::string> pdf = Base64Decode(fields->Get("pdf_base64"));
  if (!pdf || pdf->empty() || pdf->size() > kMaxPdfBytes) {
    return ErrorPage({ErrorCode::kMalformedInput, "deposit form carries no valid PDF"}, request,
                     &who);
  }

  DepositFormState state;
  platform::DepositForm& form = state.form;
  auto supplier = ParsePositive(fields->Get("supplier_id"));
  form.supplier_id = supplier ? core::StructureId(*supplier) : FirstSupplier(who);
  form.recipient_siret = fields->Get("recipient_siret");
  form.service_code = fields->Get("service_code");
  form.engagement_number = fields->Get("engagement_number");
  form.invoice_number = fields->Get("invoice_number");
  form.issue_date = fields->Get("issue_date");
  form.document_type = fields->Get("document_type");
  form.framework = fields->Get("framework");
  form.currency = fields->Get("currency");
  form.total_without_vat = fields->Get("total_without_vat");
  form.total_vat = fields->Get("total_vat");
  form.total_with_vat = fields->Get("total_with_vat");
  form.amount_due = fields->Get("amount_due");
  form.pdf = std::move(*pdf);
  form.confirm_duplicate_pdf = fields->Get("confirm_duplicate_pdf") == "oui";
  state.pdf_name = fields->Get("pdf_name");
  state.to_check = ParseToCheckList(fields->Get("to_check"));

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
  return DepositFormPage(who, std::move(state));
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
            ReceiptData(catalogue, *view)};
  // "Donnez votre avis" (feedback_pages.cc): the form, or what became of it.
  std::string feedback = request.QueryParam("avis").value_or("");
  page.data["csrf_token"] = (*actor)->csrf_token;
  page.data["feedback_thanks"] = feedback == "merci";
  page.data["feedback_error"] = feedback == "erreur";
  page.data["feedback_form"] = feedback != "merci";
  return Render(std::move(page), **actor);
}

// ---- Invoice spaces ----

http::Response Pages::InvoiceList(const http::Request& request, platform::InvoiceSpace space) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  std::string_view name;
  std::string_view path;
  NavEntry nav = NavEntry::kNone;
  bool allowed = false;
  switch (space) {
    case platform::InvoiceSpace::kSent:
      name = "sent", path = "/factures/emises", nav = NavEntry::kSent;
      allowed = who.ActsForSupplier();
      break;
    case platform::InvoiceSpace::kReceived:
      name = "received", path = "/factures/recues", nav = NavEntry::kReceived;
      allowed = who.ActsForPublicEntity();
      break;
    case platform::InvoiceSpace::kToProcess:
      name = "to_process", path = "/factures/a-traiter", nav = NavEntry::kToProcess;
      allowed = who.ActsForSupplier() || who.ActsForPublicEntity();
      break;
  }
  if (!allowed) return ErrorPage(Forbidden("no structure on that side"), request, &who);

  platform::InvoiceSearch search;
  search.space = space;
  search.page_size = kPageSize;
  search.number_contains = request.QueryParam("numero").value_or("");
  if (search.number_contains.size() > 100) search.number_contains.resize(100);
  search.page = static_cast<int>(std::min<int64_t>(
      ParsePositive(request.QueryParam("page").value_or("1")).value_or(1), 1'000'000));
  auto list = platform_.invoices().Search(who, search);
  if (!list) return ErrorPage(list.error(), request, &who);

  const Catalogue& catalogue = renderer_.catalogue();
  std::string prefix = "invoices." + std::string(name);
  Page page{"invoices", std::string(catalogue.Text(prefix + "_title")), nav,
            InvoiceListData(catalogue, who, *list, search, path)};
  page.data["title"] = page.title;
  page.data["intro"] = std::string(catalogue.Text(prefix + "_intro"));
  page.data["caption"] = std::string(catalogue.Text(prefix + "_caption"));
  page.data["empty"] = std::string(catalogue.Text(prefix + "_empty"));
  return Render(std::move(page), who);
}

http::Response Pages::SentInvoices(const http::Request& request) {
  return InvoiceList(request, platform::InvoiceSpace::kSent);
}

http::Response Pages::ReceivedInvoices(const http::Request& request) {
  return InvoiceList(request, platform::InvoiceSpace::kReceived);
}

http::Response Pages::InvoicesToProcess(const http::Request& request) {
  return InvoiceList(request, platform::InvoiceSpace::kToProcess);
}

// ---- The invoice page ----

http::Response Pages::InvoicePageFor(const http::Request& request, const platform::Actor& actor,
                                     core::InvoiceId id, std::string_view error,
                                     std::string_view notice, std::string_view failed_move,
                                     std::string_view failed_comment, int status) const {
  auto view = platform_.invoices().View(actor, id);
  if (!view) return ErrorPage(view.error(), request, &actor);
  const Catalogue& catalogue = renderer_.catalogue();
  mstch::map data = InvoiceData(catalogue, actor, *view);
  std::string title = boost::get<std::string>(data["title"]);
  data["has_error"] = !error.empty();
  data["error"] = std::string(error);
  data["has_notice"] = !notice.empty();
  data["notice"] = std::string(notice);
  if (!failed_move.empty()) {
    for (mstch::node& move : boost::get<mstch::array>(data["moves"])) {
      auto& entry = boost::get<mstch::map>(move);
      if (boost::get<std::string>(entry["code"]) == failed_move) {
        entry["comment"] = std::string(failed_comment);
        entry["failed"] = true;
      }
    }
  }
  NavEntry nav = view->side == invoice::Side::kRecipient ? NavEntry::kReceived : NavEntry::kSent;
  Page page{"invoice", title, nav, std::move(data), status};
  return Render(std::move(page), actor);
}

http::Response Pages::InvoicePage(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  std::optional<core::InvoiceId> id = InvoiceIdOf(request);
  if (!id) return NotFound(request);
  std::string notice;
  if (auto done = request.QueryParam("fait")) {
    if (auto status = invoice::ParseStatusCode(*done)) {
      const Catalogue& catalogue = renderer_.catalogue();
      notice = catalogue.Format("invoice.moved", {{"status", catalogue.Text(StatusKey(*status))}});
    }
  }
  if (request.QueryParam("acquittee")) {
    notice = std::string(renderer_.catalogue().Text("invoice.acknowledged"));
  }
  return InvoicePageFor(request, **actor, *id, "", notice, "", "", 200);
}

http::Response Pages::MoveInvoice(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  std::optional<core::InvoiceId> id = InvoiceIdOf(request);
  if (!id) return NotFound(request);
  // The completion form is multipart (it carries attachments); the other moves' are not.
  std::optional<StatusForm> form = ReadStatusForm(request);
  if (!form) {
    return ErrorPage({ErrorCode::kMalformedInput, "status form is not a valid form"}, request,
                     &who);
  }
  if (!CsrfMatches(form->Get(kCsrfField), who.csrf_token)) {
    return ErrorPage(Forbidden("status form's CSRF token does not match"), request, &who);
  }
  std::optional<invoice::InvoiceStatus> to = invoice::ParseStatusCode(form->Get("to"));
  std::optional<int64_t> version = ParsePositive(form->Get("version"));
  if (!version && form->Get("version") == "0") version = 0;
  if (!to || !version) {
    return ErrorPage({ErrorCode::kMalformedInput, "status form without a valid status or version"},
                     request, &who);
  }
  const std::string& comment = form->Get("comment");
  std::string code(invoice::StatusCode(*to));
  if (!form->files_fit) {
    return InvoicePageFor(
        request, who, *id,
        renderer_.catalogue().Format("invoice.error_attachment", {{"name", form->too_big_name}}),
        "", code, comment, 413);
  }
  for (const platform::NewAttachment& file : form->files) {
    if (!platform::AttachmentMediaType(file)) {
      return InvoicePageFor(
          request, who, *id,
          renderer_.catalogue().Format("invoice.error_attachment", {{"name", file.file_name}}), "",
          code, comment, 422);
    }
  }
  auto moved = platform_.invoices().Move(who, *id, *to, comment, *version, form->files);
  if (moved) {
    return http::Response::Redirect("/factures/" + std::to_string(id->value()) + "?fait=" + code);
  }
  const Catalogue& catalogue = renderer_.catalogue();
  std::string error;
  switch (moved.error().code) {
    case ErrorCode::kInvalidArgument:
      error = catalogue.Format("invoice.error_reason_required",
                               {{"status", catalogue.Text(StatusKey(*to))}});
      break;
    case ErrorCode::kConflict: {
      // Stale version or a move the state machine refuses: the page as it is now tells which.
      auto now = platform_.invoices().View(who, *id);
      if (!now) return ErrorPage(now.error(), request, &who);
      if (now->summary.invoice.version != *version) {
        error = std::string(catalogue.Text("invoice.error_changed"));
      } else {
        error = catalogue.Format("invoice.error_move_refused",
                                 {{"from", catalogue.Text(StatusKey(now->summary.visible_status))},
                                  {"status", catalogue.Text(StatusKey(*to))}});
      }
      break;
    }
    default:
      return ErrorPage(moved.error(), request, &who);
  }
  return InvoicePageFor(request, who, *id, error, "", code, comment,
                        http::HttpStatusFor(moved.error().code));
}

http::Response Pages::AttachmentDownload(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  std::optional<core::InvoiceId> id = InvoiceIdOf(request);
  auto piece = request.path_params.find("piece");
  if (!id || piece == request.path_params.end()) return NotFound(request);
  std::optional<int64_t> attachment_id = ParsePositive(piece->second);
  if (!attachment_id) return NotFound(request);
  auto file = platform_.invoices().Attachment(**actor, *id, *attachment_id);
  if (!file) return ErrorPage(file.error(), request, &**actor);
  http::Response response;
  response.body = std::move(file->bytes);
  response.AddHeader("Content-Type", file->media_type);
  response.AddHeader("Content-Disposition", AttachmentDisposition(file->file_name));
  response.AddHeader("X-Content-Type-Options", "nosniff");
  response.AddHeader("Cache-Control", "private, no-store");
  return response;
}

http::Response Pages::AcknowledgeInvoice(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  std::optional<core::InvoiceId> id = InvoiceIdOf(request);
  if (!id) return NotFound(request);
  auto form = http::Form::Parse(request.body);
  if (!form) return ErrorPage(form.error(), request, &who);
  if (!CsrfMatches(form->Get(kCsrfField), who.csrf_token)) {
    return ErrorPage(Forbidden("acknowledgement form's CSRF token does not match"), request, &who);
  }
  auto done = platform_.invoices().Acknowledge(who, *id);
  if (done) {
    return http::Response::Redirect("/factures/" + std::to_string(id->value()) + "?acquittee=1");
  }
  if (done.error().code == ErrorCode::kConflict) {
    // Already acknowledged (another tab, a colleague) or moved on: the page as it is now.
    return InvoicePageFor(request, who, *id,
                          renderer_.catalogue().Text("invoice.error_acknowledge"), "", "", "", 409);
  }
  return ErrorPage(done.error(), request, &who);
}

}  // namespace choral::portal
