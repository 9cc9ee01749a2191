#include "platform/invoice_processing.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include <nlohmann/json.hpp>

#include "core/paris_time.h"
#include "platform/invoice_access.h"
#include "platform/invoice_list_order.h"
#include "platform/mail_templates.h"
#include "platform/notifications.h"

namespace choral::platform {
namespace {

using invoice::InvoiceStatus;
using invoice::Side;

// Statuses a supplier does not see when its recipient does not report payment
// (statutMiseEnPaiementNestPasRemonte, FUNCTIONAL.md §2.1).
bool HiddenFromSupplier(InvoiceStatus status) { return status == InvoiceStatus::kPaymentIssued; }

// The store query of `search`'s criteria, before the space's own restrictions.
store::InvoiceQuery CriteriaOf(const InvoiceSearch& search) {
  store::InvoiceQuery q;
  q.number_contains = search.number_contains;
  q.counterpart_contains = search.counterpart_contains;
  q.service_code = search.service_code;
  q.statuses = search.statuses;
  q.issued_from = search.issued_from;
  q.issued_to = search.issued_to;
  if (search.deposited_from) q.deposited_from = core::ParisDayStart(*search.deposited_from);
  if (search.deposited_to) {
    // The whole last day: up to the start of the next one. 9999-12-31 has none: no bound.
    if (*search.deposited_to < *core::Date::FromYmd(9999, 12, 31)) {
      q.deposited_before = core::ParisDayStart(search.deposited_to->AddDays(1));
    }
  }
  q.total_from = search.total_from;
  q.total_to = search.total_to;
  q.sort = search.sort;
  q.descending = search.descending;
  return q;
}

// `wanted` narrowed to `allowed`; empty `wanted` means all of `allowed`. nullopt when nothing is
// left: the caller must then run no query at all (an empty list would mean "any status").
std::optional<std::vector<InvoiceStatus>> Narrow(const std::vector<InvoiceStatus>& allowed,
                                                 const std::vector<InvoiceStatus>& wanted) {
  if (wanted.empty()) return allowed;
  std::vector<InvoiceStatus> out;
  for (InvoiceStatus status : allowed) {
    if (std::find(wanted.begin(), wanted.end(), status) != wanted.end()) out.push_back(status);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// The queries behind a space: one per structure of the actor on the space's side. The space's
// own restrictions (whose invoices, which statuses) are set last, so criteria cannot widen them.
std::vector<store::InvoiceQuery> QueriesFor(const Actor& actor, const InvoiceSearch& search) {
  std::vector<store::InvoiceQuery> queries;
  for (const ActorStructure& s : actor.structures) {
    store::InvoiceQuery q = CriteriaOf(search);
    bool is_public = s.kind == directory::StructureKind::kPublic;
    // A space the attachment does not open shows nothing of this structure; a simple user
    // limited to services sees only theirs (invoice_access.h).
    if (!AccessOn(
            s, is_public ? accounts::Space::kReceivedInvoices : accounts::Space::kSentInvoices)) {
      continue;
    }
    q.within_services = s.scope.service_codes;
    switch (search.space) {
      case InvoiceSpace::kSent:
        if (is_public) continue;
        q.supplier_id = s.id;
        q.counterpart = store::InvoiceQuery::Party::kRecipient;
        q.as_supplier = true;
        break;
      case InvoiceSpace::kReceived:
        if (!is_public) continue;
        q.recipient_id = s.id;
        q.counterpart = store::InvoiceQuery::Party::kSupplier;
        break;
      case InvoiceSpace::kToProcess: {
        std::optional<std::vector<InvoiceStatus>> statuses;
        if (is_public) {
          q.recipient_id = s.id;
          q.counterpart = store::InvoiceQuery::Party::kSupplier;
          statuses = Narrow({InvoiceStatus::kAvailable, InvoiceStatus::kCompleted}, q.statuses);
        } else {
          q.supplier_id = s.id;
          q.counterpart = store::InvoiceQuery::Party::kRecipient;
          q.as_supplier = true;
          statuses = Narrow(
              {InvoiceStatus::kSuspended, InvoiceStatus::kToRecycle, InvoiceStatus::kRejected},
              q.statuses);
          q.except_acknowledged_rejections = true;
        }
        if (!statuses) continue;
        q.statuses = std::move(*statuses);
        break;
      }
    }
    queries.push_back(std::move(q));
  }
  return queries;
}

class Views {
 public:
  explicit Views(store::Transaction& tx) : tx_(tx) {}

  core::Result<InvoiceSummaryView> Summary(const invoice::Invoice& invoice, Side side) {
    InvoiceSummaryView view;
    view.invoice = invoice;
    auto supplier = Structure(invoice.supplier_id);
    if (!supplier) return core::Fail(supplier.error());
    auto recipient = Structure(invoice.recipient_id);
    if (!recipient) return core::Fail(recipient.error());
    view.supplier_name = (*supplier)->name;
    view.recipient_name = (*recipient)->name;
    view.visible_status = invoice.status;
    if (side == Side::kSupplier && (*recipient)->flags.payment_status_not_reported &&
        HiddenFromSupplier(invoice.status)) {
      // Show the supplier the last status it may see.
      auto history = tx_.invoices().History(invoice.id);
      if (!history) return core::Fail(history.error());
      view.visible_status = InvoiceStatus::kAvailable;
      for (const auto& entry : *history) {
        if (entry.status && !HiddenFromSupplier(*entry.status)) view.visible_status = *entry.status;
      }
    }
    return view;
  }

 private:
  core::Result<const directory::Structure*> Structure(core::StructureId id) {
    auto it = structures_.find(id.value());
    if (it == structures_.end()) {
      auto loaded = tx_.structures().Get(id);
      if (!loaded) return core::Fail(loaded.error());
      it = structures_.emplace(id.value(), std::move(*loaded)).first;
    }
    return &it->second;
  }

  store::Transaction& tx_;
  std::map<int64_t, directory::Structure> structures_;
};

// FUNCTIONAL.md §5.1: every status change is e-mailed to the supplier; a supplier's move
// (completion, recycling) to the recipient. A status the supplier may not see stays unsaid.
core::Status NotifyOtherSide(store::Transaction& tx, const invoice::Invoice& invoice, Side side,
                             core::Timestamp now) {
  core::StructureId to = side == Side::kRecipient ? invoice.supplier_id : invoice.recipient_id;
  if (side == Side::kRecipient && HiddenFromSupplier(invoice.status)) {
    auto recipient = tx.structures().Get(invoice.recipient_id);
    if (!recipient) return core::Fail(recipient.error());
    if (recipient->flags.payment_status_not_reported) return core::Ok();
  }
  return NotifyStructure(tx, to, kMailInvoiceStatus,
                         {{"invoice_id", invoice.id.value()},
                          {"invoice_number", invoice.invoice_number},
                          {"status", invoice::StatusCode(invoice.status)}},
                         now);
}

// The acknowledgement a supplier owes for `status` (FUNCTIONAL.md §5.1), or "" for none.
std::string_view AcknowledgementFor(InvoiceStatus status) {
  if (status == InvoiceStatus::kRejected) return "ACQUITTEMENT_REJET";
  if (status == InvoiceStatus::kSuspended) return "ACQUITTEMENT_SUSPENSION";
  return "";
}

// Whether the supplier still owes an acknowledgement of the invoice's current `status`: none was
// recorded since the last status change.
bool AwaitsAcknowledgement(const std::vector<invoice::HistoryEntry>& history,
                           InvoiceStatus status) {
  if (AcknowledgementFor(status).empty()) return false;
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->action.starts_with("ACQUITTEMENT_")) return false;
    if (it->status) return true;
  }
  return true;
}

std::string Lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "C:\fakepath\bon.pdf" -> "bon.pdf": the last path component, without control characters,
// at most 200 bytes; "piece-jointe" when nothing is left.
std::string CleanFileName(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
  }
  if (out.size() > 200) {
    out.resize(200);
    // Do not cut a UTF-8 sequence in two.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80) != 0) out.pop_back();
  }
  size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "piece-jointe";
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

}  // namespace

core::Result<std::string> AttachmentMediaType(const NewAttachment& attachment) {
  const std::string name = CleanFileName(attachment.file_name);
  const std::string_view bytes = attachment.bytes;
  auto refuse = [&](const std::string& rule) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "attachment '" + name + "' " + rule);
  };
  if (bytes.empty()) return refuse("is empty");
  if (bytes.size() > kMaxAttachmentBytes) return refuse("is larger than 10 MB, the limit per file");
  std::string extension;
  if (size_t dot = name.rfind('.'); dot != std::string::npos) {
    extension = Lowercase(name.substr(dot + 1));
  }
  if (bytes.starts_with("%PDF-")) return std::string("application/pdf");
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return std::string("image/png");
  if (bytes.starts_with("\xFF\xD8\xFF")) return std::string("image/jpeg");
  if (bytes.starts_with(std::string_view("II*\0", 4)) ||
      bytes.starts_with(std::string_view("MM\0*", 4))) {
    return std::string("image/tiff");
  }
  if (bytes.starts_with("PK\x03\x04")) {
    static const std::map<std::string, std::string, std::less<>> kZipOffice = {
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
        {"odt", "application/vnd.oasis.opendocument.text"},
        {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
        {"odp", "application/vnd.oasis.opendocument.presentation"},
    };
    if (auto it = kZipOffice.find(extension); it != kZipOffice.end()) return it->second;
    return refuse(
        "is a ZIP archive: only office documents named .docx, .xlsx, .pptx, .odt, .ods or .odp "
        "are accepted");
  }
  if (bytes.starts_with("\xD0\xCF\x11\xE0")) {
    static const std::map<std::string, std::string, std::less<>> kOleOffice = {
        {"doc", "application/msword"},
        {"xls", "application/vnd.ms-excel"},
        {"ppt", "application/vnd.ms-powerpoint"},
    };
    if (auto it = kOleOffice.find(extension); it != kOleOffice.end()) return it->second;
    return refuse("is a legacy Office file: only those named .doc, .xls or .ppt are accepted");
  }
  return refuse(
      "is not an accepted type (its content, whatever its name, must be a PDF, a PNG, JPEG or "
      "TIFF image, or an office document)");
}

