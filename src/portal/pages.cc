#include "portal/pages.h"

#include <algorithm>

#include "core/siret.h"
#include "http/error_status.h"
#include "http/form.h"
#include "platform/password_hasher.h"
#include "portal/directory_search_data.h"
#include "portal/page_params.h"
#include "portal/view_models.h"

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

}  // namespace

bool CsrfMatches(std::string_view submitted, std::string_view expected) {
  return !submitted.empty() && !expected.empty() &&
         platform::ConstantTimeEquals(submitted, expected);
}

std::string Pages::Cookie(std::string_view name, std::string_view value,
                          const http::Request& request, long max_age_seconds) const {
  return http::SessionCookie(name, value, request.secure || secure_cookies_, max_age_seconds);
}

core::Result<std::optional<platform::Actor>> Pages::CurrentActor(const http::Request& request) {
  std::optional<std::string> token = request.Cookie(kSessionCookie);
  if (!token || token->empty()) return std::optional<platform::Actor>();
  auto actor = platform_.authentication().Authenticate(*token);
  if (actor) return std::optional<platform::Actor>(std::move(*actor));
  if (actor.error().code == ErrorCode::kPermissionDenied) return std::optional<platform::Actor>();
  return core::Fail(actor.error());
}

http::Response Pages::LoginPage(std::string_view csrf_token, std::string_view email,
                                std::string_view error, int status, std::string_view notice) const {
  const Catalogue& catalogue = renderer_.catalogue();
  Page page{"login", std::string(catalogue.Text("login.title")), NavEntry::kNone, {}, status};
  page.data = mstch::map{
      {"csrf_token", std::string(csrf_token)},
      {"email", std::string(email)},
      {"has_error", !error.empty()},
      {"error", std::string(error)},
      {"on_login_page", true},
      {"has_notice", !notice.empty()},
      {"notice", std::string(notice)},
  };
  return renderer_.Render(page, nullptr);
}

http::Response Pages::LoginForm(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (actor && *actor) return http::Response::Redirect("/");
  std::optional<std::string> token = request.Cookie(kLoginCsrfCookie);
  bool fresh = !token || !LooksLikeToken(*token);
  if (fresh) token = platform::RandomHex(kCsrfBytes);
  http::Response response = LoginPage(*token, "", "", 200);
  if (request.QueryParam("info") == "mot-de-passe-change") {
    response = LoginPage(*token, "", "", 200, renderer_.catalogue().Text("login.password_changed"));
  } else if (request.QueryParam("info") == "compte-ferme") {
    response = LoginPage(*token, "", "", 200, renderer_.catalogue().Text("login.account_closed"));
  }
  if (fresh) response.AddHeader("Set-Cookie", Cookie(kLoginCsrfCookie, *token, request, -1));
  return response;
}

http::Response Pages::Login(const http::Request& request) {
  auto form = http::Form::Parse(request.body);
  if (!form) return ErrorPage(form.error(), request, nullptr);
  std::optional<std::string> cookie = request.Cookie(kLoginCsrfCookie);
  if (!cookie || !CsrfMatches(form->Get(kCsrfField), *cookie)) {
    return ErrorPage({ErrorCode::kPermissionDenied, "login form's CSRF token does not match"},
                     request, nullptr);
  }
  const Catalogue& catalogue = renderer_.catalogue();
  const std::string& email = form->Get("email");
  const std::string& password = form->Get("password");
  if (email.empty() || password.empty()) {
    return LoginPage(*cookie, email, catalogue.Text("login.error_missing"), 200);
  }
  // The browser's previous session, if any, ends with this login (rotation).
  auto result = platform_.authentication().Login(
      platform::LoginRequest{email, password, request.remote_address},
      request.Cookie(kSessionCookie).value_or(""));
  if (!result) {
    switch (result.error().code) {
      case ErrorCode::kPermissionDenied:
      case ErrorCode::kInvalidArgument:
        return LoginPage(*cookie, email, catalogue.Text("login.error_wrong"), 200);
      case ErrorCode::kResourceExhausted:
        return LoginPage(*cookie, email, catalogue.Text("login.error_throttled"), 429);
      default:
        return ErrorPage(result.error(), request, nullptr);
    }
  }
  http::Response response = http::Response::Redirect("/");
  response.AddHeader("Set-Cookie", Cookie(kSessionCookie, result->session_token, request, -1));
  // The session has its own CSRF token from now on.
  response.AddHeader("Set-Cookie", Cookie(kLoginCsrfCookie, "", request, 0));
  AddPageHeaders(response);
  return response;
}

http::Response Pages::Logout(const http::Request& request) {
  http::Response to_login = http::Response::Redirect("/login");
  to_login.AddHeader("Set-Cookie", Cookie(kSessionCookie, "", request, 0));
  AddPageHeaders(to_login);

  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return to_login;  // already logged out: nothing to protect
  auto form = http::Form::Parse(request.body);
  if (!form) return ErrorPage(form.error(), request, &**actor);
  if (!CsrfMatches(form->Get(kCsrfField), (*actor)->csrf_token)) {
    return ErrorPage({ErrorCode::kPermissionDenied, "logout form's CSRF token does not match"},
                     request, &**actor);
  }
  if (auto status = platform_.authentication().Logout(*request.Cookie(kSessionCookie)); !status) {
    return ErrorPage(status.error(), request, &**actor);
  }
  return to_login;
}

http::Response Pages::Home(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  auto view = platform_.dashboard().Home(**actor);
  if (!view) return ErrorPage(view.error(), request, &**actor);
  const Catalogue& catalogue = renderer_.catalogue();
  Page page{"home", std::string(catalogue.Text("home.title")), NavEntry::kHome,
            HomeData(catalogue, **actor, *view)};
  return Render(std::move(page), **actor);
}

