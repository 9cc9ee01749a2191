#include "http/cpro_routes.h"

#include <cstdio>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "core/paris_time.h"
#include "http/bearer_auth.h"
#include "http/error_status.h"
#include "http/oauth.h"

namespace choral::http {
namespace {

// Chorus Pro's codeRetour values for deposerFluxFacture (API.md §3; 20001 is the file-too-large
// code clients know; the others are Choral's, per service as Chorus Pro numbers them).
constexpr int kFileTooLarge = 20001;
constexpr int kInvalidRequest = 20002;
constexpr int kSyntaxNotIntegrated = 20003;
constexpr int kUnknownFlow = 20000;

// "2026-11-27T14:05:09.123+01:00": Paris time with its offset, as Chorus Pro writes flow times.
std::string IsoParis(core::Timestamp t) {
  const auto offset = core::ParisOffset(t);
  const auto local = t + offset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(std::chrono::floor<std::chrono::milliseconds>(local - day));
  char text[128];
  std::snprintf(
      text, sizeof text, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lld+%02lld:%02lld",
      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
      static_cast<unsigned>(ymd.day()), static_cast<long long>(hms.hours().count()),
      static_cast<long long>(hms.minutes().count()), static_cast<long long>(hms.seconds().count()),
      static_cast<long long>(hms.subseconds().count()), static_cast<long long>(offset.count() / 60),
      static_cast<long long>(offset.count() % 60));
  return text;
}

Response Retour(int code, std::string_view libelle,
                nlohmann::json body = nlohmann::json::object()) {
  body["codeRetour"] = code;
  body["libelle"] = libelle;
  return Response::Json(body.dump());
}

// The JSON body, or nullopt (a 400 follows) when it is not a JSON object.
std::optional<nlohmann::json> Body(const Request& request) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (!body.is_object()) return std::nullopt;
  return body;
}

std::string StringField(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void RegisterCproRoutes(Routes& routes, platform::Platform& platform) {
  // API.md §5.1 deposerFluxFacture.
  routes.Post("/cpro/factures/v1/deposer/flux", [&platform](const Request& request) {
    auto actor = AuthenticateBearer(platform, request);
    if (auto* refused = std::get_if<Response>(&actor)) return std::move(*refused);
    auto body = Body(request);
    if (!body) return Retour(kInvalidRequest, "the body must be a JSON object");
    platform::FlowDepositRequest deposit;
    auto file = DecodeBase64(StringField(*body, "fichierFlux"));
    if (!file) return Retour(kInvalidRequest, "fichierFlux must be base64");
    deposit.file = std::move(*file);
    deposit.file_name = StringField(*body, "nomFichier");
    deposit.syntax_code = StringField(*body, "syntaxeFlux");
    auto receipt = platform.flows().Deposit(std::get<platform::Actor>(actor), deposit);
    if (!receipt) {
      const core::Error& error = receipt.error();
      switch (error.code) {
        case core::ErrorCode::kInvalidArgument:
          return Retour(deposit.file.size() > platform.flows().options().max_file_bytes
                            ? kFileTooLarge
                            : kInvalidRequest,
                        error.message);
        case core::ErrorCode::kUnsupported:
          return Retour(kSyntaxNotIntegrated, error.message);
        default:
          return JsonError(error);
      }
    }
    return Retour(0, "GCU_MSG_01_000",
                  {{"numeroFluxDepot", receipt->number},
                   {"dateDepot", core::ParisDate(receipt->deposited_at).ToIso()},
                   {"syntaxeFlux", receipt->syntax_code}});
  });

  // API.md §5.2 consulterCR: the report as a base64 PDF.
  routes.Post("/cpro/transverses/v1/consulterCR", [&platform](const Request& request) {
    auto actor = AuthenticateBearer(platform, request);
    if (auto* refused = std::get_if<Response>(&actor)) return std::move(*refused);
    auto body = Body(request);
    if (!body) return Retour(kInvalidRequest, "the body must be a JSON object");
    const std::string number = StringField(*body, "numeroFluxDepot");
    const platform::Actor& who = std::get<platform::Actor>(actor);
    auto report = platform.flows().Report(who, number);
    if (!report) {
      if (report.error().code == core::ErrorCode::kNotFound) {
        return Retour(kUnknownFlow, report.error().message);
      }
      return JsonError(report.error());
    }
    auto pdf = platform::FlowReportPdf(*report);
    if (!pdf) return JsonError(pdf.error());
    const store::Flow& flow = report->flow;
    return Retour(0, "GCU_MSG_01_000",
                  {{"numeroFluxDepot", flow.number},
                   {"nomFichierFlux", flow.file_name},
                   {"dateDepotFlux", IsoParis(flow.deposited_at)},
                   {"dateHeureEtatCourantFlux", IsoParis(flow.state_changed_at)},
                   {"etatCourantFlux", platform::FlowStateCode(report->state)},
                   {"codeInterfaceFlux", flow.syntax_code},
                   {"codeAppliPartenaire", flow.api_client},
                   {"designationPartenaire", flow.api_client},
                   {"fichierCR", core::EncodeBase64(*pdf)}});
  });

  // API.md §5.2 consulterCRDetaille: the state and each rejected invoice's errors, plus
  // Choral's full report (compteRendu: every invoice, accepted with its id or rejected).
  routes.Post("/cpro/transverses/v1/consulterCRDetaille", [&platform](const Request& request) {
    auto actor = AuthenticateBearer(platform, request);
    if (auto* refused = std::get_if<Response>(&actor)) return std::move(*refused);
    auto body = Body(request);
    if (!body) return Retour(kInvalidRequest, "the body must be a JSON object");
    const std::string number = StringField(*body, "numeroFluxDepot");
    auto report = platform.flows().Report(std::get<platform::Actor>(actor), number);
    if (!report) {
      if (report.error().code == core::ErrorCode::kNotFound) {
        return Retour(kUnknownFlow, report.error().message);
      }
      return JsonError(report.error());
    }
    const store::Flow& flow = report->flow;
    nlohmann::json invoice_errors = nlohmann::json::array();
    for (const platform::FlowInvoiceReport& invoice : report->invoices) {
      if (invoice.accepted()) continue;
      for (const platform::FlowFinding& f : invoice.findings) {
        if (f.flag != "fatal") continue;
        invoice_errors.push_back({{"numeroDP", invoice.invoice_number},
                                  {"identifiantFournisseur", ""},
                                  {"identifiantDestinataire", ""},
                                  {"libelleErreurDP", f.rule + " : " + f.message}});
      }
    }
    nlohmann::json technical = nlohmann::json::array();
    if (!flow.error.empty()) {
      technical.push_back(
          {{"codeErreur", "FLUX"}, {"libelleErreur", flow.error}, {"natureErreur", "FLUX"}});
    }
    return Retour(0, "GCU_MSG_01_000",
                  {{"numeroFluxDepot", flow.number},
                   {"nomFichier", flow.file_name},
                   {"codeInterfaceDepotFlux", flow.syntax_code},
                   {"dateDepotFlux", IsoParis(flow.deposited_at)},
                   {"dateHeureEtatCourantFlux", IsoParis(flow.state_changed_at)},
                   {"etatCourantDepotFlux", platform::FlowStateCode(report->state)},
                   {"listeErreurDP", std::move(invoice_errors)},
                   {"listeErreurTechnique", std::move(technical)},
                   {"compteRendu", platform::FlowReportJson(*report)}});
  });
}

}  // namespace choral::http
