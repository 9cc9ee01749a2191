// "Mon compte": the profile and password forms and the list of the person's attachments. Each
// POST checks the session's CSRF token, calls one platform use case, and redirects or re-renders.
#include "portal/account_view_models.h"
#include "portal/pages.h"
#include "portal/view_models.h"

namespace choral::portal {
namespace {

using core::ErrorCode;

const FieldSpec kFirstName{"first_name", "accountform.field_first_name", "text", "given-name"};
const FieldSpec kLastName{"last_name", "accountform.field_last_name", "text", "family-name"};
const FieldSpec kCurrentPassword{"current_password", "accountform.field_current_password",
                                 "password", "current-password"};
const FieldSpec kNewPassword{"new_password", "accountform.field_new_password", "password",
                             "new-password", "accountform.hint_password"};

std::string ValueOf(const std::vector<std::pair<std::string, std::string>>& values,
                    std::string_view name, std::string fallback) {
  for (const auto& [key, value] : values) {
    if (key == name) return value;
  }
  return fallback;
}

}  // namespace

http::Response Pages::AccountPage(
    const http::Request& request, const platform::Actor& actor,
    const std::vector<std::pair<std::string, std::string>>& profile_values,
    const platform::FieldProblems& profile_problems,
    const platform::FieldProblems& password_problems, std::string_view password_error,
    std::string_view notice, int status) const {
  auto profile = platform_.account_settings().Get(actor);
  if (!profile) return ErrorPage(profile.error(), request, &actor);
  const Catalogue& catalogue = renderer_.catalogue();
  mstch::map data = AccountData(catalogue, actor);
  mstch::array attachments = AttachmentRows(catalogue, profile->attachments);
  data["has_attachments"] = !attachments.empty();
  data["attachments"] = std::move(attachments);
  data["csrf_token"] = actor.csrf_token;
  data["profile_fields"] = mstch::array{
      FieldData(catalogue, kFirstName,
                ValueOf(profile_values, kFirstName.name, profile->first_name), profile_problems),
      FieldData(catalogue, kLastName, ValueOf(profile_values, kLastName.name, profile->last_name),
                profile_problems),
  };
  data["password_fields"] = mstch::array{
      FieldData(catalogue, kCurrentPassword, "", password_problems),
      FieldData(catalogue, kNewPassword, "", password_problems),
  };
  if (!password_error.empty()) data["password_error"] = std::string(password_error);
  data["handed_over"] = request.QueryParam("passation").has_value();
  data["has_notice"] = !notice.empty();
  data["notice"] = std::string(notice);
  Page page{"account", std::string(catalogue.Text("account.title")), NavEntry::kAccount,
            std::move(data), status};
  return Render(std::move(page), actor);
}

http::Response Pages::Account(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  std::string notice;
  if (request.QueryParam("info") == "profil-enregistre") {
    notice = renderer_.catalogue().Text("account.profile_saved");
  }
  return AccountPage(request, **actor, {}, {}, {}, "", notice, 200);
}

http::Response Pages::UpdateProfile(const http::Request& request) {
  auto posted = ReadPostedForm(request, "profile");
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  const std::string& first = form.Get("first_name");
  const std::string& last = form.Get("last_name");
  auto problems = platform_.account_settings().UpdateProfile(who, first, last);
  if (!problems) return ErrorPage(problems.error(), request, &who);
  if (!problems->empty()) {
    return AccountPage(request, who, {{"first_name", first}, {"last_name", last}}, *problems, {},
                       "", "", 200);
  }
  return http::Response::Redirect("/compte?info=profil-enregistre");
}

http::Response Pages::ChangePassword(const http::Request& request) {
  auto posted = ReadPostedForm(request, "password");
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  auto problems = platform_.account_settings().ChangePassword(who, form.Get("current_password"),
                                                              form.Get("new_password"));
  if (!problems && problems.error().code == ErrorCode::kResourceExhausted) {
    return AccountPage(request, who, {}, {}, {},
                       renderer_.catalogue().Text("accountform.throttled"), "", 429);
  }
  if (!problems) return ErrorPage(problems.error(), request, &who);
  if (!problems->empty()) {
    return AccountPage(request, who, {}, {}, *problems,
                       renderer_.catalogue().Text("accountform.fix_fields"), "", 200);
  }
  // Every session of the account ended with the change: log in again with the new password.
  http::Response to_login = http::Response::Redirect("/login?info=mot-de-passe-change");
  to_login.AddHeader("Set-Cookie", Cookie(kSessionCookie, "", request, 0));
  AddPageHeaders(to_login);
  return to_login;
}

}  // namespace choral::portal
