// Config: how `choral` is set up — defaults, then a TOML file, then CHORAL_* environment
// variables, then command-line flags, each overriding the one before.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace choral::cli {

// [smtp]: the mail server the outbox is sent through. No host: no mail is sent (the outbox
// keeps the messages, the portal still shows them).
struct SmtpConfig {
  std::string host;                   // [smtp] host
  uint16_t port = 0;                  // [smtp] port; 0 = the usual one for `security`
  std::string security = "starttls";  // [smtp] security: starttls, tls or none
  std::string username;               // [smtp] username; "" = no login
  std::string password;               // [smtp] password
  std::string from;                   // [smtp] from: the sender address, required with a host
};

// [mail]: how notifications are written and retried.
struct MailConfig {
  std::string public_url;  // [mail] public_url, base of links in mails; "" = http://listen
  int poll_seconds = 5;    // [mail] poll_seconds: how often the outbox is looked at
  int retry_seconds = 60;  // [mail] retry_seconds: first retry delay, doubling each time
  int max_attempts = 8;    // [mail] max_attempts: then a message is given up
};

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
  SmtpConfig smtp;
  MailConfig mail;
  int pdf_workers = 0;  // [pdf] workers: PDF worker processes; 0 = one per core
  // [validation] schema_dir: the XSD folder of structured invoices (the FNFE-MPE fr-rfe layout,
  // see formats/xsd_validator.h); "" = DefaultSchemaDir().
  std::string schema_dir;
};

// The schema folder the build was configured with (CMake's CHORAL_XSD_DIR), used when no
// [validation] schema_dir or --schemas is given. The schemas are never copied into the program.
std::string DefaultSchemaDir();

// Reads a TOML file over `config`. kInvalidArgument "FILE:LINE:COL: what" for a syntax error,
// an unknown key or a value of the wrong type; kNotFound when the file does not exist.
core::Status LoadConfigFile(const std::string& path, Config& config);

// Applies CHORAL_LISTEN, CHORAL_DATA, CHORAL_DATABASE_URL, CHORAL_LOG_LEVEL, CHORAL_SMTP_HOST,
// CHORAL_SMTP_PORT, CHORAL_SMTP_SECURITY, CHORAL_SMTP_USERNAME, CHORAL_SMTP_PASSWORD,
// CHORAL_SMTP_FROM and CHORAL_MAIL_PUBLIC_URL when set.
core::Status ApplyEnvironment(Config& config);

// Parses "HOST:PORT" ("[::1]:8080" for IPv6) into the config. kInvalidArgument naming the value.
core::Status SetListen(std::string_view listen, Config& config);

// Checks what one setting alone cannot: [smtp] from is needed once a host is given, and is a
// plain address. kInvalidArgument naming the setting.
core::Status CheckMailSettings(const Config& config);

// Checks the log level name. kInvalidArgument listing the valid names.
core::Status CheckLogLevel(std::string_view level);

}  // namespace choral::cli
