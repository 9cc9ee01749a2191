// Config: how `choral` is set up — defaults, then a TOML file, then CHORAL_* environment
// variables, then command-line flags, each overriding the one before.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace choral::cli {

struct Config {
  std::string host = "127.0.0.1";  // [server] listen = "HOST:PORT"
  uint16_t port = 8080;
  int io_threads = 2;              // [server] io_threads
  int worker_threads = 4;          // [server] worker_threads
  bool behind_tls_proxy = false;   // [server] behind_tls_proxy
  std::string web_root;            // [server] web_root; "" = found beside the executable
  std::string data_dir = "data";   // [storage] data
  std::string database_url;        // [storage] database; "" = SQLite in data_dir
  std::string log_level = "info";  // [log] level: trace, debug, info, warn, error
  int pdf_workers = 0;             // [pdf] workers: PDF worker processes; 0 = one per core
};

// Reads a TOML file over `config`. kInvalidArgument "FILE:LINE:COL: what" for a syntax error,
// an unknown key or a value of the wrong type; kNotFound when the file does not exist.
core::Status LoadConfigFile(const std::string& path, Config& config);

// Applies CHORAL_LISTEN, CHORAL_DATA, CHORAL_DATABASE_URL and CHORAL_LOG_LEVEL when set.
core::Status ApplyEnvironment(Config& config);

// Parses "HOST:PORT" ("[::1]:8080" for IPv6) into the config. kInvalidArgument naming the value.
core::Status SetListen(std::string_view listen, Config& config);

// Checks the log level name. kInvalidArgument listing the valid names.
core::Status CheckLogLevel(std::string_view level);

}  // namespace choral::cli
