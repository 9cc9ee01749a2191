// Support's appointment of a main manager (pages.h): platform administrators see the structures
// left without one, and appoint one on the certificate signed by the structure's head. The same
// page deactivates an account by its login.
#include "http/form.h"
#include "http/multipart.h"
#include "platform/permissions.h"
#include "portal/invoice_view_models.h"
#include "portal/pages.h"
#include "portal/refusal_text.h"
#include "portal/view_models.h"

namespace choral::portal {
namespace {

// The certificate's limit is an attachment's; the other fields are short.
constexpr size_t kMaxCertificateFormBytes = platform::kMaxAttachmentBytes;

}  // namespace

http::Response Pages::SupportMainManagerForm(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  return SupportMainManagerPage(request, **actor, {}, request.QueryParam("fait").has_value(), 200);
}

http::Response Pages::SupportMainManagerPage(const http::Request& request,
                                             const platform::Actor& who,
                                             const SupportFormState& state, bool done,
                                             int status) const {
  const Catalogue& catalogue = renderer_.catalogue();
  auto flagged = platform_.main_manager().Flagged(who);
  if (!flagged) return ErrorPage(flagged.error(), request, &who);
  mstch::array rows;
  for (const auto& f : *flagged) {
    rows.push_back(mstch::map{
        {"name", f.name},
        {"identifier", DisplayIdentifier(directory::IdentifierType::kSiret, f.identifier)},
        {"reason", f.reason},
        {"when", FormatTimestamp(f.flagged_at)}});
  }
  auto field_error = [&](const std::string& field) -> mstch::node {
    return state.error_field == field ? mstch::node(state.error) : mstch::node(std::string());
  };
  mstch::map data{{"csrf_token", who.csrf_token},
                  {"flagged", std::move(rows)},
                  {"has_flagged", !flagged->empty()},
                  {"siret", state.siret},
                  {"login", state.login},
                  {"reason", state.reason},
                  {"siret_error", field_error("siret")},
                  {"login_error", field_error("login")},
                  {"reason_error", field_error("reason")},
                  {"certificate_error", field_error("certificate")},
                  {"done", done},
                  {"deactivate_login", state.deactivate_login},
                  {"deactivate_error", state.deactivate_error},
                  {"deactivated", request.QueryParam("desactive").has_value()}};
  Page page{"support_main_manager", std::string(catalogue.Text("support.title")),
            NavEntry::kSupport, std::move(data), status};
  return Render(std::move(page), who);
}

http::Response Pages::SupportAssignMainManager(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  // Who may act is asked before the form is read: an outsider gets a refusal, not a form error.
  if (auto may = platform::MaySupport(who); !may) return ErrorPage(may.error(), request, &who);
  const Catalogue& catalogue = renderer_.catalogue();
  auto form = http::Multipart::Parse(request.Header("content-type"), request.body,
                                     {.max_parts = 8, .max_part_bytes = kMaxCertificateFormBytes});
  if (!form) {
    if (form.error().code == core::ErrorCode::kInvalidArgument) {
      SupportFormState state;
      state.error_field = "certificate";
      state.error = std::string(catalogue.Text("support.error_too_big"));
      return SupportMainManagerPage(request, who, state, false, 413);
    }
    return ErrorPage(form.error(), request, &who);
  }
  if (!CsrfMatches(form->Get(kCsrfField), who.csrf_token)) {
    return ErrorPage(
        {core::ErrorCode::kPermissionDenied, "support form's CSRF token does not match"}, request,
        &who);
  }
  SupportFormState state;
  state.siret = std::string(form->Get("siret"));
  state.login = std::string(form->Get("login"));
  state.reason = std::string(form->Get("motif"));
  const http::MultipartPart* certificate = form->Find("attestation");
  // Empty fields are named here, next to their field; the rules' refusals come from platform.
  if (state.siret.empty()) {
    state.error_field = "siret";
  } else if (state.login.empty()) {
    state.error_field = "login";
  } else if (state.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    state.error_field = "reason";
  } else if (certificate == nullptr || certificate->body.empty()) {
    state.error_field = "certificate";
  }
  if (!state.error_field.empty()) {
    state.error = std::string(catalogue.Text("support.error_required"));
    return SupportMainManagerPage(request, who, state, false, 422);
  }
  platform::MainManagerAssignment assignment{
      state.siret,
      state.login,
      state.reason,
      {certificate->filename.value_or("attestation"), certificate->body}};
  auto assigned = platform_.main_manager().Assign(who, assignment);
  if (!assigned) {
    const core::Error& error = assigned.error();
    if (error.code == core::ErrorCode::kPermissionDenied ||
        error.code == core::ErrorCode::kUnavailable || error.code == core::ErrorCode::kInternal) {
      return ErrorPage(error, request, &who);
    }
    // Which field the refusal is about, from the rule that refused it.
    const std::string& m = error.message;
    state.error_field = m.find("SIRET") != std::string::npos || m.find("structure") == 0 ||
                                m.find("no structure") != std::string::npos
                            ? "siret"
                        : m.find("attachment") != std::string::npos ? "certificate"
                                                                    : "login";
    if (m.find("attachment '") == 0 || m.find("certificate") != std::string::npos) {
      state.error_field = "certificate";
    }
    state.error = RefusalText(catalogue, error);
    return SupportMainManagerPage(request, who, state, false, 422);
  }
  return http::Response::Redirect("/support/gestionnaire-principal?fait=1");
}

http::Response Pages::SupportDeactivateAccount(const http::Request& request) {
  auto posted = ReadPostedForm(request, "deactivation", [&](const platform::Actor& who) {
    return platform::MaySupport(who);
  });
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  const Catalogue& catalogue = renderer_.catalogue();
  SupportFormState state;
  state.deactivate_login = form.Get("login");
  if (state.deactivate_login.empty()) {
    state.deactivate_error = std::string(catalogue.Text("support.error_required"));
    return SupportMainManagerPage(request, who, state, false, 422);
  }
  auto deactivated = platform_.main_manager().DeactivateAccountByLogin(who, state.deactivate_login);
  if (!deactivated) {
    const core::ErrorCode code = deactivated.error().code;
    if (code != core::ErrorCode::kInvalidArgument && code != core::ErrorCode::kConflict) {
      return ErrorPage(deactivated.error(), request, &who);
    }
    state.deactivate_error = RefusalText(catalogue, deactivated.error());
    return SupportMainManagerPage(request, who, state, false, 422);
  }
  return http::Response::Redirect("/support/gestionnaire-principal?desactive=1");
}

}  // namespace choral::portal
