#include "recognize/cross_checks.h"

#include <algorithm>

#include "recognize/candidates.h"

namespace choral::recognize {
namespace {

core::Decimal Abs(core::Decimal d) { return d.IsNegative() ? -d : d; }

}  // namespace

TotalsChoice ChooseTotals(const std::vector<AmountOption>& without_vat,
                          const std::vector<AmountOption>& vat,
                          const std::vector<AmountOption>& with_vat) {
  // A VAT breakdown's rows add up too (base + tax = gross per rate): among triples that add up,
  // the document's totals are the largest.
  core::Decimal largest;
  for (const auto& t : with_vat) largest = std::max(largest, Abs(t.amount));
  TotalsChoice best;
  double best_score = 0;
  std::vector<core::Decimal> sums;  // the TTC of every triple that adds up
  const int nh = static_cast<int>(without_vat.size());
  const int nv = static_cast<int>(vat.size());
  const int nt = static_cast<int>(with_vat.size());
  for (int h = -1; h < nh; ++h) {
    for (int v = -1; v < nv; ++v) {
      for (int t = -1; t < nt; ++t) {
        double score = 0;
        if (h >= 0) score += without_vat[h].score;
        if (v >= 0) score += vat[v].score;
        if (t >= 0) score += with_vat[t].score;
        bool adds_up = false;
        if (h >= 0 && t >= 0) {
          if (without_vat[h].id == with_vat[t].id) score -= 1.0;
          if (Abs(without_vat[h].amount) > Abs(with_vat[t].amount)) score -= 0.8;
        }
        if (v >= 0 && t >= 0 && vat[v].id == with_vat[t].id) score -= 1.0;
        if (h >= 0 && v >= 0 && vat[v].id == without_vat[h].id) score -= 1.0;
        if (h >= 0 && v >= 0 && t >= 0) {
          adds_up = without_vat[h].amount + vat[v].amount == with_vat[t].amount;
          // The same sums with opposite signs (a VAT printed positive on a credit note).
          if (!adds_up) {
            adds_up = Abs(without_vat[h].amount) + Abs(vat[v].amount) == Abs(with_vat[t].amount);
          }
          if (adds_up) {
            score += 1.2;
            // Decisive: a breakdown row under the same headers scores as well as the total.
            if (!largest.IsZero() && Abs(with_vat[t].amount) == largest) score += 1.0;
            sums.push_back(Abs(with_vat[t].amount));
          }
        }
        if (v >= 0 && h >= 0 && Abs(vat[v].amount) > Abs(without_vat[h].amount)) score -= 0.5;
        if (score > best_score) {
          best_score = score;
          best = TotalsChoice{h, v, t, adds_up};
        }
      }
    }
  }
  if (best.adds_up) {
    for (const auto& sum : sums) {
      if (sum != Abs(with_vat[best.with_vat].amount)) best.unique_sum = false;
    }
  }
  return best;
}

bool VatMatchesSiren(std::string_view vat, std::string_view siren) {
  const std::string inside = SirenOfVat(vat);
  return !inside.empty() && siren.size() >= 9 && siren.substr(0, 9) == inside;
}

}  // namespace choral::recognize
