#include "platform/flow_report.h"

#include "core/clock.h"
#include "core/paris_time.h"
#include "pdf/text_report.h"

namespace choral::platform {
namespace {

// Where a deposit rule's form field lives in a structured invoice (EN 16931 business terms).
std::string TermOf(std::string_view field) {
  static const std::pair<std::string_view, std::string_view> kTerms[] = {
      {"recipient_siret", "BT-46 / BT-47 (identifiant de l'acheteur)"},
      {"service_code", "BT-10 (référence acheteur : code service)"},
      {"engagement_number", "BT-13 (référence de commande : numéro d'engagement)"},
      {"invoice_number", "BT-1 (numéro de facture)"},
      {"issue_date", "BT-2 (date d'émission)"},
      {"document_type", "BT-3 (type de document)"},
      {"currency", "BT-5 (devise)"},
      {"total_without_vat", "BT-109 (total HT)"},
      {"total_vat", "BT-110 (total TVA)"},
      {"total_with_vat", "BT-112 (total TTC)"},
      {"amount_due", "BT-115 (montant à payer)"},
      {"supplier", "BT-29 / BT-30 (identifiant du vendeur)"},
  };
  for (auto [f, term] : kTerms) {
    if (f == field) return std::string(term);
  }
  return std::string(field);
}

std::string When(core::Timestamp t) { return core::FormatParisTime(t); }

}  // namespace

FlowFinding FromValidation(const invoice::ValidationFinding& finding) {
  return {finding.rule, std::string(invoice::FindingFlagName(finding.flag)), finding.message,
          finding.xpath, finding.line};
}

FlowFinding FromDepositRule(const rules::Finding& finding) {
  return {finding.rule_id, "fatal", finding.message, TermOf(finding.field), 0};
}

std::string FindingsToJson(const std::vector<FlowFinding>& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const FlowFinding& f : findings) {
    out.push_back({{"rule", f.rule},
                   {"flag", f.flag},
                   {"message", f.message},
                   {"location", f.location},
                   {"line", f.line}});
  }
  return out.dump();
}

std::vector<FlowFinding> FindingsFromJson(const std::string& json) {
  std::vector<FlowFinding> out;
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& f : parsed) {
    if (!f.is_object()) continue;
    out.push_back({f.value("rule", ""), f.value("flag", "fatal"), f.value("message", ""),
                   f.value("location", ""), f.value("line", 0)});
  }
  return out;
}

FlowReport BuildFlowReport(const store::Flow& flow,
                           const std::vector<store::FlowInvoice>& outcomes) {
  FlowReport report;
  report.flow = flow;
  report.state = ParseFlowState(flow.state).value_or(FlowState::kIncident);
  for (const store::FlowInvoice& outcome : outcomes) {
    FlowInvoiceReport invoice;
    invoice.index = outcome.entry_index;
    invoice.file = outcome.entry_name;
    invoice.invoice_number = outcome.invoice_number;
    invoice.invoice_id = outcome.invoice_id;
    invoice.findings = FindingsFromJson(outcome.findings);
    ++(invoice.accepted() ? report.accepted : report.rejected);
    report.invoices.push_back(std::move(invoice));
  }
  return report;
}

nlohmann::json FlowReportJson(const FlowReport& report) {
  nlohmann::json invoices = nlohmann::json::array();
  for (const FlowInvoiceReport& invoice : report.invoices) {
    nlohmann::json entry = {{"index", invoice.index},
                            {"file", invoice.file},
                            {"invoice_number", invoice.invoice_number},
                            {"accepted", invoice.accepted()},
                            {"findings", nlohmann::json::parse(FindingsToJson(invoice.findings))}};
    entry["invoice_id"] =
        invoice.invoice_id ? nlohmann::json(invoice.invoice_id->value()) : nlohmann::json();
    invoices.push_back(std::move(entry));
  }
  return {{"flow_number", report.flow.number},
          {"file_name", report.flow.file_name},
          {"syntax", report.flow.syntax_code},
          {"state", std::string(FlowStateCode(report.state))},
          {"deposited_at", core::FormatTimestamp(report.flow.deposited_at)},
          {"state_changed_at", core::FormatTimestamp(report.flow.state_changed_at)},
          {"error", report.flow.error},
          {"invoice_count", report.flow.invoice_count},
          {"accepted", report.accepted},
          {"rejected", report.rejected},
          {"invoices", std::move(invoices)}};
}

std::string_view FlowStateLabel(FlowState state) {
  switch (state) {
    case FlowState::kReceived:
      return "Reçu";
    case FlowState::kQueued:
      return "En attente de traitement";
    case FlowState::kProcessing:
      return "En cours de traitement";
    case FlowState::kIntegrated:
      return "Intégré";
    case FlowState::kPartlyIntegrated:
      return "Intégré partiellement";
    case FlowState::kRejected:
      return "Rejeté";
    case FlowState::kIncident:
      return "En incident";
  }
  return "En incident";
}

core::Result<std::string> FlowReportPdf(const FlowReport& report) {
  using pdf::ReportLine;
  using S = ReportLine::Style;
  std::vector<ReportLine> lines;
  const store::Flow& flow = report.flow;
  lines.push_back({S::kTitle, "Compte rendu de dépôt de flux"});
  lines.push_back({S::kBody, "Numéro de flux : " + flow.number});
  lines.push_back({S::kBody, "Fichier : " + flow.file_name});
  lines.push_back({S::kBody, "Syntaxe déclarée : " + flow.syntax_code});
  lines.push_back({S::kBody, "Déposé le : " + When(flow.deposited_at)});
  lines.push_back({S::kBody, "État : " + std::string(FlowStateLabel(report.state)) + " (" +
                                 std::string(FlowStateCode(report.state)) + "), le " +
                                 When(flow.state_changed_at)});
  if (!flow.error.empty()) lines.push_back({S::kBody, "Motif : " + flow.error});
  lines.push_back({S::kBody, "Factures : " + std::to_string(flow.invoice_count) +
                                 " — acceptées : " + std::to_string(report.accepted) +
                                 ", rejetées : " + std::to_string(report.rejected)});
  for (const FlowInvoiceReport& invoice : report.invoices) {
    std::string number =
        invoice.invoice_number.empty() ? "(numéro illisible)" : invoice.invoice_number;
    lines.push_back({S::kHeading, "Facture " + std::to_string(invoice.index + 1) + " — " + number +
                                      " (" + invoice.file + ")"});
    if (invoice.accepted()) {
      lines.push_back(
          {S::kBody, "Acceptée : facture n° " + std::to_string(invoice.invoice_id->value())});
    } else {
      lines.push_back({S::kBody, "Rejetée"});
    }
    for (const FlowFinding& f : invoice.findings) {
      std::string where = f.location;
      if (f.line > 0)
        where += (where.empty() ? "" : ", ") + std::string("ligne ") + std::to_string(f.line);
      lines.push_back(
          {S::kBody,
           (f.flag == "warning" ? "Avertissement " : "Erreur ") + f.rule + " : " + f.message, 1});
      if (!where.empty()) lines.push_back({S::kSmall, "Emplacement : " + where, 2});
    }
  }
  return pdf::WriteTextReport(lines, "Compte rendu " + flow.number);
}

}  // namespace choral::platform
