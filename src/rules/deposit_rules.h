// Deposit rules: what Choral checks before it accepts an invoice deposited on the portal
// (FUNCTIONAL.md §13). A broken rule is a finding, not an error: all are reported at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "directory/service.h"
#include "directory/structure.h"
#include "invoice/invoice.h"

namespace choral::rules {

// One broken rule. The portal shows catalogue text "rule.<rule_id>" next to `field`.
struct Finding {
  std::string rule_id;  // "DEP-RECIPIENT-UNKNOWN", ... (see deposit_rules.cc for the list)
  std::string field;    // the form field it concerns: "recipient_siret", "service_code", ...
  std::string message;  // one line in English naming the field and the rule, for logs and APIs
};

// What the checks need beyond the invoice itself, looked up by the caller.
struct DepositContext {
  const directory::Structure* supplier = nullptr;   // the depositing structure (required)
  const directory::Structure* recipient = nullptr;  // null when no structure has that SIRET
  const directory::Service* service = nullptr;      // null when no service code or unknown
  bool service_code_unknown = false;  // a service code was given but the recipient has none such
  bool invoice_number_taken = false;  // this supplier already used the number
  bool pdf_is_scanned = false;        // the PDF has no text layer
  core::Date today = *core::Date::FromYmd(2000, 1, 1);
  // The recipient identifier as typed on the form, quoted in DEP-RECIPIENT-UNKNOWN's message
  // (there is no structure to take it from). May be empty.
  std::string recipient_identifier;
};

// Every finding for `draft` (empty when it may be deposited). Pure; never fails.
std::vector<Finding> CheckDeposit(const invoice::Invoice& draft, const DepositContext& context);

}  // namespace choral::rules
