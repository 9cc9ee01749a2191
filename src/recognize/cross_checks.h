// Cross-checks: the arithmetic and identity rules that tie values together (HT + VAT = TTC,
// amount due <= TTC, the SIREN inside a French VAT number), used to choose among candidates and
// to grant the highest confidences.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/decimal.h"

namespace choral::recognize {

// One amount that may play a role among the totals, with how well its labels announce it.
struct AmountOption {
  core::Decimal amount;
  double score = 0;
  int id = -1;  // the caller's handle on the amount (several options may share it)
};

struct TotalsChoice {
  // Indices into the vectors given to ChooseTotals, -1 when the role stays empty.
  int without_vat = -1, vat = -1, with_vat = -1;
  // True when all three are chosen and without_vat + vat == with_vat exactly.
  bool adds_up = false;
  // False when another triple adds up to a different total (a VAT breakdown's rows): the choice
  // then rests on "the largest sum is the total", weaker than the sum alone.
  bool unique_sum = true;
};

// The triple (HT, VAT, TTC) with the best summed score, where a triple that adds up earns a
// large bonus, the one with the largest total among those that add up another, and one that
// cannot be right (|HT| > |TTC|, one amount in two roles) a penalty.
TotalsChoice ChooseTotals(const std::vector<AmountOption>& without_vat,
                          const std::vector<AmountOption>& vat,
                          const std::vector<AmountOption>& with_vat);

// True when `vat` is a French VAT number whose SIREN is `siren` (9 digits) or the first nine
// digits of `siren` (a SIRET).
bool VatMatchesSiren(std::string_view vat, std::string_view siren);

}  // namespace choral::recognize
