#include "cli/config.h"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <toml++/toml.h>

#include "mail/message.h"
#include "mail/smtp_sender.h"

namespace choral::cli {
namespace {

core::Status UnknownKeys(const toml::table& table, std::string_view section,
                         const std::set<std::string_view>& known, const std::string& path) {
  for (const auto& [key, value] : table) {
    if (!known.contains(key.str())) {
      return core::Fail(
          core::ErrorCode::kInvalidArgument,
          path + ": unknown key " + std::string(section) + "." + std::string(key.str()));
    }
  }
  return core::Ok();
}

core::Status WrongType(const std::string& path, std::string_view key, std::string_view expected) {
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    path + ": " + std::string(key) + " must be " + std::string(expected));
}

// Reads `table[key]` as a string into `target` when present.
core::Status ReadString(const toml::table& table, std::string_view section, std::string_view key,
                        const std::string& path, std::string& target) {
  auto node = table[key];
  if (!node) return core::Ok();
  auto value = node.value<std::string>();
  if (!value) return WrongType(path, std::string(section) + "." + std::string(key), "a string");
  target = *value;
  return core::Ok();
}

// Reads `table[key]` as an integer from `low` to `high` into `target` when present.
template <typename Int>
core::Status ReadInt(const toml::table& table, std::string_view section, std::string_view key,
                     int64_t low, int64_t high, const std::string& path, Int& target) {
  auto node = table[key];
  if (!node) return core::Ok();
  auto value = node.value<int64_t>();
  if (!value || *value < low || *value > high) {
    return WrongType(path, std::string(section) + "." + std::string(key),
                     "an integer from " + std::to_string(low) + " to " + std::to_string(high));
  }
  target = static_cast<Int>(*value);
  return core::Ok();
}

core::Status LoadSmtp(const toml::table& smtp, const std::string& path, SmtpConfig& config) {
  if (auto s = UnknownKeys(smtp, "smtp",
                           {"host", "port", "security", "username", "password", "from"}, path);
      !s) {
    return s;
  }
  for (auto [key, target] :
       {std::pair{"host", &config.host}, std::pair{"security", &config.security},
        std::pair{"username", &config.username}, std::pair{"password", &config.password},
        std::pair{"from", &config.from}}) {
    if (auto s = ReadString(smtp, "smtp", key, path, *target); !s) return s;
  }
  if (auto s = ReadInt(smtp, "smtp", "port", 0, 65535, path, config.port); !s) return s;
  if (auto s = mail::ParseSmtpSecurity(config.security); !s) {
    return core::Fail(s.error().code, path + ": smtp.security: " + s.error().message);
  }
  return core::Ok();
}

core::Status LoadMail(const toml::table& table, const std::string& path, MailConfig& config) {
  if (auto s = UnknownKeys(table, "mail",
                           {"public_url", "poll_seconds", "retry_seconds", "max_attempts"}, path);
      !s) {
    return s;
  }
  if (auto s = ReadString(table, "mail", "public_url", path, config.public_url); !s) return s;
  if (auto s = ReadInt(table, "mail", "poll_seconds", 1, 3600, path, config.poll_seconds); !s) {
    return s;
  }
  if (auto s = ReadInt(table, "mail", "retry_seconds", 1, 86400, path, config.retry_seconds); !s) {
    return s;
  }
  return ReadInt(table, "mail", "max_attempts", 1, 100, path, config.max_attempts);
}

}  // namespace

core::Status CheckMailSettings(const Config& config) {
  if (config.smtp.host.empty()) return core::Ok();
  if (!mail::IsPlainAddress(config.smtp.from)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "smtp.from must be the sender address (noreply@example.fr) when smtp.host "
                      "is set; it is " +
                          core::Quoted(config.smtp.from));
  }
  if (auto s = mail::ParseSmtpSecurity(config.smtp.security); !s) return core::Fail(s.error());
  return core::Ok();
}

