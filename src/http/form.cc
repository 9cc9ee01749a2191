#include "http/form.h"

namespace choral::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr size_t kMaxFieldNameBytes = 100;

}  // namespace

core::Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%') {
      int hi = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return core::Fail(core::ErrorCode::kMalformedInput,
                          "bad percent-escape at byte " + std::to_string(i));
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

core::Result<Form> Form::Parse(std::string_view urlencoded, size_t max_fields) {
  Form form;
  size_t count = 0;
  while (!urlencoded.empty()) {
    size_t end = urlencoded.find('&');
    std::string_view pair = urlencoded.substr(0, end);
    urlencoded = end == std::string_view::npos ? std::string_view() : urlencoded.substr(end + 1);
    if (pair.empty()) continue;
    if (++count > max_fields) {
      return core::Fail(core::ErrorCode::kMalformedInput,
                        "form has more than " + std::to_string(max_fields) + " fields");
    }
    size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), true);
    if (!name) return core::Fail(name.error());
    if (name->size() > kMaxFieldNameBytes) {
      return core::Fail(core::ErrorCode::kMalformedInput, "form field name is too long");
    }
    auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!value) return core::Fail(value.error());
    form.fields_[std::move(*name)].push_back(std::move(*value));
  }
  return form;
}

const std::string& Form::Get(std::string_view name) const {
  static const std::string kEmpty;
  auto it = fields_.find(name);
  return it == fields_.end() ? kEmpty : it->second.front();  // first value wins
}

std::vector<std::string> Form::GetAll(std::string_view name) const {
  auto it = fields_.find(name);
  return it == fields_.end() ? std::vector<std::string>() : it->second;
}

bool Form::Has(std::string_view name) const { return fields_.find(name) != fields_.end(); }

}  // namespace choral::http
