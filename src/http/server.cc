#include "http/server.h"

#include <atomic>
#include <chrono>
#include <optional>
#include <random>
#include <set>
#include <signal.h>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <restinio/all.hpp>

#include "http/error_status.h"
#include "http/form.h"

namespace choral::http {
namespace {

using Router = restinio::router::express_router_t<>;

// No connection-count limiter: RESTinio's lives in the server object while the connections it
// counts live in the io_context's handlers, and those may outlast it at shutdown (ASan caught
// the use after free). The operating system's file-descriptor limit bounds connections instead.
struct ServerTraits : restinio::default_traits_t {
  using request_handler_t = Router;
};
using RestinioServer = restinio::http_server_t<ServerTraits>;

std::optional<restinio::http_method_id_t> MethodFromName(std::string_view name) {
  if (name == "GET") return restinio::http_method_get();
  if (name == "POST") return restinio::http_method_post();
  if (name == "PUT") return restinio::http_method_put();
  if (name == "PATCH") return restinio::http_method_patch();
  if (name == "DELETE") return restinio::http_method_delete();
  if (name == "HEAD") return restinio::http_method_head();
  return std::nullopt;
}

// The names of a pattern's ":param" segments, in order; RESTinio only looks them up by name.
std::vector<std::string> ParamNames(std::string_view pattern) {
  std::vector<std::string> names;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != ':') continue;
    size_t end = i + 1;
    while (end < pattern.size() &&
           (std::isalnum(static_cast<unsigned char>(pattern[end])) || pattern[end] == '_')) {
      ++end;
    }
    names.emplace_back(pattern.substr(i + 1, end - i - 1));
    i = end - 1;
  }
  return names;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status < 500 ? "Client Error" : "Server Error";
  }
}

// A client-supplied X-Request-Id is kept when it is short and plain, so a proxy's id follows the
// request through our logs; otherwise we make one.
bool AcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Routes routes;
  std::shared_ptr<spdlog::logger> logger;

  // Declared before the io_context and the worker pool, so they outlive them: handlers still
  // queued when those are destroyed hold InFlightGuards and `this`.
  std::atomic<uint16_t> bound_port{0};
  std::atomic<int64_t> in_flight{0};
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> request_counter{0};
  std::string request_id_prefix;

  asio::io_context io_context;
  asio::thread_pool workers;
  std::unique_ptr<RestinioServer> server;
  asio::signal_set signals{io_context, SIGINT, SIGTERM};

  Impl(ServerOptions o, Routes r, std::shared_ptr<spdlog::logger> l)
      : options(std::move(o)),
        routes(std::move(r)),
        logger(std::move(l)),
        workers(static_cast<size_t>(std::max(1, options.worker_threads))) {
    std::random_device random;
    request_id_prefix = fmt::format("{:08x}", random());
  }

  std::unique_ptr<Router> BuildRouter();
  Request Convert(const restinio::request_handle_t& req, const restinio::router::route_params_t&,
                  const std::vector<std::string>& param_names);
  void Respond(const restinio::request_handle_t& req, Request request, Response response,
               std::chrono::steady_clock::time_point started);
  Response RunHandler(const Handler& handler, const Request& request);
  void BeginShutdown();
  void WaitForInFlightThenStop(std::chrono::steady_clock::time_point deadline);
};

// Decrements the in-flight count when destroyed: after the response is written, or when the
// connection vanished and RESTinio dropped the write callback.
class InFlightGuard {
 public:
  explicit InFlightGuard(std::atomic<int64_t>& counter) : counter_(counter) { ++counter_; }
  ~InFlightGuard() { --counter_; }
  InFlightGuard(const InFlightGuard&) = delete;
  InFlightGuard& operator=(const InFlightGuard&) = delete;

 private:
  std::atomic<int64_t>& counter_;
};

