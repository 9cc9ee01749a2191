// FlowRepository: structured flows (flux) deposited by API or on the portal, and the outcome of
// each invoice they hold. A flow is stored as soon as it arrives; a background job processes it
// and records each invoice's outcome in its own transaction, so that a crash loses nothing and
// the job, taken up again, skips the invoices already done.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

struct Flow {
  int64_t id = 0;
  std::string number;              // numeroFluxDepot, set by Insert from the id: "CPP" + 22 digits
  core::StructureId structure_id;  // the depositing (supplier) structure
  std::optional<core::UserId> user_id;  // who deposited it; none when an API client did
  std::string api_client;               // the OAuth2 client id when an API client did; else ""
  std::string syntax_code;              // syntaxeFlux as declared: "IN_DP_E1_UBL_INVOICE"...
  std::string file_name;                // nomFichier
  std::string file_sha256;              // the file in the BlobStore
  int64_t file_size = 0;                // bytes
  std::string state;                    // etatCourantFlux: "IN_RECU"... (platform/flow_state.h)
  core::Timestamp deposited_at{};
  core::Timestamp state_changed_at{};
  int invoice_count = 0;  // invoices found in the file, once split; 0 before
  std::string error;      // why it was rejected or failed as a whole; "" otherwise
  std::string report;     // the flow report (JSON) once processed; "" before

  friend bool operator==(const Flow&, const Flow&) = default;
};

// One invoice of a flow, once processed: accepted (invoice_id set) or rejected (findings).
struct FlowInvoice {
  int64_t flow_id = 0;
  int entry_index = 0;                        // 0-based position in the flow (archive order)
  std::string entry_name;                     // the file name inside the archive, or the flow's own
  std::string invoice_number;                 // BT-1 as read; "" when it could not be read
  std::optional<core::InvoiceId> invoice_id;  // the invoice created when accepted
  std::string findings;  // JSON array of the findings (rule, flag, message, location)
  core::Timestamp processed_at{};

  friend bool operator==(const FlowInvoice&, const FlowInvoice&) = default;
};

// Bound to one Transaction (see store.h); not thread-safe.
class FlowRepository {
 public:
  virtual ~FlowRepository() = default;

  // Stores a new flow (id and number ignored) and returns it with its id and number. kNotFound
  // when the structure or the user does not exist.
  virtual core::Result<Flow> Insert(const Flow& flow) = 0;

  // kNotFound naming the id when there is none.
  virtual core::Result<Flow> Get(int64_t id) = 0;
  virtual core::Result<std::optional<Flow>> FindByNumber(std::string_view number) = 0;

  // The flows deposited for any of `structures`, newest first, at most `limit`.
  virtual core::Result<std::vector<Flow>> ListByStructures(
      const std::vector<core::StructureId>& structures, int limit) = 0;

  // Moves the flow to `state` at `at`; `error` replaces the flow's error text.
  virtual core::Status SetState(int64_t id, std::string_view state, core::Timestamp at,
                                std::string_view error) = 0;
  virtual core::Status SetInvoiceCount(int64_t id, int count) = 0;
  virtual core::Status SetReport(int64_t id, std::string_view report) = 0;

  // Records one invoice's outcome. kAlreadyExists when that entry_index was recorded before.
  virtual core::Status RecordInvoice(const FlowInvoice& outcome) = 0;
  // The outcomes recorded so far, by entry_index.
  virtual core::Result<std::vector<FlowInvoice>> Invoices(int64_t flow_id) = 0;
};

}  // namespace choral::store
