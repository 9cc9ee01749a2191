#include "platform/password_policy.h"

#include <string>
#include <unordered_set>

#include "platform/common_passwords.h"

namespace choral::platform {
namespace {

// ASCII lower case only: the list is ASCII, and folding other letters would need a locale.
std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const std::unordered_set<std::string>& CommonPasswords() {
  static const std::unordered_set<std::string> kSet = [] {
    std::unordered_set<std::string> set;
    std::string_view list = CommonPasswordList();
    while (!list.empty()) {
      size_t end = list.find('\n');
      std::string_view line = list.substr(0, end);
      list.remove_prefix(end == std::string_view::npos ? list.size() : end + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.starts_with("#!comment:")) continue;
      set.insert(Lower(line));
    }
    return set;
  }();
  return kSet;
}

size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace

bool IsCommonPassword(std::string_view password) {
  const auto& common = CommonPasswords();
  std::string lower = Lower(password);
  if (common.contains(lower)) return true;
  // The list holds few passwords of 12 characters or more; people reach the length by adding
  // digits or symbols to a common one ("password2024!"), which guessers try first.
  size_t end = lower.size();
  while (end > 0 && !(lower[end - 1] >= 'a' && lower[end - 1] <= 'z')) --end;
  return end > 0 && end < lower.size() && common.contains(lower.substr(0, end));
}

std::optional<std::string_view> PasswordRuleBroken(std::string_view password,
                                                   std::string_view email) {
  if (password.size() > kMaxPasswordLength) return "password_too_long";
  if (CodePoints(password) < kMinPasswordLength) return "password_too_short";
  if (!email.empty() && Lower(password) == Lower(email)) return "password_is_email";
  if (IsCommonPassword(password)) return "password_common";
  return std::nullopt;
}

}  // namespace choral::platform
