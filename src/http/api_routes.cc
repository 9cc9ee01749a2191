#include "http/api_routes.h"

#include <variant>

#include <nlohmann/json.hpp>

#include "http/bearer_auth.h"
#include "http/error_status.h"
#include "http/oauth.h"

namespace choral::http {
namespace {

nlohmann::json FlagsJson(const directory::StructureFlags& flags) {
  // Chorus Pro's parameter names (FUNCTIONAL.md §2.1), so its clients recognise them.
  return {{"codeServiceDoitEtreRenseigne", flags.service_code_required},
          {"numeroEJDoitEtreRenseigne", flags.engagement_number_required},
          {"gestionNumeroEJOuCodeService", flags.service_code_or_engagement_required},
          {"statutMiseEnPaiementNestPasRemonte", flags.payment_status_not_reported}};
}

nlohmann::json ServiceJson(const directory::Service& service) {
  nlohmann::json json = {{"codeService", service.code},
                         {"libelleService", service.name},
                         {"estActif", service.active},
                         {"numeroEngagement", service.engagement_number_required},
                         {"miseEnPaiement", service.payment_status_reported}};
  if (service.valid_from) json["dateDebutValidite"] = service.valid_from->ToIso();
  if (service.valid_to) json["dateFinValidite"] = service.valid_to->ToIso();
  return json;
}

}  // namespace

void RegisterApiRoutes(Routes& routes, platform::Platform& platform) {
  routes.Get(
      "/health", [](const Request&) { return Response::Json(R"({"status":"ok"})"); },
      Dispatch::kInline);

  routes.Get("/health/ready", [&platform](const Request&) {
    auto status = platform.CheckHealth();
    if (!status) return JsonError(status.error());
    return Response::Json(R"({"status":"ok","database":"ok"})");
  });

  routes.Get("/api/v1/directory/structures/:siret", [&platform](const Request& request) {
    auto found = platform.public_directory().FindBySiret(request.path_params.at("siret"));
    if (!found) return JsonError(found.error());
    const directory::Structure& s = found->structure;
    nlohmann::json services = nlohmann::json::array();
    for (const auto& service : found->services) services.push_back(ServiceJson(service));
    nlohmann::json body = {
        {"identifiantStructure", s.identifier},
        {"typeIdentifiantStructure", directory::IdentifierTypeCode(s.identifier_type)},
        {"raisonSociale", s.name},
        {"structurePriveePublique", directory::StructureKindCode(s.kind)},
        {"parametres", FlagsJson(s.flags)},
        {"services", std::move(services)}};
    return Response::Json(body.dump());
  });

  // RFC 6749 §4.4: a client's credentials for a bearer token bound to its structure.
  routes.Post("/api/oauth/token", [&platform](const Request& request) {
    auto credentials = ParseTokenRequest(request);
    if (!credentials) return OAuthErrorResponse(credentials.error());
    auto issued = platform.api_access().IssueToken(
        credentials->client_id, credentials->client_secret, request.remote_address);
    if (!issued) {
      switch (issued.error().code) {
        case core::ErrorCode::kPermissionDenied:
          return OAuthErrorResponse({"invalid_client", issued.error().message});
        case core::ErrorCode::kResourceExhausted:
          return OAuthErrorResponse({"temporarily_unavailable", issued.error().message}, 429)
              .AddHeader("Retry-After", "900");
        default:
          return JsonError(issued.error());
      }
    }
    nlohmann::json body = {{"access_token", issued->access_token},
                           {"token_type", "Bearer"},
                           {"expires_in", issued->expires_in}};
    // RFC 6749 §5.1: a token must never sit in a cache.
    return Response::Json(body.dump())
        .AddHeader("Cache-Control", "no-store")
        .AddHeader("Pragma", "no-cache");
  });

  // Who a bearer token acts for: proof that a token works, for client developers.
  routes.Get("/api/v1/whoami", [&platform](const Request& request) {
    auto authenticated = AuthenticateBearer(platform, request);
    if (auto* refused = std::get_if<Response>(&authenticated)) return std::move(*refused);
    const platform::Actor& actor = std::get<platform::Actor>(authenticated);
    const platform::ActorStructure& s = actor.structures.at(0);
    nlohmann::json body = {{"client_id", actor.api_client},
                           {"client_label", actor.display_name},
                           {"structure",
                            {{"id", s.id.value()},
                             {"identifiantStructure", s.identifier},
                             {"raisonSociale", s.name},
                             {"structurePriveePublique", directory::StructureKindCode(s.kind)}}}};
    return Response::Json(body.dump());
  });
}

}  // namespace choral::http