Request Server::Impl::Convert(const restinio::request_handle_t& req,
                              const restinio::router::route_params_t& params,
                              const std::vector<std::string>& param_names) {
  Request request;
  const auto& header = req->header();
  request.method = std::string(header.method().c_str());
  auto path = PercentDecode(header.path(), false);
  request.path = path ? std::move(*path) : std::string(header.path());
  request.query = std::string(header.query());
  header.for_each_field([&](const restinio::http_header_field_t& field) {
    std::string name = field.name();
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace(std::move(name), field.value());
  });
  for (const auto& name : param_names) {
    if (params.has(name)) {
      auto value = PercentDecode(params[name], false);
      request.path_params[name] = value ? *value : std::string(params[name]);
    }
  }
  request.body = req->body();
  request.remote_address = req->remote_endpoint().address().to_string();
  if (options.behind_tls_proxy) {
    request.secure = request.Header("x-forwarded-proto") == "https";
    // The proxy appends the address it saw last: that one it vouches for.
    std::string_view forwarded = request.Header("x-forwarded-for");
    if (!forwarded.empty()) {
      size_t comma = forwarded.rfind(',');
      std::string_view last =
          comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
      while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
      if (!last.empty()) request.remote_address = std::string(last);
    }
  }
  std::string_view given_id = request.Header("x-request-id");
  request.request_id = AcceptableRequestId(given_id)
                           ? std::string(given_id)
                           : fmt::format("{}-{}", request_id_prefix, ++request_counter);
  return request;
}

Response Server::Impl::RunHandler(const Handler& handler, const Request& request) {
  // Handlers return errors as values; an exception here is a bug in Choral, so the user gets a
  // plain 500 and the log gets what happened — never the other way round.
  try {
    return handler(request);
  } catch (const std::exception& e) {
    logger->error(nlohmann::json{
        {"msg", "handler threw"},
        {"request_id", request.request_id},
        {"path", request.path},
        {"what",
         e.what()}}.dump());
  } catch (...) {
    logger->error(
        nlohmann::json{{"msg", "handler threw a non-exception"}, {"request_id", request.request_id}}
            .dump());
  }
  return JsonError(core::Error{core::ErrorCode::kInternal,
                               "internal error; quote request id " + request.request_id});
}

void Server::Impl::Respond(const restinio::request_handle_t& req, Request request,
                           Response response, std::chrono::steady_clock::time_point started) {
  auto builder = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<uint16_t>(response.status)},
      std::string(ReasonPhrase(response.status))});
  std::set<std::string> names;
  for (auto& [name, value] : response.headers) {
    names.insert(name);
    builder.append_header(name, std::move(value));
  }
  // Defaults every response carries unless its handler chose otherwise.
  static const std::pair<const char*, const char*> kDefaults[] = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "same-origin"},
      {"Cache-Control", "no-store"}};
  for (const auto& [name, value] : kDefaults) {
    if (!names.contains(name)) builder.append_header(name, value);
  }
  builder.append_header("X-Request-Id", request.request_id);
  if (stopping) builder.connection_close();
  builder.set_body(std::move(response.body));

  int status = response.status;
  auto guard = std::make_shared<InFlightGuard>(in_flight);
  builder.done(
      [this, guard, status, started, request = std::move(request)](const asio::error_code& error) {
        if (!logger->should_log(spdlog::level::info)) return;
        auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
        nlohmann::json line = {{"msg", "request"},
                               {"request_id", request.request_id},
                               {"method", request.method},
                               {"path", request.path},
                               {"status", status},
                               {"duration_ms", static_cast<double>(micros) / 1000.0},
                               {"remote", request.remote_address}};
        if (error) line["write_error"] = error.message();
        logger->info(line.dump());
      });
}