InvoiceProcessing::InvoiceProcessing(store::Store& store, const core::Clock& clock)
    : store_(store), clock_(clock) {}

core::Result<InvoiceList> InvoiceProcessing::Search(const Actor& actor,
                                                    const InvoiceSearch& search) const {
  const int page_size = std::clamp(search.page_size, 1, 200);
  const int page = std::max(1, search.page);
  InvoiceList list;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    // Most people act for one structure: then the database paginates. With several, each
    // query gives its first `page` pages and they are merged here in the same order.
    auto queries = QueriesFor(actor, search);
    Views views(tx);
    for (auto& q : queries) {
      auto count = tx.invoices().Count(q);
      if (!count) return core::Fail(count.error());
      list.total += *count;
      q.limit = queries.size() == 1 ? page_size : page * page_size;
      q.offset = queries.size() == 1 ? (page - 1) * page_size : 0;
      auto rows = tx.invoices().Search(q);
      if (!rows) return core::Fail(rows.error());
      for (const auto& invoice : *rows) {
        auto view = views.Summary(invoice, *VisibleSideOf(actor, invoice));
        if (!view) return core::Fail(view.error());
        list.invoices.push_back(std::move(*view));
      }
    }
    if (queries.size() > 1) {
      auto& found = list.invoices;
      std::sort(found.begin(), found.end(),
                InvoiceListOrder(actor, search.sort, search.descending));
      size_t begin = std::min(found.size(), static_cast<size_t>((page - 1) * page_size));
      size_t end = std::min(found.size(), begin + page_size);
      found = std::vector<InvoiceSummaryView>(std::make_move_iterator(found.begin() + begin),
                                              std::make_move_iterator(found.begin() + end));
    }
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return list;
}

