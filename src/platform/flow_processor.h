// FlowProcessor: integrates deposited flows in the background. Each pass claims flow jobs under a
// lease (store/job_queue.h), and for each flow: IN_RECU → IN_EN_ATTENTE_TRAITEMENT_CPP (claimed)
// → IN_EN_COURS_TRAITEMENT_CPP → split into invoices (flow_archive.h) → each invoice validated
// (InvoiceValidator: XSD, syntax and EN 16931 rules), its content checked against the declared
// syntax and the deposit rules (recipient by BT-46/BT-47, service code BT-10, engagement number
// BT-13, number not used yet...), then accepted into the lifecycle or rejected with its findings
// — each invoice in its own transaction, so that a crash loses nothing: once the lease runs out
// the job is taken up again and skips the invoices already recorded. The flow ends IN_INTEGRE,
// IN_INTEGRE_PARTIEL or IN_REJETE with its report; IN_INCIDENTE when Choral itself kept failing.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "platform/flow_archive.h"
#include "platform/invoice_validation.h"
#include "store/store.h"

namespace choral::platform {

struct FlowProcessorOptions {
  ArchiveLimits archive;
  int batch_size = 4;  // flows claimed per pass
  // How long a claimed flow is left to its runner: longer than the largest flow takes, or it
  // could be processed twice at once (harmless — each invoice is recorded once — but wasteful).
  std::chrono::seconds lease{600};
  std::chrono::seconds retry_delay{30};  // after an internal failure
  int max_attempts = 5;                  // then the flow goes IN_INCIDENTE
};

struct FlowPassReport {
  int claimed = 0;
  int finished = 0;                 // reached a final state
  int retried = 0;                  // failed inside Choral, to be tried again
  std::vector<std::string> errors;  // "flow CPP...: <why>", one per failure
};

// Thread-safe. Holds references: they must outlive it.
class FlowProcessor {
 public:
  FlowProcessor(store::Store& store, const core::Clock& clock, const InvoiceValidator& validator,
                FlowProcessorOptions options = {});

  // Claims due jobs and processes them. An error only when the store fails to claim.
  core::Result<FlowPassReport> RunOnce() const;

  // Claims up to batch_size due flow jobs, moving each flow still IN_RECU to
  // IN_EN_ATTENTE_TRAITEMENT_CPP in the same transaction.
  core::Result<std::vector<store::Job>> Claim() const;

  // Processes one claimed job to its end (the job completed) or, with `max_invoices` >= 0, stops
  // after recording that many invoices and leaves the job claimed, as a runner that crashes
  // would (for tests). An error for an internal failure; RunOnce then retries the job later.
  core::Status Work(const store::Job& job, int max_invoices = -1) const;

  const FlowProcessorOptions& options() const { return options_; }

 private:
  store::Store& store_;
  const core::Clock& clock_;
  const InvoiceValidator& validator_;
  FlowProcessorOptions options_;
};

}  // namespace choral::platform
