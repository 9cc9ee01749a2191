#include "rules/en16931_core_report.h"

#include "rules/en16931_support.h"

namespace choral::rules {

std::vector<const invoice::DecimalText*> VatTotalElements(const invoice::DocumentTotals& totals) {
  std::vector<const invoice::DecimalText*> elements;
  for (const auto& amount : totals.vat_totals_as_written) elements.push_back(&amount);
  if (elements.empty()) {
    if (totals.total_vat) elements.push_back(&*totals.total_vat);
    if (totals.total_vat_accounting) elements.push_back(&*totals.total_vat_accounting);
  }
  return elements;
}

void CoreReport::Check(std::string_view id, bool holds, invoice::SourceOffset context) {
  if (!holds) AddFinding(out_, id, syntax_, context);
}

}  // namespace choral::rules
