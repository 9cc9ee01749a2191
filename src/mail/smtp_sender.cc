#include "mail/smtp_sender.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

#include <curl/curl.h>

namespace choral::mail {
namespace {

// curl_global_init is not thread-safe with every TLS backend: once, before the first handle.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Feeds the message to curl's upload (curl dot-stuffs lines that begin with '.').
struct Upload {
  std::string_view data;
  size_t offset = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

core::Result<SmtpSecurity> ParseSmtpSecurity(std::string_view name) {
  if (name == "starttls") return SmtpSecurity::kStartTls;
  if (name == "tls") return SmtpSecurity::kTls;
  if (name == "none") return SmtpSecurity::kNone;
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "SMTP security " + core::Quoted(name) + " must be starttls, tls or none");
}

SmtpSender::SmtpSender(SmtpOptions options) : options_(std::move(options)) { InitCurlOnce(); }

std::string SmtpSender::Url() const {
  uint16_t port = options_.port;
  if (port == 0) {
    port = options_.security == SmtpSecurity::kTls        ? 465
           : options_.security == SmtpSecurity::kStartTls ? 587
                                                          : 25;
  }
  std::string host = options_.host;
  if (host.find(':') != host.npos) host = "[" + host + "]";  // IPv6 literal
  return std::string(options_.security == SmtpSecurity::kTls ? "smtps://" : "smtp://") + host +
         ":" + std::to_string(port);
}

core::Status SmtpSender::Send(const Message& message) {
  auto text = BuildMessage(message);
  if (!text) return core::Fail(text.error());

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return core::Fail(core::ErrorCode::kInternal, "curl_easy_init failed");
  CURL* handle = curl.get();
  std::unique_ptr<curl_slist, SlistDeleter> recipients(
      curl_slist_append(nullptr, message.to.c_str()));
  if (!recipients) return core::Fail(core::ErrorCode::kInternal, "curl_slist_append failed");

  Upload upload{*text, 0};
  char error_text[CURL_ERROR_SIZE] = {};
  const std::string url = Url();
  // BuildMessage checked both addresses: no CR, LF or '>' can reach the SMTP commands.
  const std::string mail_from = "<" + message.from_address + ">";
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text->size()));
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_text);
  // Timeouts must not use signals: this runs on a thread of a multi-threaded server.
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
  if (options_.security == SmtpSecurity::kStartTls) {
    // Required, not "try": a man in the middle could otherwise strip STARTTLS and read all.
    curl_easy_setopt(handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  if (!options_.username.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, options_.password.c_str());
  }

  CURLcode code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    long reply = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply);
    std::string why = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
    std::string message_text = "SMTP " + url + ": " + why;
    if (reply != 0) message_text += " (server reply " + std::to_string(reply) + ")";
    return core::Fail(core::ErrorCode::kUnavailable, message_text);
  }
  return core::Ok();
}

}  // namespace choral::mail