core::Result<int64_t> InvoiceProcessing::CountToProcess(const Actor& actor) const {
  int64_t total = 0;
  InvoiceSearch search;
  search.space = InvoiceSpace::kToProcess;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    for (const auto& q : QueriesFor(actor, search)) {
      auto count = tx.invoices().Count(q);
      if (!count) return core::Fail(count.error());
      total += *count;
    }
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return total;
}

core::Result<InvoiceView> InvoiceProcessing::View(const Actor& actor, core::InvoiceId id) const {
  InvoiceView view;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto invoice = tx.invoices().Get(id);
    if (!invoice) return core::Fail(invoice.error());
    auto side = VisibleSideOf(actor, *invoice);
    if (!side) {
      return core::Fail(core::ErrorCode::kNotFound,
                        "invoice " + std::to_string(id.value()) + " does not exist");
    }
    view.side = *side;
    auto summary = Views(tx).Summary(*invoice, *side);
    if (!summary) return core::Fail(summary.error());
    view.summary = std::move(*summary);
    auto history = tx.invoices().History(id);
    if (!history) return core::Fail(history.error());
    // Consultation only: the page offers no move and no acknowledgement.
    const bool may_change = RequireModification(actor, *invoice, *side).has_value();
    view.can_acknowledge =
        may_change && *side == Side::kSupplier && AwaitsAcknowledgement(*history, invoice->status);
    auto attachments = tx.attachments().ListByInvoice(id);
    if (!attachments) return core::Fail(attachments.error());
    view.attachments = std::move(*attachments);
    for (auto& entry : *history) {
      if (*side == Side::kSupplier && entry.status &&
          view.summary.visible_status != view.summary.invoice.status &&
          HiddenFromSupplier(*entry.status)) {
        continue;
      }
      if (entry.actor.starts_with("user:") && !view.people.contains(entry.actor)) {
        int64_t user_id = 0;
        std::string_view digits = std::string_view(entry.actor).substr(5);
        auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), user_id);
        if (parsed.ec == std::errc() && parsed.ptr == digits.data() + digits.size()) {
          auto user = tx.users().Get(core::UserId(user_id));
          if (user) view.people[entry.actor] = user->DisplayName();
        }
      }
      view.history.push_back(std::move(entry));
    }
    if (may_change) view.possible_moves = invoice::PossibleMoves(invoice->status, *side);
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return view;
}

