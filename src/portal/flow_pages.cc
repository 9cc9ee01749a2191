// The flow pages of Pages (pages.h): "Déposer un flux" (a structured invoice file or an archive,
// with its declared syntax), "Mes flux" (the flows and their states) and one flow's report
// (compte rendu), which follows the state by itself while the flow is processed.
#include <string>

#include "http/multipart.h"
#include "platform/flow_syntax.h"
#include "platform/permissions.h"
#include "portal/invoice_view_models.h"
#include "portal/page_params.h"
#include "portal/pages.h"

namespace choral::portal {
namespace {

using core::ErrorCode;

// Why a flow was not taken, as the catalogue says it next to the file field.
std::string_view DepositProblemKey(const core::Error& error) {
  if (error.code == ErrorCode::kUnsupported) return "flow.error_unsupported";
  if (error.code != ErrorCode::kInvalidArgument) return "";
  if (error.message.starts_with("unknown syntaxeFlux")) return "flow.error_syntax";
  if (error.message.find("larger than") != std::string::npos) return "flow.error_too_big";
  return "flow.error_no_file";
}

// The deposit rules have French texts ("rule.DEP-..."); the EN 16931 artefacts' messages are
// shown as the official artefacts write them.
mstch::array FindingItems(const Catalogue& catalogue,
                          const std::vector<platform::FlowFinding>& findings) {
  mstch::array items;
  for (const platform::FlowFinding& f : findings) {
    const std::string french = "rule." + f.rule;
    items.push_back(mstch::map{
        {"rule", f.rule},
        {"warning", f.flag == "warning"},
        {"message", catalogue.Has(french) ? std::string(catalogue.Text(french)) : f.message},
        {"detail", catalogue.Has(french) ? f.message : std::string()},
        {"location", f.location},
        {"has_location", !f.location.empty() || f.line > 0},
        {"line", f.line > 0 ? std::to_string(f.line) : std::string()}});
  }
  return items;
}

std::string StateLabel(std::string_view code) {
  auto state = platform::ParseFlowState(code);
  return std::string(state ? platform::FlowStateLabel(*state) : code);
}

}  // namespace

http::Response Pages::FlowUploadPage(const platform::Actor& actor, std::string_view syntax,
                                     std::string_view error_key, int status) const {
  const Catalogue& catalogue = renderer_.catalogue();
  mstch::array syntaxes;
  for (const platform::FlowSyntax& s : platform::FlowSyntaxes()) {
    if (s.content == platform::FlowContent::kNone) continue;
    syntaxes.push_back(mstch::map{{"code", std::string(s.code)},
                                  {"label", std::string(s.label)},
                                  {"selected", s.code == syntax}});
  }
  Page page{"flow_upload", std::string(catalogue.Text("flow.deposit_title")), NavEntry::kFlows,
            mstch::map{{"csrf_token", actor.csrf_token},
                       {"syntaxes", std::move(syntaxes)},
                       {"has_error", !error_key.empty()},
                       {"error", std::string(error_key.empty() ? "" : catalogue.Text(error_key))}},
            status};
  return Render(std::move(page), actor);
}

http::Response Pages::FlowStart(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  if (auto may = platform::MayDeposit(**actor); !may) {
    return ErrorPage(may.error(), request, &**actor);
  }
  return FlowUploadPage(**actor, "IN_DP_E1_UBL_INVOICE", "", 200);
}

http::Response Pages::FlowDeposit(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  auto form = http::Multipart::Parse(
      request.Header("content-type"), request.body,
      {.max_parts = 4, .max_part_bytes = platform_.flows().options().max_file_bytes});
  if (!form) {
    if (form.error().code == ErrorCode::kInvalidArgument) {
      return FlowUploadPage(who, "", "flow.error_too_big", 413);
    }
    return ErrorPage(form.error(), request, &who);
  }
  if (!CsrfMatches(form->Get(kCsrfField), who.csrf_token)) {
    return ErrorPage(Forbidden("flow form's CSRF token does not match"), request, &who);
  }
  if (auto may = platform::MayDeposit(who); !may) return ErrorPage(may.error(), request, &who);
  platform::FlowDepositRequest deposit;
  deposit.syntax_code = form->Get("syntaxe");
  for (const http::MultipartPart& part : form->parts()) {
    if (part.name == "fichier" && part.filename) {
      deposit.file = part.body;
      deposit.file_name = *part.filename;
    }
  }
  deposit.supplier_id = FirstSupplier(who);
  auto receipt = platform_.flows().Deposit(who, deposit);
  if (!receipt) {
    std::string_view key = DepositProblemKey(receipt.error());
    if (key.empty()) return ErrorPage(receipt.error(), request, &who);
    return FlowUploadPage(who, deposit.syntax_code, key, key == "flow.error_too_big" ? 413 : 422);
  }
  return http::Response::Redirect("/flux/" + receipt->number);
}

http::Response Pages::FlowList(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  if (auto may = platform::MayDeposit(who); !may) return ErrorPage(may.error(), request, &who);
  auto flows = platform_.flows().List(who);
  if (!flows) return ErrorPage(flows.error(), request, &who);
  mstch::array rows;
  for (const store::Flow& flow : *flows) {
    rows.push_back(mstch::map{{"number", flow.number},
                              {"file_name", flow.file_name},
                              {"syntax", flow.syntax_code},
                              {"deposited_at", FormatTimestamp(flow.deposited_at)},
                              {"state", StateLabel(flow.state)},
                              {"state_code", flow.state}});
  }
  const Catalogue& catalogue = renderer_.catalogue();
  Page page{"flows", std::string(catalogue.Text("flow.list_title")), NavEntry::kFlows,
            mstch::map{{"rows", std::move(rows)}, {"has_rows", !flows->empty()}}};
  return Render(std::move(page), who);
}

http::Response Pages::FlowPage(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  const std::string& number = request.path_params.at("number");
  auto report = platform_.flows().Report(who, number);
  if (!report) return ErrorPage(report.error(), request, &who);
  const store::Flow& flow = report->flow;
  const Catalogue& catalogue = renderer_.catalogue();
  mstch::array invoices;
  for (const platform::FlowInvoiceReport& invoice : report->invoices) {
    mstch::map item{{"position", std::to_string(invoice.index + 1)},
                    {"file", invoice.file},
                    {"number", invoice.invoice_number},
                    {"has_number", !invoice.invoice_number.empty()},
                    {"accepted", invoice.accepted()},
                    {"findings", FindingItems(catalogue, invoice.findings)},
                    {"has_findings", !invoice.findings.empty()}};
    if (invoice.invoice_id) {
      item["invoice_href"] = "/factures/" + std::to_string(invoice.invoice_id->value());
    }
    invoices.push_back(std::move(item));
  }
  const bool final_state = platform::IsFinal(report->state);
  mstch::map data{
      {"number", flow.number},
      {"file_name", flow.file_name},
      {"syntax", flow.syntax_code},
      {"deposited_at", FormatTimestamp(flow.deposited_at)},
      {"state_changed_at", FormatTimestamp(flow.state_changed_at)},
      {"state", std::string(platform::FlowStateLabel(report->state))},
      {"state_code", std::string(platform::FlowStateCode(report->state))},
      {"processing", !final_state},
      {"error", flow.error},
      {"has_error", !flow.error.empty()},
      {"invoice_count", std::to_string(flow.invoice_count)},
      {"accepted_count", std::to_string(report->accepted)},
      {"rejected_count", std::to_string(report->rejected)},
      {"invoices", std::move(invoices)},
      {"has_invoices", !report->invoices.empty()},
  };
  Page page{"flow", catalogue.Format("flow.page_title", {{"number", flow.number}}),
            NavEntry::kFlows, std::move(data)};
  return Render(std::move(page), who);
}

http::Response Pages::FlowReportPdf(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const std::string& number = request.path_params.at("number");
  auto pdf = platform_.flows().ReportPdf(**actor, number);
  if (!pdf) return ErrorPage(pdf.error(), request, &**actor);
  http::Response response;
  response.body = std::move(*pdf);
  response.AddHeader("Content-Type", "application/pdf");
  // The route lets only "CPP" and digits through: nothing to escape.
  response.AddHeader("Content-Disposition",
                     "attachment; filename=\"compte-rendu-" + number + ".pdf\"");
  response.AddHeader("X-Content-Type-Options", "nosniff");
  response.AddHeader("Cache-Control", "private, no-store");
  return response;
}

}  // namespace choral::portal
