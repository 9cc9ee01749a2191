// Routes: the table of (method, path pattern) -> handler that the server serves.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/request.h"

namespace choral::http {

// A handler parses the request, calls one platform function and renders the result. It must be
// thread-safe: the server calls it from several worker threads at once.
using Handler = std::function<Response(const Request&)>;

// Where a handler runs. Most touch the database or the disk and run on the worker pool; the few
// that only read memory (health, static assets) run on the I/O thread and skip a hand-off.
enum class Dispatch { kWorker, kInline };

struct Route {
  std::string method;   // "GET", "POST", ...
  std::string pattern;  // express-style: "/invoices/:id", "/static/:file(.*)"
  Handler handler;
  Dispatch dispatch = Dispatch::kWorker;
};

class Routes {
 public:
  void Add(std::string method, std::string pattern, Handler handler,
           Dispatch dispatch = Dispatch::kWorker);
  void Get(std::string pattern, Handler handler, Dispatch dispatch = Dispatch::kWorker) {
    Add("GET", std::move(pattern), std::move(handler), dispatch);
  }
  void Post(std::string pattern, Handler handler) {
    Add("POST", std::move(pattern), std::move(handler));
  }

  // Answers requests no route matched (a page for people); API paths (/api/...) always get a
  // JSON 404 instead. Runs on the worker pool.
  void SetNotFound(Handler handler) { not_found_ = std::move(handler); }

  const std::vector<Route>& all() const { return routes_; }
  const Handler& not_found() const { return not_found_; }

 private:
  std::vector<Route> routes_;
  Handler not_found_;
};

}  // namespace choral::http