std::unique_ptr<Router> Server::Impl::BuildRouter() {
  auto router = std::make_unique<Router>();
  for (const Route& route : routes.all()) {
    auto method = MethodFromName(route.method);
    if (!method) continue;
    auto names = ParamNames(route.pattern);
    router->add_handler(*method, route.pattern,
                        [this, &route, names](const restinio::request_handle_t& req,
                                              restinio::router::route_params_t params) {
                          auto started = std::chrono::steady_clock::now();
                          Request request = Convert(req, params, names);
                          if (route.dispatch == Dispatch::kInline) {
                            Response response = RunHandler(route.handler, request);
                            Respond(req, std::move(request), std::move(response), started);
                            return restinio::request_accepted();
                          }
                          // Count the request from now: a shutdown must wait for work still queued.
                          auto guard = std::make_shared<InFlightGuard>(in_flight);
                          asio::post(workers, [this, req, &route, guard, started,
                                               request = std::move(request)]() mutable {
                            Response response = RunHandler(route.handler, request);
                            Respond(req, std::move(request), std::move(response), started);
                          });
                          return restinio::request_accepted();
                        });
  }
  router->non_matched_request_handler([this](const restinio::request_handle_t& req) {
    auto started = std::chrono::steady_clock::now();
    Request request = Convert(req, restinio::router::route_params_t{}, {});
    const Handler& page = routes.not_found();
    if (!page || request.path.rfind("/api/", 0) == 0) {
      Response response =
          JsonError(core::Error{core::ErrorCode::kNotFound, "no route for " + request.path});
      Respond(req, std::move(request), std::move(response), started);
      return restinio::request_accepted();
    }
    auto guard = std::make_shared<InFlightGuard>(in_flight);
    asio::post(workers, [this, req, &page, guard, started, request = std::move(request)]() mutable {
      Response response = RunHandler(page, request);
      response.status = 404;
      Respond(req, std::move(request), std::move(response), started);
    });
    return restinio::request_accepted();
  });
  return router;
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  logger->info(nlohmann::json{{"msg", "stopping: no new connections, finishing requests"},
                              {"in_flight", in_flight.load()}}
                   .dump());
  server->close_async([] {}, [](std::exception_ptr) {});
  WaitForInFlightThenStop(std::chrono::steady_clock::now() + options.shutdown_grace);
}

void Server::Impl::WaitForInFlightThenStop(std::chrono::steady_clock::time_point deadline) {
  if (in_flight == 0 || std::chrono::steady_clock::now() >= deadline) {
    if (in_flight != 0) {
      logger->warn(nlohmann::json{{"msg", "grace period over, abandoning requests"},
                                  {"in_flight", in_flight.load()}}
                       .dump());
    }
    io_context.stop();
    return;
  }
  auto timer = std::make_shared<asio::steady_timer>(io_context, std::chrono::milliseconds(20));
  timer->async_wait(
      [this, timer, deadline](const asio::error_code&) { WaitForInFlightThenStop(deadline); });
}

Server::Server(ServerOptions options, Routes routes, std::shared_ptr<spdlog::logger> logger)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(routes), std::move(logger))) {}

Server::~Server() { impl_->workers.join(); }

core::Status Server::Listen() {
  Impl& impl = *impl_;
  const ServerOptions& o = impl.options;
  try {
    impl.server = std::make_unique<RestinioServer>(
        restinio::external_io_context(impl.io_context), [&](auto& settings) {
          settings.address(o.host)
              .port(o.port)
              .request_handler(impl.BuildRouter())
              .read_next_http_message_timelimit(std::chrono::seconds(60))
              .write_http_response_timelimit(std::chrono::seconds(60))
              .handle_request_timeout(std::chrono::seconds(120))
              .max_pipelined_requests(16)
              .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                            .max_url_size(8 * 1024)
                                            .max_field_name_size(1024)
                                            .max_field_value_size(16 * 1024)
                                            .max_field_count(100)
                                            .max_body_size(o.max_body_bytes))
              .acceptor_post_bind_hook([&impl](asio::ip::tcp::acceptor& acceptor) {
                impl.bound_port = acceptor.local_endpoint().port();
              });
        });
    impl.server->open_sync();
  } catch (const std::exception& e) {
    std::string what = e.what();
    std::string where = o.host + ":" + std::to_string(o.port);
    if (what.find("in use") != std::string::npos) {
      return core::Fail(core::ErrorCode::kUnavailable,
                        where +
                            " is already in use: stop the other server or choose another "
                            "address with --listen HOST:PORT");
    }
    return core::Fail(core::ErrorCode::kUnavailable, "cannot listen on " + where + ": " + what);
  }
  return core::Ok();
}

uint16_t Server::port() const { return impl_->bound_port; }

core::Status Server::Run() {
  Impl& impl = *impl_;
  if (!impl.server) return core::Fail(core::ErrorCode::kInternal, "Run() before Listen()");
  impl.signals.async_wait([&impl](const asio::error_code& error, int) {
    if (!error) impl.BeginShutdown();
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < std::max(1, impl.options.io_threads); ++i) {
    threads.emplace_back([&impl] { impl.io_context.run(); });
  }
  impl.io_context.run();
  for (auto& t : threads) t.join();
  impl.workers.join();
  impl.server->close_sync();
  return core::Ok();
}

void Server::Stop() {
  asio::post(impl_->io_context, [impl = impl_.get()] { impl->BeginShutdown(); });
}

}  // namespace choral::http
