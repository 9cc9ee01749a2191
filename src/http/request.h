// Request and Response: the transport-neutral view of one HTTP exchange that route handlers see.
// RESTinio stays inside server.cc, so handlers (API and portal pages) compile and test without it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace choral::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // "/login", without the query string, percent-decoded
  std::string query;   // raw query string, without '?'
  std::map<std::string, std::string> headers;      // names lower-cased
  std::map<std::string, std::string> path_params;  // ":id" segments of the route pattern
  std::string body;
  std::string remote_address;  // peer IP address
  std::string request_id;      // echoed in X-Request-Id and in every log line
  bool secure = false;         // the client reached us over TLS (directly or through the proxy)

  // The header's value, or "" when absent. `name` is lower-case.
  std::string_view Header(std::string_view name) const;
  // The cookie's value from the Cookie header, if present.
  std::optional<std::string> Cookie(std::string_view name) const;
  // A decoded query parameter, if present.
  std::optional<std::string> QueryParam(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response Html(std::string html, int status = 200);
  static Response Json(std::string json, int status = 200);
  static Response Text(std::string text, int status = 200);
  // 303 See Other: after a form post, the browser GETs `location`.
  static Response Redirect(std::string location);

  Response& AddHeader(std::string name, std::string value);
};

// The Set-Cookie header for a session-like cookie: HttpOnly, SameSite=Strict, Path=/, Secure
// when `secure`. `max_age_seconds` < 0 leaves it a browser-session cookie; 0 deletes it.
std::string SessionCookie(std::string_view name, std::string_view value, bool secure,
                          long max_age_seconds);

}  // namespace choral::http
