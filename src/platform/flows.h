// Flows: structured flow deposit (dépôt de flux), as Chorus Pro's deposerFluxFacture. A supplier
// deposits a file (one UBL / CII / Factur-X invoice, or an archive of several) with the syntax it
// declares; Choral stores it at once — the file in the BlobStore, the flow in state IN_RECU and
// the job that will process it, in one transaction, durable before the answer — and answers with
// the flow number. FlowProcessor (flow_processor.h) integrates it in the background; the report
// (flow_report.h) says what became of each invoice.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "platform/actor.h"
#include "platform/flow_report.h"
#include "store/store.h"

namespace choral::platform {

// The kind of the jobs that process flows (store/job_queue.h); their payload is the flow id.
inline constexpr std::string_view kFlowJobKind = "flow.process";

struct FlowOptions {
  // The largest file accepted: Chorus Pro takes 10 MB per file and 30 MB compressed; Choral takes
  // the larger, archives being the common case of big flows.
  size_t max_file_bytes = 30 * 1024 * 1024;
  size_t max_file_name_chars = 200;
};

struct FlowDepositRequest {
  std::string file;         // the bytes (fichierFlux, decoded)
  std::string file_name;    // nomFichier
  std::string syntax_code;  // syntaxeFlux (API.md §6.1)
  // The supplier structure the flow is for; unset: the actor's first structure they may deposit
  // for (an API token is bound to one).
  core::StructureId supplier_id;
};

// The acknowledgement (accusé de réception).
struct FlowReceipt {
  std::string number;  // numeroFluxDepot
  core::Timestamp deposited_at{};
  std::string syntax_code;
  FlowState state = FlowState::kReceived;
};

// Thread-safe. Holds references: `store` and `clock` must outlive it.
class Flows {
 public:
  Flows(store::Store& store, const core::Clock& clock, FlowOptions options = {});

  // Stores the flow and queues its processing. kPermissionDenied unless the actor may deposit
  // for the supplier (RequireDepositRight); kInvalidArgument for an unknown syntax code (naming
  // the known ones), an empty or too large file, a missing file name; kUnsupported for a §6.1
  // syntax Choral does not integrate.
  core::Result<FlowReceipt> Deposit(const Actor& actor, const FlowDepositRequest& request) const;

  // The flows of the supplier structures whose sent invoices the actor sees, newest first.
  core::Result<std::vector<store::Flow>> List(const Actor& actor, int limit = 100) const;

  // The flow's report as it stands (complete once the state is final). kNotFound for an unknown
  // number and for a flow of a structure the actor does not see (numbers reveal nothing).
  core::Result<FlowReport> Report(const Actor& actor, std::string_view number) const;

  // The report as a PDF; Report's errors.
  core::Result<std::string> ReportPdf(const Actor& actor, std::string_view number) const;

  const FlowOptions& options() const { return options_; }

 private:
  store::Store& store_;
  const core::Clock& clock_;
  FlowOptions options_;
};

}  // namespace choral::platform
