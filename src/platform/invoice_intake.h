// InvoiceIntake: what every way of depositing an invoice shares — the look-ups the deposit rules
// need, and the recording of an accepted invoice (the invoice, its routing to the recipient's
// space, the audit event, the recipient's notification). The PDF deposit (deposit.h) and flow
// integration (flow_processor.h) both go through here, so an invoice enters the lifecycle one way.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "directory/service.h"
#include "directory/structure.h"
#include "invoice/invoice.h"
#include "rules/deposit_rules.h"
#include "store/store.h"

namespace choral::platform {

// What the deposit rules read beyond the invoice, looked up in one transaction.
struct DepositLookup {
  std::optional<directory::Structure> supplier;
  std::optional<directory::Structure> recipient;  // none when no structure has the SIRET
  std::optional<directory::Service> service;      // none when no code, or an unknown one
  bool service_code_unknown = false;
  bool invoice_number_taken = false;

  // Points `context`'s structures and service at this lookup's (which must outlive it) and
  // copies the flags.
  void FillContext(rules::DepositContext& context) const;
};

// Looks up the supplier, the recipient of `recipient_siret` (14 digits; empty: none), its service
// `service_code` and whether the supplier used `invoice_number` already. Errors are the store's
// (kNotFound when the supplier does not exist).
core::Result<DepositLookup> LookUpDeposit(store::Transaction& tx, core::StructureId supplier,
                                          std::string_view recipient_siret,
                                          std::string_view service_code,
                                          std::string_view invoice_number);

// Records an invoice the deposit rules accepted, in `tx`: the invoice (draft's id ignored; its
// status set to MISE_A_DISPOSITION), its history DEPOSEE → EN_COURS_ACHEMINEMENT →
// MISE_A_DISPOSITION (the first step by `actor_name`, the others by the system), the audit event
// "invoice.deposited" (with `audit_details` added to its details) and the recipient's
// notification. kAlreadyExists when the supplier used the number in between.
core::Result<core::InvoiceId> RecordDeposit(store::Transaction& tx, const invoice::Invoice& draft,
                                            std::string_view actor_name,
                                            std::string_view supplier_name, core::Timestamp now,
                                            const nlohmann::json& audit_details = {});

}  // namespace choral::platform
