// Server: serves a Routes table over HTTP/1.1 with RESTinio: a few I/O threads run the
// connections asynchronously, a worker pool runs the handlers that touch the database.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "core/result.h"
#include "http/routes.h"

namespace choral::http {

struct ServerOptions {
  std::string host = "127.0.0.1";            // address to listen on; "0.0.0.0" for every interface
  uint16_t port = 8080;                      // 0 picks a free port (see Server::port)
  int io_threads = 2;                        // threads running the connections (asio)
  int worker_threads = 4;                    // threads running kWorker handlers (database, disk)
  size_t max_body_bytes = 25 * 1024 * 1024;  // larger requests are refused before the handler
  // Trust X-Forwarded-Proto from the reverse proxy that terminates TLS: Request::secure, and so
  // the cookies' Secure attribute, follow it. Leave false when clients connect directly.
  bool behind_tls_proxy = false;
  // On SIGTERM/SIGINT, in-flight requests get this long to finish before the process exits.
  std::chrono::seconds shutdown_grace{20};
};

class Server {
 public:
  // `logger` receives one JSON access line per request (at info level) and errors.
  Server(ServerOptions options, Routes routes, std::shared_ptr<spdlog::logger> logger);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket. kUnavailable "127.0.0.1:8080 is already in use ..." or
  // "cannot listen on ..." with what to fix.
  core::Status Listen();

  // The bound port (after Listen).
  uint16_t port() const;

  // Serves until SIGTERM/SIGINT or Stop(); then stops accepting, lets in-flight requests finish
  // (up to shutdown_grace) and returns. Requires Listen() to have succeeded.
  core::Status Run();

  // Asks Run() to stop as a signal would. Thread-safe.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace choral::http
