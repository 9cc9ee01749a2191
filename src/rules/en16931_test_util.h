// What the EN 16931 rules' unit tests share. Tests only.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "invoice/semantic_invoice.h"

namespace choral::rules {

// An amount as a reader keeps it: the text as written, its value, its currencyID.
inline invoice::DecimalText Amount(std::string text,
                                   std::optional<std::string> currency = std::nullopt) {
  invoice::DecimalText amount;
  amount.text = std::move(text);
  amount.value = invoice::ParseXsDecimal(amount.text);
  amount.currency = std::move(currency);
  return amount;
}

}  // namespace choral::rules
