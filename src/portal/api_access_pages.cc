// "Connexions API" (pages.h): a manager's technical accounts and OAuth2 clients, with the forms
// that create, rotate and revoke them. A new password or secret is shown once, in the answer to
// the form that made it.
#include "core/paris_time.h"
#include "http/form.h"
#include "platform/permissions.h"
#include "portal/page_params.h"
#include "portal/pages.h"

namespace choral::portal {
namespace {

std::string FrenchDate(core::Timestamp at) { return core::ParisDate(at).ToFrench(); }

}  // namespace

http::Response Pages::ApiAccessPage(const http::Request& request, const platform::Actor& who,
                                    std::string_view error, const ShownOnceData* shown,
                                    int status) {
  const Catalogue& catalogue = renderer_.catalogue();
  mstch::array structures;
  for (const platform::ActorStructure& s : who.structures) {
    if (!accounts::IsManager(s.role)) continue;
    auto credentials = platform_.api_access().List(who, s.id);
    if (!credentials) return ErrorPage(credentials.error(), request, &who);
    auto state = [&](bool revoked) {
      return std::string(catalogue.Text(revoked ? "api_access.revoked" : "api_access.active"));
    };
    mstch::array accounts;
    for (const auto& a : credentials->technical_accounts) {
      accounts.push_back(mstch::map{
          {"id", std::to_string(a.id)},
          {"login", a.login},
          {"expires", FrenchDate(a.password_expires_at)},
          {"state", state(a.revoked)},
          {"revoked", a.revoked},
          {"csrf_token", who.csrf_token},
          {"rotate_label", catalogue.Format("api_access.rotate_label", {{"name", a.login}})},
          {"revoke_label", catalogue.Format("api_access.revoke_label", {{"name", a.login}})},
      });
    }
    mstch::array clients;
    for (const auto& c : credentials->clients) {
      clients.push_back(mstch::map{
          {"id", std::to_string(c.id)},
          {"label", c.label},
          {"client_id", c.client_id},
          {"created", FrenchDate(c.created_at)},
          {"state", state(c.revoked)},
          {"revoked", c.revoked},
          {"csrf_token", who.csrf_token},
          {"revoke_label", catalogue.Format("api_access.revoke_label", {{"name", c.label}})},
      });
    }
    structures.push_back(mstch::map{
        {"id", std::to_string(s.id.value())},
        {"name", s.name},
        {"csrf_token", who.csrf_token},
        {"has_accounts", !accounts.empty()},
        {"accounts", std::move(accounts)},
        {"has_clients", !clients.empty()},
        {"clients", std::move(clients)},
    });
  }
  mstch::map data{{"structures", std::move(structures)},
                  {"has_error", !error.empty()},
                  {"error", std::string(error)}};
  if (shown != nullptr) {
    data["shown_once"] = mstch::map{{"title", shown->title},
                                    {"name_label", shown->name_label},
                                    {"name", shown->name},
                                    {"secret_label", shown->secret_label},
                                    {"secret", shown->secret}};
  }
  Page page{"api_access", std::string(catalogue.Text("api_access.title")), NavEntry::kApiAccess,
            std::move(data), status};
  return Render(std::move(page), who);
}

http::Response Pages::ApiAccess(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  return ApiAccessPage(request, **actor, "", nullptr, 200);
}

http::Response Pages::ApiAccessChange(const http::Request& request) {
  auto posted = ReadPostedForm(request, "API access", [&](const platform::Actor& who) {
    return platform::MayManageApiAccess(who);
  });
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  const Catalogue& catalogue = renderer_.catalogue();
  platform::ApiAccess& access = platform_.api_access();
  std::optional<int64_t> structure = ParsePositive(form.Get("structure"));
  std::optional<int64_t> id = PathId(request, "id");
  const std::string& path = request.path;

  // Mistakes a manager can fix are shown on the page; anything else is the error page.
  auto failed = [&](const core::Error& error) {
    if (error.code == core::ErrorCode::kInvalidArgument) {
      return ApiAccessPage(request, who, catalogue.Text("api_access.error_invalid"), nullptr, 422);
    }
    if (error.code == core::ErrorCode::kAlreadyExists) {
      return ApiAccessPage(request, who, catalogue.Text("api_access.error_taken"), nullptr, 409);
    }
    return ErrorPage(error, request, &who);
  };

  if (path == "/connexions-api/comptes" && structure) {
    auto created =
        access.CreateTechnicalAccount(who, core::StructureId(*structure), form.Get("login"));
    if (!created) return failed(created.error());
    ShownOnceData shown{std::string(catalogue.Text("api_access.new_account")),
                        std::string(catalogue.Text("api_access.login")), created->account.login,
                        std::string(catalogue.Text("api_access.password")), created->password};
    return ApiAccessPage(request, who, "", &shown, 200);
  }
  if (path == "/connexions-api/clients" && structure) {
    auto created = access.CreateClient(who, core::StructureId(*structure), form.Get("label"));
    if (!created) return failed(created.error());
    ShownOnceData shown{std::string(catalogue.Text("api_access.new_client")),
                        std::string(catalogue.Text("api_access.client_id")),
                        created->client.client_id, std::string(catalogue.Text("api_access.secret")),
                        created->secret};
    return ApiAccessPage(request, who, "", &shown, 200);
  }
  if (id && path.ends_with("/mot-de-passe")) {
    auto rotated = access.RotatePassword(who, *id);
    if (!rotated) return failed(rotated.error());
    ShownOnceData shown{std::string(catalogue.Text("api_access.rotated")),
                        std::string(catalogue.Text("api_access.login")), rotated->account.login,
                        std::string(catalogue.Text("api_access.password")), rotated->password};
    return ApiAccessPage(request, who, "", &shown, 200);
  }
  if (id && path.starts_with("/connexions-api/comptes/")) {
    if (auto revoked = access.RevokeTechnicalAccount(who, *id); !revoked) {
      return failed(revoked.error());
    }
    return http::Response::Redirect("/connexions-api");
  }
  if (id && path.starts_with("/connexions-api/clients/")) {
    if (auto revoked = access.RevokeClient(who, *id); !revoked) return failed(revoked.error());
    return http::Response::Redirect("/connexions-api");
  }
  return ErrorPage({core::ErrorCode::kMalformedInput, "API access form without its structure"},
                   request, &who);
}

}  // namespace choral::portal
