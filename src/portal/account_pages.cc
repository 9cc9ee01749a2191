// The account pages reached without a session: sign-up, activation link, new activation link,
// forgotten password and the new password's form. Each parses, calls one platform use case,
// renders account_form.mustache.
#include "http/error_status.h"
#include "platform/password_hasher.h"
#include "portal/account_view_models.h"
#include "portal/pages.h"

namespace choral::portal {
namespace {

using core::ErrorCode;

constexpr size_t kCsrfBytes = 32;

bool LooksLikeToken(std::string_view token) {
  if (token.size() != 2 * kCsrfBytes) return false;
  for (char c : token) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

const std::vector<FieldSpec>& SignUpFields() {
  static const std::vector<FieldSpec> kFields = {
      {"email", "accountform.field_email", "email", "username", "accountform.hint_email"},
      {"first_name", "accountform.field_first_name", "text", "given-name"},
      {"last_name", "accountform.field_last_name", "text", "family-name"},
      {"password", "accountform.field_password", "password", "new-password",
       "accountform.hint_password"},
      {"identifier_type", "accountform.field_identifier_type", "text", "off", "", true},
      {"identifier", "accountform.field_identifier", "text", "off", "accountform.hint_identifier"},
      {"company_name", "accountform.field_company_name", "text", "organization",
       "accountform.hint_company_name"},
  };
  return kFields;
}

const FieldSpec kEmailField{"email", "accountform.field_email", "email", "username"};
const FieldSpec kNewPasswordField{"password", "accountform.field_new_password", "password",
                                  "new-password", "accountform.hint_password"};

// What one account_form.mustache page shows.
struct FormPage {
  explicit FormPage(std::string title_key_in, std::string intro_key_in = "",
                    std::string action_in = "", std::string submit_key_in = "",
                    std::string csrf_token_in = "", std::string token_in = "")
      : title_key(std::move(title_key_in)),
        intro_key(std::move(intro_key_in)),
        action(std::move(action_in)),
        submit_key(std::move(submit_key_in)),
        csrf_token(std::move(csrf_token_in)),
        token(std::move(token_in)) {}

  std::string title_key;
  std::string intro_key;
  std::string action;  // "" shows no form
  std::string submit_key;
  std::string csrf_token;
  std::string token;  // the e-mailed link's token, sent back in a hidden field
  mstch::array fields;
  std::string error;
  std::string notice;
  std::vector<std::pair<std::string, std::string>> links;  // (href, catalogue key)
  int status = 200;
};

http::Response RenderForm(const Renderer& renderer, const FormPage& form) {
  const Catalogue& catalogue = renderer.catalogue();
  mstch::array links;
  for (const auto& [href, key] : form.links) {
    links.push_back(mstch::map{{"href", href}, {"label", std::string(catalogue.Text(key))}});
  }
  std::string title(catalogue.Text(form.title_key));
  Page page{"account_form", title, NavEntry::kNone, {}, form.status};
  page.data = mstch::map{
      {"form_title", title},
      {"show_form", !form.action.empty()},
      {"action", form.action},
      {"submit", std::string(catalogue.Text(form.submit_key))},
      {"csrf_token", form.csrf_token},
      {"fields", form.fields},
      {"has_error", !form.error.empty()},
      {"error", form.error},
      {"has_notice", !form.notice.empty()},
      {"notice", form.notice},
      {"has_links", !links.empty()},
      {"links", std::move(links)},
  };
  if (!form.intro_key.empty()) page.data["intro"] = std::string(catalogue.Text(form.intro_key));
  if (!form.token.empty()) page.data["token"] = form.token;
  return renderer.Render(page, nullptr);
}

// The sign-up form with what was typed and the rules it broke.
FormPage SignUpPage(const Catalogue& catalogue, std::string csrf, const http::Form* typed,
                    const platform::FieldProblems& problems) {
  FormPage form("signup.title", "signup.intro", "/inscription", "signup.submit", std::move(csrf));
  for (const FieldSpec& spec : SignUpFields()) {
    std::string value = typed != nullptr ? typed->Get(spec.name) : "";
    if (spec.is_select && value.empty()) value = "SIRET";
    form.fields.push_back(FieldData(catalogue, spec, value, problems));
  }
  form.links = {{"/login", "signup.link_login"}, {"/activation/renvoyer", "signup.link_resend"}};
  return form;
}

// The French sentence for a failed e-mailed link.
std::string LinkErrorText(const Catalogue& catalogue, ErrorCode code) {
  switch (code) {
    case ErrorCode::kConflict:
      return std::string(catalogue.Text("accountform.link_used"));
    case ErrorCode::kPermissionDenied:
      return std::string(catalogue.Text("accountform.link_expired"));
    default:
      return std::string(catalogue.Text("accountform.link_invalid"));
  }
}

bool IsLinkError(ErrorCode code) {
  return code == ErrorCode::kNotFound || code == ErrorCode::kConflict ||
         code == ErrorCode::kPermissionDenied;
}

}  // namespace

std::string Pages::AnonymousCsrf(const http::Request& request, bool& fresh) const {
  std::optional<std::string> token = request.Cookie(kLoginCsrfCookie);
  fresh = !token || !LooksLikeToken(*token);
  return fresh ? platform::RandomHex(kCsrfBytes) : *token;
}

core::Status Pages::CheckAnonymousCsrf(const http::Request& request, const http::Form& form) const {
  std::optional<std::string> cookie = request.Cookie(kLoginCsrfCookie);
  if (!cookie || !CsrfMatches(form.Get(kCsrfField), *cookie)) {
    return core::Fail(ErrorCode::kPermissionDenied, "form's CSRF token does not match");
  }
  return core::Ok();
}

http::Response Pages::SignUpForm(const http::Request& request) {
  bool fresh = false;
  std::string csrf = AnonymousCsrf(request, fresh);
  http::Response response =
      RenderForm(renderer_, SignUpPage(renderer_.catalogue(), csrf, nullptr, {}));
  if (fresh) response.AddHeader("Set-Cookie", Cookie(kLoginCsrfCookie, csrf, request, -1));
  return response;
}

http::Response Pages::SignUp(const http::Request& request) {
  auto form = http::Form::Parse(request.body);
  if (!form) return ErrorPage(form.error(), request, nullptr);
  if (auto csrf = CheckAnonymousCsrf(request, *form); !csrf) {
    return ErrorPage(csrf.error(), request, nullptr);
  }
  const Catalogue& catalogue = renderer_.catalogue();
  const std::string csrf = form->Get(kCsrfField);
  platform::SignUpRequest sign_up{form->Get("email"),           form->Get("first_name"),
                                  form->Get("last_name"),       form->Get("password"),
                                  form->Get("identifier_type"), form->Get("identifier"),
                                  form->Get("company_name"),    request.remote_address};
  auto problems = platform_.sign_up().Register(sign_up);
  if (!problems) {
    if (problems.error().code != ErrorCode::kResourceExhausted) {
      return ErrorPage(problems.error(), request, nullptr);
    }
    FormPage page = SignUpPage(catalogue, csrf, &*form, {});
    page.error = catalogue.Text("accountform.throttled");
    page.status = 429;
    return RenderForm(renderer_, page);
  }
  if (!problems->empty()) {
    FormPage page = SignUpPage(catalogue, csrf, &*form, *problems);
    page.error = catalogue.Text("accountform.fix_fields");
    return RenderForm(renderer_, page);
  }
  FormPage done("signup.done_title");
  done.notice = catalogue.Text("signup.done");
  done.links = {{"/activation/renvoyer", "signup.link_resend"}, {"/login", "signup.link_login"}};
  return RenderForm(renderer_, done);
}

http::Response Pages::Activate(const http::Request& request) {
  const Catalogue& catalogue = renderer_.catalogue();
  auto activation = platform_.sign_up().Activate(request.QueryParam("jeton").value_or(""));
  FormPage page("activation.title");
  if (!activation) {
    if (!IsLinkError(activation.error().code))
      return ErrorPage(activation.error(), request, nullptr);
    page.error = LinkErrorText(catalogue, activation.error().code);
    page.status = http::HttpStatusFor(activation.error().code);
    page.links = {{"/activation/renvoyer", "signup.link_resend"}};
    return RenderForm(renderer_, page);
  }
  std::string key = activation->status == accounts::AttachmentStatus::kApproved
                        ? "activation.done_manager"
                        : "activation.done_pending";
  page.notice = catalogue.Format(key, {{"structure", activation->structure_name}});
  page.links = {{"/login", "activation.link_login"}};
  return RenderForm(renderer_, page);
}

http::Response Pages::EmailOnlyForm(const http::Request& request,
                                    const EmailOnlyPage& texts) const {
  bool fresh = false;
  std::string csrf = AnonymousCsrf(request, fresh);
  FormPage page(std::string(texts.title_key), std::string(texts.intro_key),
                std::string(texts.action), std::string(texts.submit_key), csrf);
  page.fields.push_back(FieldData(renderer_.catalogue(), kEmailField, "", {}));
  http::Response response = RenderForm(renderer_, page);
  if (fresh) response.AddHeader("Set-Cookie", Cookie(kLoginCsrfCookie, csrf, request, -1));
  return response;
}

http::Response Pages::EmailOnlyAnswer(
    const http::Request& request, const EmailOnlyPage& texts,
    const std::function<core::Status(const std::string& email)>& send) {
  auto form = http::Form::Parse(request.body);
  if (!form) return ErrorPage(form.error(), request, nullptr);
  if (auto csrf = CheckAnonymousCsrf(request, *form); !csrf) {
    return ErrorPage(csrf.error(), request, nullptr);
  }
  const Catalogue& catalogue = renderer_.catalogue();
  const std::string& email = form->Get("email");
  auto sent = send(email);
  FormPage page(std::string(texts.title_key), std::string(texts.intro_key),
                std::string(texts.action), std::string(texts.submit_key), form->Get(kCsrfField));
  platform::FieldProblems problems;
  if (!sent && sent.error().code == ErrorCode::kInvalidArgument) {
    problems.push_back({"email", "email_invalid"});
    page.error = catalogue.Text("accountform.fix_fields");
  } else if (!sent && sent.error().code == ErrorCode::kResourceExhausted) {
    page.error = catalogue.Text("accountform.throttled");
    page.status = 429;
  } else if (!sent) {
    return ErrorPage(sent.error(), request, nullptr);
  } else {
    // The same answer whether or not the address has an account (no enumeration).
    page.notice = catalogue.Text(texts.done_key);
    page.action.clear();
    page.links = {{"/login", "signup.link_login"}};
  }
  page.fields.push_back(FieldData(catalogue, kEmailField, email, problems));
  return RenderForm(renderer_, page);
}

namespace {

constexpr EmailOnlyPage kResendPage{"resend.title", "resend.intro", "resend.submit", "resend.done",
                                    "/activation/renvoyer"};
constexpr EmailOnlyPage kForgotPage{"forgot.title", "forgot.intro", "forgot.submit", "forgot.done",
                                    "/mot-de-passe/oubli"};

}  // namespace

http::Response Pages::ResendForm(const http::Request& request) {
  return EmailOnlyForm(request, kResendPage);
}

http::Response Pages::Resend(const http::Request& request) {
  return EmailOnlyAnswer(request, kResendPage, [&](const std::string& email) {
    return platform_.sign_up().ResendActivation(email, request.remote_address);
  });
}

http::Response Pages::ForgotForm(const http::Request& request) {
  return EmailOnlyForm(request, kForgotPage);
}

http::Response Pages::Forgot(const http::Request& request) {
  return EmailOnlyAnswer(request, kForgotPage, [&](const std::string& email) {
    return platform_.password_reset().Request(email, request.remote_address);
  });
}

http::Response Pages::NewPasswordForm(const http::Request& request) {
  const Catalogue& catalogue = renderer_.catalogue();
  const std::string token = request.QueryParam("jeton").value_or("");
  auto usable = platform_.password_reset().Check(token);
  bool fresh = false;
  std::string csrf = AnonymousCsrf(request, fresh);
  FormPage page("newpassword.title", "newpassword.intro", "/mot-de-passe/nouveau",
                "newpassword.submit", csrf, token);
  if (!usable) {
    if (!IsLinkError(usable.error().code)) return ErrorPage(usable.error(), request, nullptr);
    page.action.clear();
    page.token.clear();
    page.error = LinkErrorText(catalogue, usable.error().code);
    page.status = http::HttpStatusFor(usable.error().code);
    page.links = {{"/mot-de-passe/oubli", "newpassword.link_forgot"}};
  } else {
    page.fields.push_back(FieldData(catalogue, kNewPasswordField, "", {}));
  }
  http::Response response = RenderForm(renderer_, page);
  if (fresh) response.AddHeader("Set-Cookie", Cookie(kLoginCsrfCookie, csrf, request, -1));
  return response;
}

http::Response Pages::NewPassword(const http::Request& request) {
  auto form = http::Form::Parse(request.body);
  if (!form) return ErrorPage(form.error(), request, nullptr);
  if (auto csrf = CheckAnonymousCsrf(request, *form); !csrf) {
    return ErrorPage(csrf.error(), request, nullptr);
  }
  const Catalogue& catalogue = renderer_.catalogue();
  const std::string& token = form->Get("jeton");
  auto problems = platform_.password_reset().Reset(token, form->Get("password"));
  FormPage page("newpassword.title", "newpassword.intro", "/mot-de-passe/nouveau",
                "newpassword.submit", form->Get(kCsrfField), token);
  if (!problems) {
    if (!IsLinkError(problems.error().code)) return ErrorPage(problems.error(), request, nullptr);
    page.action.clear();
    page.token.clear();
    page.error = LinkErrorText(catalogue, problems.error().code);
    page.status = http::HttpStatusFor(problems.error().code);
    page.links = {{"/mot-de-passe/oubli", "newpassword.link_forgot"}};
  } else if (!problems->empty()) {
    page.error = catalogue.Text("accountform.fix_fields");
    page.fields.push_back(FieldData(catalogue, kNewPasswordField, "", *problems));
  } else {
    page.action.clear();
    page.token.clear();
    page.notice = catalogue.Text("newpassword.done");
    page.links = {{"/login", "signup.link_login"}};
  }
  return RenderForm(renderer_, page);
}

}  // namespace choral::portal