core::Status InvoiceProcessing::Move(const Actor& actor, core::InvoiceId id, InvoiceStatus to,
                                     const std::string& comment, int64_t expected_version) const {
  return Move(actor, id, to, comment, expected_version, {});
}

core::Status InvoiceProcessing::Move(const Actor& actor, core::InvoiceId id, InvoiceStatus to,
                                     const std::string& comment, int64_t expected_version,
                                     const std::vector<NewAttachment>& attachments) const {
  // The comment comes from a form: bound it before it is stored, mailed and shown.
  if (comment.size() > kMaxCommentBytes) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the comment is " + std::to_string(comment.size()) +
                          " bytes long; the limit is " + std::to_string(kMaxCommentBytes));
  }
  const core::Timestamp now = clock_.Now();
  // Attachments are checked, then their bytes stored, before the transaction (content-addressed
  // blobs: one whose transaction rolls back is at worst unreferenced). Outsiders store nothing.
  std::vector<store::Attachment> rows;
  if (!attachments.empty()) {
    if (to != InvoiceStatus::kCompleted) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "attachments come only with a supplier's completion (COMPLETEE)");
    }
    for (const NewAttachment& attachment : attachments) {
      auto media_type = AttachmentMediaType(attachment);
      if (!media_type) return core::Fail(media_type.error());
      store::Attachment row;
      row.invoice_id = id;
      row.file_name = CleanFileName(attachment.file_name);
      row.media_type = std::move(*media_type);
      row.size = static_cast<int64_t>(attachment.bytes.size());
      row.added_at = now;
      row.added_by = actor.user_id;
      row.side = Side::kSupplier;
      rows.push_back(std::move(row));
    }
    auto visible = store_.Read([&](store::Transaction& tx) -> core::Status {
      auto invoice = tx.invoices().Get(id);
      if (!invoice) return core::Fail(invoice.error());
      auto side = VisibleSideOf(actor, *invoice);
      if (!side) {
        return core::Fail(core::ErrorCode::kNotFound,
                          "invoice " + std::to_string(id.value()) + " does not exist");
      }
      return RequireModification(actor, *invoice, *side);
    });
    if (!visible) return visible;
    for (size_t n = 0; n < rows.size(); ++n) {
      auto sha256 = store_.blobs().Put(attachments[n].bytes);
      if (!sha256) return core::Fail(sha256.error());
      rows[n].sha256 = std::move(*sha256);
    }
  }
  const std::string actor_name = "user:" + std::to_string(actor.user_id.value());
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto invoice = tx.invoices().Get(id);
    if (!invoice) return core::Fail(invoice.error());
    auto side = VisibleSideOf(actor, *invoice);
    if (!side) {
      return core::Fail(core::ErrorCode::kNotFound,
                        "invoice " + std::to_string(id.value()) + " does not exist");
    }
    if (auto may = RequireModification(actor, *invoice, *side); !may) return may;
    if (invoice->version != expected_version) {
      return core::Fail(core::ErrorCode::kConflict,
                        "invoice " + invoice->invoice_number +
                            " was changed by someone else since you opened it; reload it");
    }
    if (!rows.empty() && *side != Side::kSupplier) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "attachments come only with a supplier's completion (COMPLETEE)");
    }
    // A recycled invoice goes through routing again, as a new deposit would.
    std::vector<std::pair<InvoiceStatus, Side>> path = {{to, *side}};
    if (to == InvoiceStatus::kDeposited) {
      path.push_back({InvoiceStatus::kRouting, Side::kSystem});
      path.push_back({InvoiceStatus::kAvailable, Side::kSystem});
    }
    const InvoiceStatus original = invoice->status;
    InvoiceStatus from = original;
    for (const auto& [next, by] : path) {
      if (auto allowed = invoice::CheckMove(from, next, by, comment); !allowed) return allowed;
      invoice::HistoryEntry entry;
      entry.invoice_id = id;
      entry.status = next;
      entry.action = "STATUS_CHANGE";
      entry.actor = by == Side::kSystem ? "system" : actor_name;
      entry.at = now;
      entry.comment = by == Side::kSystem ? "" : comment;
      auto appended = tx.invoices().AppendHistory(entry);
      if (!appended) return core::Fail(appended.error());
      from = next;
    }
    invoice->status = from;
    if (auto updated = tx.invoices().Update(*invoice); !updated) return updated;
    nlohmann::json details = {{"from", invoice::StatusCode(original)},
                              {"to", invoice::StatusCode(invoice->status)},
                              {"comment", comment}};
    auto event = tx.audit().Append(actor_name, "invoice.status_changed",
                                   "invoice:" + std::to_string(id.value()), details.dump());
    if (!event) return core::Fail(event.error());
    for (const store::Attachment& row : rows) {
      auto added = tx.attachments().Insert(row);
      if (!added) return core::Fail(added.error());
      invoice::HistoryEntry entry;
      entry.invoice_id = id;
      entry.action = "AJOUT_PIECE_JOINTE";
      entry.actor = actor_name;
      entry.at = now;
      entry.comment = row.file_name;
      auto appended = tx.invoices().AppendHistory(entry);
      if (!appended) return core::Fail(appended.error());
      nlohmann::json added_details = {{"attachment", *added},
                                      {"file_name", row.file_name},
                                      {"media_type", row.media_type},
                                      {"size", row.size},
                                      {"sha256", row.sha256}};
      auto logged =
          tx.audit().Append(actor_name, "invoice.attachment_added",
                            "invoice:" + std::to_string(id.value()), added_details.dump());
      if (!logged) return core::Fail(logged.error());
    }
    return NotifyOtherSide(tx, *invoice, *side, now);
  });
}