http::Response Pages::Directory(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  const platform::Actor* who = *actor ? &**actor : nullptr;
  const Catalogue& catalogue = renderer_.catalogue();
  Page page{"directory", std::string(catalogue.Text("directory.title")), NavEntry::kDirectory};
  std::optional<std::string> query = request.QueryParam("q");
  std::optional<std::string> siret = request.QueryParam("siret");
  page.data["query"] = query ? *query : siret.value_or("");
  page.data["has_error"] = false;
  auto render = [&]() {
    return who != nullptr ? Render(std::move(page), *who) : renderer_.Render(page, nullptr);
  };
  std::optional<std::string> error;

  if (query) {
    // A complete SIRET names one structure: its detail is the answer, at its own address.
    if (auto exact = core::Siret::Parse(*query)) {
      return http::Response::Redirect("/annuaire?siret=" + exact->digits());
    }
    constexpr int kPageSize = 20;
    int page_number = static_cast<int>(std::min<int64_t>(
        ParsePositive(request.QueryParam("page").value_or("")).value_or(1), 1'000'000));
    auto found = platform_.public_directory().Search(*query, page_number, kPageSize);
    if (found) {
      page.data["list"] = DirectorySearchData(catalogue, *found, *query, page_number, kPageSize);
    } else if (found.error().code == ErrorCode::kInvalidArgument) {
      error = std::string(catalogue.Text("directory.error_text_length"));
    } else {
      return ErrorPage(found.error(), request, who);
    }
  } else if (siret) {
    error = SiretInputError(catalogue, *siret);
    if (!error) {
      auto found = platform_.public_directory().FindBySiret(*siret);
      if (found) {
        page.data["result"] = DirectoryResult(catalogue, *found);
      } else if (found.error().code == ErrorCode::kNotFound) {
        error = catalogue.Format("directory.error_not_found",
                                 {{"siret", core::Siret::Parse(*siret)->ToDisplay()}});
      } else if (found.error().code == ErrorCode::kInvalidArgument) {
        error = catalogue.Format("directory.error_length", {{"siret", *siret}});
      } else {
        return ErrorPage(found.error(), request, who);
      }
    }
  }
  if (error) {
    page.data["has_error"] = true;
    page.data["error"] = *error;
  }
  return render();
}

http::Response Pages::Static(const http::Request& request) const {
  auto it = request.path_params.find("path");
  return static_files_.Serve(it == request.path_params.end() ? "" : it->second, request);
}

tl::expected<Pages::PostedForm, http::Response> Pages::ReadPostedForm(
    const http::Request& request, std::string_view form_name,
    const std::function<core::Status(const platform::Actor&)>& may) {
  auto actor = CurrentActor(request);
  if (!actor) return tl::unexpected(ErrorPage(actor.error(), request, nullptr));
  if (!*actor) return tl::unexpected(http::Response::Redirect("/login"));
  const platform::Actor& who = **actor;
  if (may) {
    if (auto allowed = may(who); !allowed) {
      return tl::unexpected(ErrorPage(allowed.error(), request, &who));
    }
  }
  auto form = http::Form::Parse(request.body);
  if (!form) return tl::unexpected(ErrorPage(form.error(), request, &who));
  if (!CsrfMatches(form->Get(kCsrfField), who.csrf_token)) {
    return tl::unexpected(ErrorPage({ErrorCode::kPermissionDenied,
                                     std::string(form_name) + " form's CSRF token does not match"},
                                    request, &who));
  }
  return PostedForm{std::move(**actor), std::move(*form)};
}

http::Response Pages::NotFound(const http::Request& request) {
  // The header shows who is logged in when that can be known; a failing session lookup must
  // not turn a 404 into a 500.
  auto actor = CurrentActor(request);
  const platform::Actor* who = actor && *actor ? &**actor : nullptr;
  return ErrorPage({ErrorCode::kNotFound, "no page at " + request.path}, request, who);
}

http::Response Pages::ErrorPage(const core::Error& error, const http::Request& request,
                                const platform::Actor* actor) const {
  int status = http::HttpStatusFor(error.code);
  std::string_view kind;
  switch (status) {
    case 400:
    case 422:
      kind = "bad_request";
      break;
    case 403:
      kind = "forbidden";
      break;
    case 404:
      kind = "not_found";
      break;
    case 429:
      kind = "busy";
      break;
    case 503:
      kind = "unavailable";
      break;
    default:
      return InternalErrorPage(request);
  }
  const Catalogue& catalogue = renderer_.catalogue();
  std::string prefix = "error." + std::string(kind);
  Page page{"error", std::string(catalogue.Text(prefix + "_title")), NavEntry::kNone, {}, status};
  page.data = mstch::map{
      {"error_title", page.title},
      {"error_text", std::string(catalogue.Text(prefix + "_text"))},
  };
  if (status == 503 && !request.request_id.empty()) {
    page.data["reference"] =
        catalogue.Format("error.reference", {{"request_id", request.request_id}});
  }
  return renderer_.Render(page, actor);
}

http::Response Pages::InternalErrorPage(const http::Request& request) const {
  const Catalogue& catalogue = renderer_.catalogue();
  Page page{"error", std::string(catalogue.Text("error.internal_title")), NavEntry::kNone, {}, 500};
  page.data = mstch::map{
      {"error_title", page.title},
      {"error_text", std::string(catalogue.Text("error.internal_text"))},
  };
  if (!request.request_id.empty()) {
    page.data["reference"] =
        catalogue.Format("error.reference", {{"request_id", request.request_id}});
  }
  return renderer_.Render(page, nullptr);
}

}  // namespace choral::portal