core::Status SetListen(std::string_view listen, Config& config) {
  size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == listen.size()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "listen address \"" + std::string(listen) + "\" must be HOST:PORT");
  }
  std::string_view host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  std::string_view port_text = listen.substr(colon + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "port \"" + std::string(port_text) + "\" must be a number from 0 to 65535");
  }
  config.host = std::string(host);
  config.port = static_cast<uint16_t>(port);
  return core::Ok();
}

core::Status CheckLogLevel(std::string_view level) {
  static const std::set<std::string_view> kLevels = {"trace", "debug", "info", "warn", "error"};
  if (kLevels.contains(level)) return core::Ok();
  return core::Fail(
      core::ErrorCode::kInvalidArgument,
      "log level \"" + std::string(level) + "\" must be one of trace, debug, info, warn, error");
}

core::Status LoadConfigFile(const std::string& path, Config& config) {
  if (!std::filesystem::exists(path)) {
    return core::Fail(core::ErrorCode::kNotFound, "config file " + path + " does not exist");
  }
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return core::Fail(core::ErrorCode::kInvalidArgument, path + ":" + std::to_string(where.line) +
                                                             ":" + std::to_string(where.column) +
                                                             ": " + std::string(e.description()));
  }
  if (auto s = UnknownKeys(root, "",
                           {"server", "storage", "log", "smtp", "mail", "pdf", "validation"}, path);
      !s) {
    return s;
  }

  if (const toml::table* server = root["server"].as_table()) {
    if (auto s = UnknownKeys(
            *server, "server",
            {"listen", "io_threads", "worker_threads", "behind_tls_proxy", "web_root"}, path);
        !s) {
      return s;
    }
    if (auto node = (*server)["listen"]; node) {
      auto listen = node.value<std::string>();
      if (!listen) return WrongType(path, "server.listen", "a string \"HOST:PORT\"");
      if (auto s = SetListen(*listen, config); !s) return s;
    }
    for (auto [key, target] : {std::pair{"io_threads", &config.io_threads},
                               std::pair{"worker_threads", &config.worker_threads}}) {
      if (auto node = (*server)[key]; node) {
        auto value = node.value<int64_t>();
        if (!value || *value < 1 || *value > 256) {
          return WrongType(path, std::string("server.") + key, "an integer from 1 to 256");
        }
        *target = static_cast<int>(*value);
      }
    }
    if (auto node = (*server)["behind_tls_proxy"]; node) {
      auto value = node.value<bool>();
      if (!value) return WrongType(path, "server.behind_tls_proxy", "true or false");
      config.behind_tls_proxy = *value;
    }
    if (auto node = (*server)["web_root"]; node) {
      auto value = node.value<std::string>();
      if (!value) return WrongType(path, "server.web_root", "a string");
      config.web_root = *value;
    }
  } else if (root.contains("server")) {
    return WrongType(path, "server", "a table");
  }

  if (const toml::table* storage = root["storage"].as_table()) {
    if (auto s = UnknownKeys(*storage, "storage", {"data", "database"}, path); !s) return s;
    if (auto node = (*storage)["data"]; node) {
      auto value = node.value<std::string>();
      if (!value) return WrongType(path, "storage.data", "a string");
      config.data_dir = *value;
    }
    if (auto node = (*storage)["database"]; node) {
      auto value = node.value<std::string>();
      if (!value) return WrongType(path, "storage.database", "a string");
      config.database_url = *value;
    }
  } else if (root.contains("storage")) {
    return WrongType(path, "storage", "a table");
  }

  if (const toml::table* log = root["log"].as_table()) {
    if (auto s = UnknownKeys(*log, "log", {"level"}, path); !s) return s;
    if (auto node = (*log)["level"]; node) {
      auto value = node.value<std::string>();
      if (!value) return WrongType(path, "log.level", "a string");
      if (auto s = CheckLogLevel(*value); !s)
        return core::Fail(s.error().code, path + ": " + s.error().message);
      config.log_level = *value;
    }
  } else if (root.contains("log")) {
    return WrongType(path, "log", "a table");
  }

  if (const toml::table* smtp = root["smtp"].as_table()) {
    if (auto s = LoadSmtp(*smtp, path, config.smtp); !s) return s;
  } else if (root.contains("smtp")) {
    return WrongType(path, "smtp", "a table");
  }
  if (const toml::table* mail = root["mail"].as_table()) {
    if (auto s = LoadMail(*mail, path, config.mail); !s) return s;
  } else if (root.contains("mail")) {
    return WrongType(path, "mail", "a table");
  }
  if (const toml::table* pdf = root["pdf"].as_table()) {
    if (auto s = UnknownKeys(*pdf, "pdf", {"workers"}, path); !s) return s;
    if (auto node = (*pdf)["workers"]; node) {
      auto value = node.value<int64_t>();
      if (!value || *value < 0 || *value > 256) {
        return WrongType(path, "pdf.workers", "an integer from 0 (one per core) to 256");
      }
      config.pdf_workers = static_cast<int>(*value);
    }
  } else if (root.contains("pdf")) {
    return WrongType(path, "pdf", "a table");
  }
  if (const toml::table* validation = root["validation"].as_table()) {
    if (auto s = UnknownKeys(*validation, "validation", {"schema_dir"}, path); !s) return s;
    if (auto s = ReadString(*validation, "validation", "schema_dir", path, config.schema_dir); !s) {
      return s;
    }
  } else if (root.contains("validation")) {
    return WrongType(path, "validation", "a table");
  }
  return core::Ok();
}

