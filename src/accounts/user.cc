#include "accounts/user.h"

#include <string>
#include <string_view>

namespace choral::accounts {
namespace {

// RFC 5321 §4.5.3.1.3: a path is at most 256 octets, two of them the angle brackets.
constexpr size_t kMaxEmailLength = 254;

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string User::DisplayName() const {
  const std::string_view first = Trim(first_name);
  const std::string_view last = Trim(last_name);
  if (first.empty() && last.empty()) return email;
  std::string out(first);
  if (!first.empty() && !last.empty()) out += ' ';
  out += last;
  return out;
}

core::Result<std::string> NormaliseEmail(std::string_view email) {
  auto fail = [email](const char* why) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "e-mail address " + core::Quoted(email) + " " + why);
  };
  const std::string_view s = Trim(email);
  if (s.empty()) return fail("is empty");
  if (s.size() > kMaxEmailLength) return fail("must have at most 254 characters");
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) return fail("must not contain spaces or control characters");
    // Only ASCII is lower-cased: domains are case-insensitive, and virtually every provider
    // treats local parts so too; non-ASCII case folding would need Unicode tables.
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const size_t at = out.find('@');
  if (at == std::string::npos || out.find('@', at + 1) != std::string::npos) {
    return fail("must contain exactly one '@'");
  }
  if (at == 0) return fail("has nothing before '@'");
  const std::string_view domain = std::string_view(out).substr(at + 1);
  // "a dot in the domain" between two non-empty labels: "x@localhost", "x@.fr", "x@fr." and
  // "x@a..fr" cannot receive mail from the Internet.
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return fail("must have a domain with a dot, like name@example.fr");
  }
  return out;
}

}  // namespace choral::accounts
