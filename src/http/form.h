// Form: decoding of application/x-www-form-urlencoded bodies and query strings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace choral::http {

// Percent-decodes `text` ('+' as space when `plus_is_space`). kMalformedInput on a bad escape.
core::Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// The fields of a form body or query string. A repeated name keeps its first value.
class Form {
 public:
  // kMalformedInput on bad escapes, more than `max_fields` fields or a name over 100 bytes.
  static core::Result<Form> Parse(std::string_view urlencoded, size_t max_fields = 200);

  // The field's value, or "" when absent.
  const std::string& Get(std::string_view name) const;
  // Every value of the field, in the order given (checkboxes sharing a name); empty when absent.
  std::vector<std::string> GetAll(std::string_view name) const;
  bool Has(std::string_view name) const;

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> fields_;  // never an empty vector
};

}  // namespace choral::http