core::Result<AttachmentFile> InvoiceProcessing::Attachment(const Actor& actor,
                                                           core::InvoiceId invoice_id,
                                                           int64_t attachment_id) const {
  auto not_found = [&] {
    return core::Fail(core::ErrorCode::kNotFound,
                      "attachment " + std::to_string(attachment_id) + " of invoice " +
                          std::to_string(invoice_id.value()) + " does not exist");
  };
  std::optional<store::Attachment> found;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto invoice = tx.invoices().Get(invoice_id);
    if (!invoice) {
      if (invoice.error().code == core::ErrorCode::kNotFound) return not_found();
      return core::Fail(invoice.error());
    }
    if (!VisibleSideOf(actor, *invoice)) return not_found();
    auto attachments = tx.attachments().ListByInvoice(invoice_id);
    if (!attachments) return core::Fail(attachments.error());
    for (auto& attachment : *attachments) {
      if (attachment.id == attachment_id) found = std::move(attachment);
    }
    if (!found) return not_found();
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  auto bytes = store_.blobs().Get(found->sha256);
  if (!bytes) return core::Fail(bytes.error());
  return AttachmentFile{found->file_name, found->media_type, std::move(*bytes)};
}

core::Status InvoiceProcessing::Acknowledge(const Actor& actor, core::InvoiceId id) const {
  const core::Timestamp now = clock_.Now();
  const std::string actor_name = "user:" + std::to_string(actor.user_id.value());
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto invoice = tx.invoices().Get(id);
    if (!invoice) return core::Fail(invoice.error());
    auto side = VisibleSideOf(actor, *invoice);
    if (!side) {
      return core::Fail(core::ErrorCode::kNotFound,
                        "invoice " + std::to_string(id.value()) + " does not exist");
    }
    if (*side != Side::kSupplier) {
      return core::Fail(core::ErrorCode::kPermissionDenied,
                        "only the supplier acknowledges a rejection or a suspension");
    }
    if (auto may = RequireModification(actor, *invoice, *side); !may) return may;
    std::string_view action = AcknowledgementFor(invoice->status);
    if (action.empty()) {
      return core::Fail(core::ErrorCode::kConflict,
                        "invoice " + invoice->invoice_number + " is " +
                            std::string(invoice::StatusCode(invoice->status)) +
                            ": only a rejection or a suspension is acknowledged");
    }
    auto history = tx.invoices().History(id);
    if (!history) return core::Fail(history.error());
    if (!AwaitsAcknowledgement(*history, invoice->status)) {
      return core::Fail(core::ErrorCode::kConflict,
                        "invoice " + invoice->invoice_number + " was already acknowledged");
    }
    invoice::HistoryEntry entry;
    entry.invoice_id = id;
    entry.action = std::string(action);
    entry.actor = actor_name;
    entry.at = now;
    auto appended = tx.invoices().AppendHistory(entry);
    if (!appended) return core::Fail(appended.error());
    nlohmann::json details = {{"action", action}, {"status", invoice::StatusCode(invoice->status)}};
    auto event = tx.audit().Append(actor_name, "invoice.acknowledged",
                                   "invoice:" + std::to_string(id.value()), details.dump());
    if (!event) return core::Fail(event.error());
    return core::Ok();
  });
}

}  // namespace choral::platform
