// Typed value candidates: the amounts, dates, SIRET/SIREN, VAT numbers, IBANs and currencies a
// page holds, each checked by its own rule (Luhn, VAT key, mod 97, calendar) before it counts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/decimal.h"
#include "recognize/page_layout.h"

namespace choral::recognize {

enum class ValueType { kAmount, kDate, kSiret, kSiren, kVat, kIban, kCurrency };

struct Candidate {
  ValueType type;
  // Normalised: amounts "1234.56" as printed (sign included), dates ISO, identifiers digits or
  // upper case without spaces, currencies ISO 4217.
  std::string value;
  std::optional<core::Decimal> amount;  // kAmount only
  std::string currency;                 // kAmount: the currency written beside it, if any
  // False for an identifier of the right shape whose checksum fails (Luhn, mod 97): printed on
  // the page, maybe mistyped; worth reporting only beside its label, with a low confidence.
  bool checked = true;
  int segment = -1;                     // in the page's layout
  int first_word = -1, last_word = -1;  // in the page's layout, inclusive
  pdf::Box box;
};

// "1 234,56 €", "1.234,56", "1,234.56", "1234.56 EUR", "€1,234.56", "-233,47", "- 5,00",
// "(233.47)", "233,47-". Two decimals are required unless a currency is written beside an
// integer ("4 250 €"); percentages, quantities with three or more decimals and bare integers are
// refused. `currency` (may be null) receives the ISO code written beside it, or "".
std::optional<core::Decimal> ParseAmount(std::string_view text, std::string* currency);

// Numeric day-first dates ("15/03/2024", "15.03.24", "15-03-2024"), ISO ("2024-03-15"), and
// written ones in French, English, German and Dutch ("15 mars 2024", "1er mars 2024",
// "March 15, 2024", "15. März 2024", "15-Mar-2024"). Month-first only when the day-first reading
// is impossible ("03/15/2024").
// `order` says how to read a numeric date whose both readings are valid ("03/04/2024"): the
// document's convention (see DocumentDateOrder), day-first unless it says otherwise.
enum class DateOrder { kDayFirst, kMonthFirst };
std::optional<core::Date> ParseDate(std::string_view text, DateOrder order = DateOrder::kDayFirst);
// For a numeric date with two or three parts before the year: the orders it can be read in
// ("25/12/2024" only day-first, "12/25/2024" only month-first, "03/04/2024" both). Empty for
// anything else, ISO dates included.
std::vector<DateOrder> PossibleDateOrders(std::string_view text);

// SIRET (14 digits) and SIREN (9 digits), spaces and dots allowed, checked by Luhn: the digits.
std::optional<std::string> ParseSiret(std::string_view text);
std::optional<std::string> ParseSiren(std::string_view text);

// An EU (or Swiss, or UK) VAT number, spaces, dots and dashes allowed: upper case without them.
// French numbers must carry the key of their SIREN: (12 + 3 × (SIREN mod 97)) mod 97.
std::optional<std::string> ParseVatNumber(std::string_view text);
// The SIREN inside a French VAT number ("FR11999999998" -> "999999998"), else "".
std::string SirenOfVat(std::string_view vat);

// An IBAN whose mod-97 check holds: upper case without spaces.
std::optional<std::string> ParseIban(std::string_view text);

// One currency token ("€", "EUR", "euros", "$", "US$", "£", "CHF", "₹", "Rs.") -> ISO 4217.
std::optional<std::string> ParseCurrency(std::string_view text);

// A reference as printed on an invoice (invoice number, order or contract reference): 2 to 30
// characters of letters, digits and - / . _, trimmed of surrounding punctuation; with at least
// one digit when `require_digit`. Dates, amounts and percentages are refused. "" when not one.
std::string AsReference(std::string_view text, bool require_digit);

// Every typed candidate of the page, each the longest run of words that parses.
std::vector<Candidate> FindCandidates(const PageLayout& layout);

}  // namespace choral::recognize
