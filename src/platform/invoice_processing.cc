#include "platform/invoice_processing.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "platform/notifications.h"

namespace choral::platform {
namespace {

using invoice::InvoiceStatus;
using invoice::Side;

// Statuses a supplier does not see when its recipient does not report payment
// (statutMiseEnPaiementNestPasRemonte, FUNCTIONAL.md §2.1).
bool HiddenFromSupplier(InvoiceStatus status) { return status == InvoiceStatus::kPaymentIssued; }

// The side the actor is on for `invoice`, if any. A person in both structures processes as the
// recipient: the recipient's moves are the ones with consequences.
std::optional<Side> SideOf(const Actor& actor, const invoice::Invoice& invoice) {
  if (actor.On(invoice.recipient_id) != nullptr) return Side::kRecipient;
  if (actor.On(invoice.supplier_id) != nullptr) return Side::kSupplier;
  return std::nullopt;
}

// The queries behind a space: one per structure of the actor on the space's side.
std::vector<store::InvoiceQuery> QueriesFor(const Actor& actor, const InvoiceSearch& search) {
  std::vector<store::InvoiceQuery> queries;
  for (const ActorStructure& s : actor.structures) {
    store::InvoiceQuery q;
    q.number_contains = search.number_contains;
    q.statuses = search.statuses;
    bool is_public = s.kind == directory::StructureKind::kPublic;
    switch (search.space) {
      case InvoiceSpace::kSent:
        if (is_public) continue;
        q.supplier_id = s.id;
        break;
      case InvoiceSpace::kReceived:
        if (!is_public) continue;
        q.recipient_id = s.id;
        break;
      case InvoiceSpace::kToProcess:
        if (is_public) {
          q.recipient_id = s.id;
          q.statuses = {InvoiceStatus::kAvailable, InvoiceStatus::kCompleted};
        } else {
          q.supplier_id = s.id;
          q.statuses = {InvoiceStatus::kSuspended, InvoiceStatus::kToRecycle};
        }
        break;
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
  return NotifyStructure(tx, to, "mail.invoice_status",
                         {{"invoice_id", invoice.id.value()},
                          {"invoice_number", invoice.invoice_number},
                          {"status", invoice::StatusCode(invoice.status)}},
                         now);
}

}  // namespace

InvoiceProcessing::InvoiceProcessing(store::Store& store, const core::Clock& clock)
    : store_(store), clock_(clock) {}

core::Result<InvoiceList> InvoiceProcessing::Search(const Actor& actor,
                                                    const InvoiceSearch& search) const {
  const int page_size = std::clamp(search.page_size, 1, 200);
  const int page = std::max(1, search.page);
  InvoiceList list;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    // Most people act for one structure: then the database paginates. With several, the pages
    // are merged here, newest first.
    std::vector<invoice::Invoice> found;
    auto queries = QueriesFor(actor, search);
    for (auto& q : queries) {
      auto count = tx.invoices().Count(q);
      if (!count) return core::Fail(count.error());
      list.total += *count;
      q.limit = queries.size() == 1 ? page_size : page * page_size;
      q.offset = queries.size() == 1 ? (page - 1) * page_size : 0;
      auto rows = tx.invoices().Search(q);
      if (!rows) return core::Fail(rows.error());
      found.insert(found.end(), rows->begin(), rows->end());
    }
    if (queries.size() > 1) {
      std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return a.deposited_at > b.deposited_at;
      });
      size_t begin = std::min(found.size(), static_cast<size_t>((page - 1) * page_size));
      size_t end = std::min(found.size(), begin + page_size);
      found = std::vector<invoice::Invoice>(found.begin() + begin, found.begin() + end);
    }
    Views views(tx);
    for (const auto& invoice : found) {
      auto view = views.Summary(invoice, *SideOf(actor, invoice));
      if (!view) return core::Fail(view.error());
      list.invoices.push_back(std::move(*view));
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
    auto side = SideOf(actor, *invoice);
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
    for (auto& entry : *history) {
      if (*side == Side::kSupplier && entry.status &&
          view.summary.visible_status != view.summary.invoice.status &&
          HiddenFromSupplier(*entry.status)) {
        continue;
      }
      if (entry.actor.starts_with("user:") && !view.people.contains(entry.actor)) {
        auto user = tx.users().Get(core::UserId(std::stoll(entry.actor.substr(5))));
        if (user) view.people[entry.actor] = user->DisplayName();
      }
      view.history.push_back(std::move(entry));
    }
    view.possible_moves = invoice::PossibleMoves(invoice->status, *side);
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return view;
}

core::Status InvoiceProcessing::Move(const Actor& actor, core::InvoiceId id, InvoiceStatus to,
                                     const std::string& comment, int64_t expected_version) const {
  const core::Timestamp now = clock_.Now();
  const std::string actor_name = "user:" + std::to_string(actor.user_id.value());
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto invoice = tx.invoices().Get(id);
    if (!invoice) return core::Fail(invoice.error());
    auto side = SideOf(actor, *invoice);
    if (!side) {
      return core::Fail(core::ErrorCode::kNotFound,
                        "invoice " + std::to_string(id.value()) + " does not exist");
    }
    if (invoice->version != expected_version) {
      return core::Fail(core::ErrorCode::kConflict,
                        "invoice " + invoice->invoice_number +
                            " was changed by someone else since you opened it; reload it");
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
    return NotifyOtherSide(tx, *invoice, *side, now);
  });
}

}  // namespace choral::platform
