#include "http/request.h"

#include "http/form.h"

namespace choral::http {

std::string_view Request::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string_view() : std::string_view(it->second);
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  // RFC 6265 §5.4: "name=value" pairs separated by "; ".
  std::string_view rest = Header("cookie");
  while (!rest.empty()) {
    size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      std::string_view value = pair.substr(eq + 1);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
  }
  return std::nullopt;
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  auto form = Form::Parse(query);
  if (!form || !form->Has(name)) return std::nullopt;
  return form->Get(name);
}

namespace {

Response WithBody(std::string body, const char* content_type, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", content_type);
  return r;
}

}  // namespace

Response Response::Html(std::string html, int status) {
  return WithBody(std::move(html), "text/html; charset=utf-8", status);
}

Response Response::Json(std::string json, int status) {
  return WithBody(std::move(json), "application/json", status);
}

Response Response::Text(std::string text, int status) {
  return WithBody(std::move(text), "text/plain; charset=utf-8", status);
}

Response Response::Redirect(std::string location) {
  Response r;
  r.status = 303;
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

Response& Response::AddHeader(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string SessionCookie(std::string_view name, std::string_view value, bool secure,
                          long max_age_seconds) {
  std::string cookie;
  cookie.append(name).append("=").append(value).append("; Path=/; HttpOnly; SameSite=Strict");
  if (max_age_seconds >= 0) cookie.append("; Max-Age=").append(std::to_string(max_age_seconds));
  if (secure) cookie.append("; Secure");
  return cookie;
}

}  // namespace choral::http