std::string DefaultSchemaDir() { return CHORAL_XSD_DIR; }

core::Status ApplyEnvironment(Config& config) {
  if (const char* listen = std::getenv("CHORAL_LISTEN"); listen && *listen) {
    if (auto s = SetListen(listen, config); !s) {
      return core::Fail(s.error().code, "CHORAL_LISTEN: " + s.error().message);
    }
  }
  if (const char* data = std::getenv("CHORAL_DATA"); data && *data) config.data_dir = data;
  if (const char* url = std::getenv("CHORAL_DATABASE_URL"); url && *url) config.database_url = url;
  if (const char* level = std::getenv("CHORAL_LOG_LEVEL"); level && *level) {
    if (auto s = CheckLogLevel(level); !s) {
      return core::Fail(s.error().code, "CHORAL_LOG_LEVEL: " + s.error().message);
    }
    config.log_level = level;
  }
  for (auto [name, target] : {std::pair{"CHORAL_SMTP_HOST", &config.smtp.host},
                              std::pair{"CHORAL_SMTP_SECURITY", &config.smtp.security},
                              std::pair{"CHORAL_SMTP_USERNAME", &config.smtp.username},
                              std::pair{"CHORAL_SMTP_PASSWORD", &config.smtp.password},
                              std::pair{"CHORAL_SMTP_FROM", &config.smtp.from},
                              std::pair{"CHORAL_MAIL_PUBLIC_URL", &config.mail.public_url}}) {
    if (const char* value = std::getenv(name); value && *value) *target = value;
  }
  if (const char* port = std::getenv("CHORAL_SMTP_PORT"); port && *port) {
    std::string_view text(port);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value > 65535) {
      return core::Fail(
          core::ErrorCode::kInvalidArgument,
          "CHORAL_SMTP_PORT: \"" + std::string(text) + "\" must be a number from 0 to 65535");
    }
    config.smtp.port = static_cast<uint16_t>(value);
  }
  if (auto s = mail::ParseSmtpSecurity(config.smtp.security); !s) {
    return core::Fail(s.error().code, "CHORAL_SMTP_SECURITY: " + s.error().message);
  }
  return core::Ok();
}

}  // namespace choral::cli
