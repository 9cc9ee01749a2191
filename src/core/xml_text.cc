#include "core/xml_text.h"

namespace choral::core {
namespace {

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string_view TrimXmlSpace(std::string_view text) {
  while (!text.empty() && IsXmlSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsXmlSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string NormalizeSpace(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (IsXmlSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::optional<XsDecimalDigits> SplitXsDecimal(std::string_view text) {
  text = TrimXmlSpace(text);
  XsDecimalDigits digits;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    digits.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const size_t point = text.find('.');
  digits.integer = text.substr(0, point);
  if (point != std::string_view::npos) digits.fraction = text.substr(point + 1);
  if (!AllDigits(digits.integer) || !AllDigits(digits.fraction)) return std::nullopt;
  if (digits.integer.empty() && digits.fraction.empty()) return std::nullopt;
  return digits;
}

}  // namespace choral::core
