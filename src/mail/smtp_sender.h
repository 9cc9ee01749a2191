// SmtpSender: MailSender over SMTP, through libcurl (STARTTLS or implicit TLS, optional login).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "mail/mail_sender.h"

namespace choral::mail {

enum class SmtpSecurity {
  kStartTls,  // smtp://, then STARTTLS, required: refuses a server that does not offer it
  kTls,       // smtps://: TLS from the first byte (port 465)
  kNone,      // smtp:// in clear: only for a relay on the same machine or a test server
};

// "starttls", "tls", "none" -> the value; kInvalidArgument listing them otherwise.
core::Result<SmtpSecurity> ParseSmtpSecurity(std::string_view name);

struct SmtpOptions {
  std::string host;   // required
  uint16_t port = 0;  // 0: 587 for kStartTls, 465 for kTls, 25 for kNone
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string username;  // "" sends no AUTH
  std::string password;
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds timeout{60};  // the whole exchange of one message
};

// Each Send opens its own connection, so one sender may be used from several threads.
class SmtpSender final : public MailSender {
 public:
  explicit SmtpSender(SmtpOptions options);
  core::Status Send(const Message& message) override;

  // "smtp://host:587" as curl is given it (no credentials), for logs.
  std::string Url() const;

 private:
  SmtpOptions options_;
};

}  // namespace choral::mail
