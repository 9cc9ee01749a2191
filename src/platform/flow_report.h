// FlowReport: the report (compte rendu) of a deposited flow — its number, state and dates, and per
// invoice either "accepted, with its id" or "rejected, with each finding". As JSON (the API, and
// what the flow row keeps once processed) and as a PDF in French (consulterCR's fichierCR, the
// portal's download).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/ids.h"
#include "core/result.h"
#include "invoice/validation_finding.h"
#include "platform/flow_state.h"
#include "rules/deposit_rules.h"
#include "store/flow_repository.h"

namespace choral::platform {

// One broken rule, whichever check found it (XSD, syntax, EN 16931, deposit rules, the flow).
struct FlowFinding {
  std::string rule;      // "BR-CO-10", "XSD-...", "DEP-RECIPIENT-UNKNOWN", "FLOW-UNREADABLE"
  std::string flag;      // "fatal" or "warning"
  std::string message;   // a sentence a person can act on
  std::string location;  // the XPath, or the business term ("BT-46 / BT-47"); may be empty
  int line = 0;          // in the invoice file; 0 when unknown

  friend bool operator==(const FlowFinding&, const FlowFinding&) = default;
};

FlowFinding FromValidation(const invoice::ValidationFinding& finding);
FlowFinding FromDepositRule(const rules::Finding& finding);

// As flow_invoices.findings keeps them: a JSON array of {rule, flag, message, location, line}.
std::string FindingsToJson(const std::vector<FlowFinding>& findings);
std::vector<FlowFinding> FindingsFromJson(const std::string& json);

struct FlowInvoiceReport {
  int index = 0;
  std::string file;                           // the entry's name
  std::string invoice_number;                 // BT-1; "" when unreadable
  std::optional<core::InvoiceId> invoice_id;  // set: accepted
  std::vector<FlowFinding> findings;          // warnings of an accepted one; why a rejected one was

  bool accepted() const { return invoice_id.has_value(); }
};

struct FlowReport {
  store::Flow flow;
  FlowState state = FlowState::kReceived;
  std::vector<FlowInvoiceReport> invoices;  // those processed so far, in flow order
  int accepted = 0;
  int rejected = 0;
};

// The report of `flow` from its stored outcomes.
FlowReport BuildFlowReport(const store::Flow& flow,
                           const std::vector<store::FlowInvoice>& outcomes);

// {"flow_number", "file_name", "syntax", "state", "deposited_at", "state_changed_at", "error",
//  "invoice_count", "accepted", "rejected", "invoices": [{"index", "file", "invoice_number",
//  "accepted", "invoice_id", "findings": [{"rule", "flag", "message", "location", "line"}]}]}
// Dates as "2026-11-26T21:36:43.123Z".
nlohmann::json FlowReportJson(const FlowReport& report);

// The report as an A4 PDF in French. kInternal if the PDF cannot be drawn.
core::Result<std::string> FlowReportPdf(const FlowReport& report);

// The French name of a state, for people: "Intégré partiellement"...
std::string_view FlowStateLabel(FlowState state);

}  // namespace choral::platform
