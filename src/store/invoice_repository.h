// InvoiceRepository: deposited invoices, their history, and the lists people search.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/decimal.h"
#include "core/ids.h"
#include "core/result.h"
#include "invoice/invoice.h"

namespace choral::store {

// A search over invoices. Unset criteria do not filter.
struct InvoiceQuery {
  std::optional<core::StructureId> supplier_id;
  std::optional<core::StructureId> recipient_id;
  std::vector<invoice::InvoiceStatus> statuses;  // any of these; empty = all
  std::string number_contains;                   // part of the invoice number, case-insensitive
  std::string pdf_sha256;                        // exactly this deposited PDF; "" = any

  // The other party of the list: the recipient for a supplier's sent invoices, the supplier for
  // a recipient's received ones. Decides what counterpart_contains and SortKey::kCounterpart
  // look at.
  enum class Party { kRecipient, kSupplier } counterpart = Party::kRecipient;
  // Part of the counterpart's name, whatever its case and French accents (core::FoldForSearch),
  // or part of its identifier (SIRET), spaces ignored.
  std::string counterpart_contains;
  std::string service_code;  // exactly this service code, ASCII case ignored; "" = any
  // Only invoices with one of these service codes (ASCII case ignored), so none without a code:
  // what a person limited to services sees. Empty = no such limit.
  std::vector<std::string> within_services;

  std::optional<core::Date> issued_from, issued_to;   // inclusive
  std::optional<core::Timestamp> deposited_from;      // inclusive
  std::optional<core::Timestamp> deposited_before;    // exclusive
  std::optional<core::Decimal> total_from, total_to;  // total with VAT, inclusive, compared exactly

  // The supplier's view: at a recipient that does not report payment
  // (statutMiseEnPaiementNestPasRemonte), a MISE_EN_PAIEMENT invoice has, for `statuses` and
  // SortKey::kStatus, the last other status of its history (MISE_A_DISPOSITION if none), so
  // neither filter nor order tells the supplier more than the list shows.
  bool as_supplier = false;

  // Leaves out REJETEE invoices whose supplier acknowledged the rejection (a history action
  // ACQUITTEMENT_REJET): what still waits on the supplier.
  bool except_acknowledged_rejections = false;

  // The order of the results; ties are broken by id in the same direction, so pages are stable.
  // kNumber and kCounterpart compare bytes (of the number; of the folded name), kAmount the
  // exact total with VAT, kStatus the lifecycle order of invoice::InvoiceStatus.
  enum class SortKey { kDepositedAt, kIssueDate, kNumber, kCounterpart, kAmount, kStatus };
  SortKey sort = SortKey::kDepositedAt;
  bool descending = true;
  int limit = 50;
  int offset = 0;
};

// Bound to one Transaction (see store.h); not thread-safe.
class InvoiceRepository {
 public:
  virtual ~InvoiceRepository() = default;

  // Inserts `invoice` (id ignored, version set to 1) and returns its id. kAlreadyExists naming
  // the number when the supplier already has an invoice with this number.
  virtual core::Result<core::InvoiceId> Insert(const invoice::Invoice& invoice) = 0;

  // kNotFound naming the id when there is none.
  virtual core::Result<invoice::Invoice> Get(core::InvoiceId id) = 0;

  // Saves every field of `invoice` if its stored version is still `invoice.version`, and bumps
  // the version. kConflict "the invoice was changed by someone else" when the version moved on
  // (optimistic locking: of two users acting at once, one wins and the other is told);
  // kNotFound when there is none.
  virtual core::Status Update(const invoice::Invoice& invoice) = 0;

  // True when `supplier` already deposited an invoice numbered `number` (exact match).
  virtual core::Result<bool> NumberTaken(core::StructureId supplier, std::string_view number) = 0;

  // The invoices matching `query`, and how many match in all (for pagination).
  virtual core::Result<std::vector<invoice::Invoice>> Search(const InvoiceQuery& query) = 0;
  virtual core::Result<int64_t> Count(const InvoiceQuery& query) = 0;

  // Appends to the invoice's history (id ignored); returns the entry's id.
  virtual core::Result<int64_t> AppendHistory(const invoice::HistoryEntry& entry) = 0;
  // The invoice's history, oldest first.
  virtual core::Result<std::vector<invoice::HistoryEntry>> History(core::InvoiceId id) = 0;
};

}  // namespace choral::store
