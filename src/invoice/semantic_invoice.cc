#include "invoice/semantic_invoice.h"

#include <array>

namespace choral::invoice {

DocumentKind DocumentKindOf(std::string_view type_code) {
  // UNTDID 1001 codes of the norm's code list (BR-CL-01), by the kind of document they are.
  static constexpr std::array<std::string_view, 9> kCreditNotes = {
      "81", "83", "261", "262", "296", "308", "381", "396", "420"};
  if (type_code == "384") return DocumentKind::kCorrectedInvoice;
  if (type_code == "389") return DocumentKind::kSelfBilledInvoice;
  if (type_code == "386") return DocumentKind::kPrepaymentInvoice;
  for (std::string_view code : kCreditNotes) {
    if (type_code == code) return DocumentKind::kCreditNote;
  }
  if (type_code == "380" || type_code == "383" || type_code == "393" || type_code == "394" ||
      type_code == "395" || type_code == "575" || type_code == "623" || type_code == "780" ||
      type_code == "82" || type_code == "80" || type_code == "84" || type_code == "130" ||
      type_code == "202" || type_code == "203" || type_code == "204" || type_code == "211" ||
      type_code == "218" || type_code == "219" || type_code == "295" || type_code == "325" ||
      type_code == "326" || type_code == "385" || type_code == "387" || type_code == "388" ||
      type_code == "390" || type_code == "527" || type_code == "532" || type_code == "553" ||
      type_code == "751" || type_code == "870" || type_code == "875" || type_code == "876" ||
      type_code == "877") {
    return DocumentKind::kInvoice;
  }
  return DocumentKind::kOther;
}

namespace {

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::optional<core::Decimal> ParseXsDecimal(std::string_view text) {
  while (!text.empty() && IsXmlSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsXmlSpace(text.back())) text.remove_suffix(1);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  __int128 units = 0;
  int scale = 0;
  int digits = 0;
  bool after_point = false;
  for (char c : text) {
    if (c == '.' && !after_point) {
      after_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    ++digits;
    if (after_point) {
      // Trailing zeros beyond the scale a Decimal holds change nothing: drop them.
      if (scale == core::Decimal::kMaxScale) {
        if (c != '0') return std::nullopt;
        continue;
      }
      ++scale;
    }
    units = units * 10 + (c - '0');
    if (units > core::Decimal::kMaxUnits) return std::nullopt;
  }
  if (digits == 0) return std::nullopt;
  int64_t value = static_cast<int64_t>(units);
  return core::Decimal::FromUnits(negative ? -value : value, scale);
}

}  // namespace choral::invoice
