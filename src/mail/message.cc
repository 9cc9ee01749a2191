#include "mail/message.h"

#include <array>
#include <cstdio>

#include "core/base64.h"

namespace choral::mail {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// Length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte, so
// that malformed text still advances).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

bool IsPrintableAscii(std::string_view text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

bool HasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != text.npos; }

// A display name that may stand in From: as it is (RFC 5322 atext and spaces).
bool IsPlainPhrase(std::string_view text) {
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view(" !#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

tl::unexpected<core::Error> Refuse(std::string_view field, std::string_view why) {
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "e-mail " + std::string(field) + " " + std::string(why));
}

}  // namespace

bool IsPlainAddress(std::string_view address) {
  size_t at = address.find('@');
  if (at == 0 || at == address.npos || at + 1 == address.size()) return false;
  if (address.find('@', at + 1) != address.npos) return false;
  for (char c : address) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || c == '<' || c == '>' || c == ',' || c == '"') return false;
  }
  return true;
}

std::string EncodeHeaderWord(std::string_view text) {
  if (IsPrintableAscii(text) && text.find("=?") == text.npos) return std::string(text);
  // "=?UTF-8?B?" + base64 + "?=" within 75 characters leaves 60 base64 characters: 45 bytes.
  constexpr size_t kMaxChunk = 45;
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = start;
    while (end < text.size()) {
      size_t next = end + SequenceLength(static_cast<unsigned char>(text[end]));
      if (next > text.size()) next = text.size();
      if (next - start > kMaxChunk) break;
      end = next;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + core::EncodeBase64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string EncodeQuotedPrintable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t newline = text.find('\n', start);
    size_t end = newline == text.npos ? text.size() : newline;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t width = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      auto byte = static_cast<unsigned char>(line[i]);
      bool last = i + 1 == line.size();
      std::string token;
      // RFC 2045 §6.7 rules 2 and 3: printable ASCII but '=' as is, and a space or tab as is
      // unless it ends the line (where transports may strip it).
      if ((byte >= 33 && byte <= 126 && byte != '=') || ((byte == ' ' || byte == '\t') && !last)) {
        token = static_cast<char>(byte);
      } else {
        token = {'=', kHex[byte >> 4], kHex[byte & 15]};
      }
      // Rule 5: encoded lines of at most 76 characters, the soft break's '=' included.
      if (width + token.size() > 75) {
        out += "=\r\n";
        width = 0;
      }
      out += token;
      width += token.size();
    }
    if (newline == text.npos) break;
    out += kCrlf;
    start = newline + 1;
  }
  return out;
}

std::string FormatDate(core::Timestamp at) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto days = std::chrono::floor<std::chrono::days>(at);
  std::chrono::year_month_day date(days);
  std::chrono::hh_mm_ss time(std::chrono::floor<std::chrono::seconds>(at - days));
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                kDays[std::chrono::weekday(days).c_encoding()], unsigned(date.day()),
                kMonths[unsigned(date.month()) - 1], int(date.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

core::Result<std::string> BuildMessage(const Message& message) {
  if (!IsPlainAddress(message.from_address)) {
    return Refuse("sender", "is not a plain address local@domain");
  }
  if (!IsPlainAddress(message.to)) {
    return Refuse("recipient", "is not a plain address local@domain");
  }
  // A CR or LF in a header value would let its text start a header of its own.
  if (HasLineBreak(message.from_name)) {
    return Refuse("sender name", "holds a line break");
  }
  if (HasLineBreak(message.subject)) {
    return Refuse("subject", "holds a line break");
  }
  const std::string& id = message.message_id;
  if (id.size() < 5 || id.front() != '<' || id.back() != '>' || id.find('@') == id.npos ||
      !IsPrintableAscii(id) || id.find(' ') != id.npos) {
    return Refuse("message id", "must be <local@domain>");
  }

  std::string from = message.from_address;
  if (!message.from_name.empty()) {
    std::string name =
        IsPlainPhrase(message.from_name) ? message.from_name : EncodeHeaderWord(message.from_name);
    // A name of printable ASCII with specials goes through EncodeHeaderWord unchanged: quote it.
    if (name == message.from_name && !IsPlainPhrase(name)) {
      std::string quoted = "\"";
      for (char c : name) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      name = quoted + "\"";
    }
    from = name + " <" + message.from_address + ">";
  }

  std::string out;
  out += "Date: " + FormatDate(message.date) + std::string(kCrlf);
  out += "From: " + from + std::string(kCrlf);
  out += "To: " + message.to + std::string(kCrlf);
  out += "Subject: " + EncodeHeaderWord(message.subject) + std::string(kCrlf);
  out += "Message-ID: " + message.message_id + std::string(kCrlf);
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  // RFC 3834: a notification, so auto-responders stay quiet.
  out += "Auto-Submitted: auto-generated\r\n";
  out += kCrlf;
  out += EncodeQuotedPrintable(message.body);
  if (!out.ends_with(kCrlf)) out += kCrlf;
  return out;
}

}  // namespace choral::mail
