// InvoiceProcessing: the invoice spaces (sent, received, to process), the invoice page, and the
// status moves each side may make — authorised here from the actor's structures.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "invoice/invoice.h"
#include "invoice/lifecycle.h"
#include "platform/actor.h"
#include "store/store.h"

namespace choral::platform {

enum class InvoiceSpace {
  kSent,       // factures émises: invoices of the actor's supplier structures
  kReceived,   // factures reçues: invoices addressed to the actor's public structures
  kToProcess,  // à traiter: what waits on the actor (recipient: new, completed; supplier:
               // suspended, to recycle)
};

struct InvoiceSearch {
  InvoiceSpace space = InvoiceSpace::kReceived;
  std::string number_contains;
  std::vector<invoice::InvoiceStatus> statuses;
  int page = 1;        // 1-based
  int page_size = 25;  // 1..200
};

// One invoice as a list or page shows it: the record and the names of both parties.
struct InvoiceSummaryView {
  invoice::Invoice invoice;
  std::string supplier_name;
  std::string recipient_name;
  // The status as this actor may see it: a recipient that does not report payment
  // (statutMiseEnPaiementNestPasRemonte) shows its supplier COMPTABILISEE at most.
  invoice::InvoiceStatus visible_status = invoice::InvoiceStatus::kDeposited;
};

struct InvoiceList {
  std::vector<InvoiceSummaryView> invoices;
  int64_t total = 0;
};

struct InvoiceView {
  InvoiceSummaryView summary;
  std::vector<invoice::HistoryEntry> history;
  // The people the history names: "user:12" -> "Claire Martin" (who did what is the point of a
  // history, on both sides).
  std::map<std::string, std::string> people;
  invoice::Side side = invoice::Side::kSupplier;       // which side the actor is on
  std::vector<invoice::InvoiceStatus> possible_moves;  // what the actor may do now
};

// Thread-safe.
class InvoiceProcessing {
 public:
  InvoiceProcessing(store::Store& store, const core::Clock& clock);

  core::Result<InvoiceList> Search(const Actor& actor, const InvoiceSearch& search) const;

  // Counts for the navigation: invoices waiting on the actor.
  core::Result<int64_t> CountToProcess(const Actor& actor) const;

  // kNotFound when the invoice does not exist or the actor is on neither side (no leak of
  // which invoices exist).
  core::Result<InvoiceView> View(const Actor& actor, core::InvoiceId id) const;

  // Moves the invoice to `to` if the state machine allows it for the actor's side, with the
  // comment (reason, mandate number). `expected_version` is the version the actor saw:
  // kConflict when someone else acted in between. Writes the history entry and the audit event
  // in the same transaction; a move the machine refuses is CheckMove's error.
  core::Status Move(const Actor& actor, core::InvoiceId id, invoice::InvoiceStatus to,
                    const std::string& comment, int64_t expected_version) const;

 private:
  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace choral::platform
