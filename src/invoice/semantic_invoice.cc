#include "invoice/semantic_invoice.h"

#include <array>

#include "core/xml_text.h"

namespace choral::invoice {

DocumentKind DocumentKindOf(std::string_view type_code) {
  // The UNTDID 1001 codes of BR-CL-01 as the CEN artefacts v1.3.16 list them (UBL's credit note
  // list, then the rest of the union of UBL's invoice list and CII's list); rules'
  // en16931_code_list_rules_test checks that the two agree.
  static constexpr std::array<std::string_view, 13> kCreditNotes = {
      "81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "502", "503", "532"};
  static constexpr std::array<std::string_view, 46> kInvoices = {
      "71",  "80",  "82",  "84",  "102", "130", "202", "203", "204", "211", "218", "219",
      "295", "325", "326", "331", "380", "382", "383", "385", "387", "388", "390", "393",
      "394", "395", "456", "457", "471", "472", "473", "500", "501", "527", "553", "575",
      "623", "633", "751", "780", "817", "870", "875", "876", "877", "935"};
  if (type_code == "384") return DocumentKind::kCorrectedInvoice;
  if (type_code == "389") return DocumentKind::kSelfBilledInvoice;
  if (type_code == "386") return DocumentKind::kPrepaymentInvoice;
  for (std::string_view code : kCreditNotes) {
    if (type_code == code) return DocumentKind::kCreditNote;
  }
  for (std::string_view code : kInvoices) {
    if (type_code == code) return DocumentKind::kInvoice;
  }
  return DocumentKind::kOther;
}

std::optional<core::Decimal> ParseXsDecimal(std::string_view text) {
  const std::optional<core::XsDecimalDigits> digits = core::SplitXsDecimal(text);
  if (!digits) return std::nullopt;
  __int128 units = 0;
  for (char c : digits->integer) {
    units = units * 10 + (c - '0');
    if (units > core::Decimal::kMaxUnits) return std::nullopt;
  }
  int scale = 0;
  for (char c : digits->fraction) {
    // Trailing zeros beyond the scale a Decimal holds change nothing: drop them.
    if (scale == core::Decimal::kMaxScale) {
      if (c != '0') return std::nullopt;
      continue;
    }
    ++scale;
    units = units * 10 + (c - '0');
    if (units > core::Decimal::kMaxUnits) return std::nullopt;
  }
  const auto value = static_cast<int64_t>(units);
  return core::Decimal::FromUnits(digits->negative ? -value : value, scale);
}

}  // namespace choral::invoice
