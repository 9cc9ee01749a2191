// The code lists of the EN 16931 BR-CL-* rules (and BR-CO-09's country prefixes) and the flag and
// message of every BR-* rule, as the official CEN validation artefacts (v1.3.16) carry them. The
// data is generated from the artefacts by scripts/extract-en16931-code-lists.py
// (en16931_code_lists_data.cc). Internal to rules.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "invoice/validation_finding.h"
#include "rules/en16931_rules.h"

namespace choral::rules {

// A sorted list of codes; empty when the artefact has no such list.
class CodeList {
 public:
  constexpr CodeList() = default;
  constexpr CodeList(const std::string_view* begin, const std::string_view* end)
      : begin_(begin), end_(end) {}

  // Whether `code` (already normalize-space'd by the caller) is one of the list's codes.
  bool Contains(std::string_view code) const { return std::binary_search(begin_, end_, code); }
  // contains(' A B C ', text): whether `text` is a substring of the list as the artefact writes
  // it, codes blank-separated, which may straddle two codes ("A A" is in " AAA AAB "). The codes
  // are joined in sorted order: the artefact's order wherever such a straddle can match.
  bool TextContains(std::string_view text) const {
    std::string list = " ";
    for (std::string_view code : *this) {
      list += code;
      list += ' ';
    }
    return list.find(text) != std::string::npos;
  }
  bool empty() const { return begin_ == end_; }
  const std::string_view* begin() const { return begin_; }
  const std::string_view* end() const { return end_; }

 private:
  const std::string_view* begin_ = nullptr;
  const std::string_view* end_ = nullptr;
};

// The `index`-th code list (0 for the first) the test of rule `rule` (BR-CL-*, BR-CO-09) names in
// the artefact of `syntax`: UBL's BR-CL-01 has two (index 0: invoice type codes, 1: credit note
// type codes), UBL's BR-CL-10 two (1: "SEPA", allowed for the seller and the payee only).
CodeList En16931CodeList(std::string_view rule, En16931Syntax syntax, int index = 0);

// How the artefact of `syntax` reports rule `rule` ("BR-S-08") when its assertion fails.
struct En16931Assert {
  invoice::FindingFlag flag = invoice::FindingFlag::kFatal;
  std::string_view message;  // the svrl:text; empty when the artefact has no such rule
};
En16931Assert En16931RuleAssert(std::string_view rule, En16931Syntax syntax);

}  // namespace choral::rules
