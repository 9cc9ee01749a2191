#include "recognize/candidates.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <utility>

#include "core/siret.h"
#include "recognize/keyword_lexicon.h"

namespace choral::recognize {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Replaces no-break and narrow no-break spaces and the minus sign with their ASCII forms.
std::string Asciify(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 2) == "\xC2\xA0") {
      out += ' ';
      ++i;
    } else if (text.substr(i, 3) == "\xE2\x80\xAF" || text.substr(i, 3) == "\xE2\x80\x89") {
      out += ' ';
      i += 2;
    } else if (text.substr(i, 3) == "\xE2\x88\x92" || text.substr(i, 3) == "\xE2\x80\x93") {
      out += '-';
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string_view Trim(std::string_view s, std::string_view chars = " ") {
  while (!s.empty() && chars.find(s.front()) != s.npos) s.remove_prefix(1);
  while (!s.empty() && chars.find(s.back()) != s.npos) s.remove_suffix(1);
  return s;
}

// Keeps letters and digits, upper-cased; false when another character than a separator appears.
bool CompactAlnum(std::string_view text, std::string_view separators, std::string* out) {
  for (char c : text) {
    if (IsDigit(c) || IsAlpha(c)) {
      *out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (separators.find(c) == separators.npos) {
      return false;
    }
  }
  return true;
}

struct CurrencyForm {
  std::string_view text;
  std::string_view iso;
};
// Longer forms first so "EUROS" is not read as "EUR" + "OS".
constexpr std::array<CurrencyForm, 22> kCurrencyForms = {{
    {"EUROS", "EUR"},        {"EURO", "EUR"}, {"EUR", "EUR"}, {"\xE2\x82\xAC", "EUR"},
    {"US$", "USD"},          {"USD", "USD"},  {"$", "USD"},   {"GBP", "GBP"},
    {"\xC2\xA3", "GBP"},     {"CHF", "CHF"},  {"SFR", "CHF"}, {"INR", "INR"},
    {"\xE2\x82\xB9", "INR"}, {"RS.", "INR"},  {"RS", "INR"},  {"JPY", "JPY"},
    {"\xC2\xA5", "JPY"},     {"CAD", "CAD"},  {"AUD", "AUD"}, {"SEK", "SEK"},
    {"DKK", "DKK"},          {"PLN", "PLN"},
}};

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(s[i])) != static_cast<unsigned char>(prefix[i])) {
      return false;
    }
  }
  return true;
}

// Strips one currency form from the front or the back of `s`; returns its ISO code or "".
std::string_view StripCurrency(std::string_view* s) {
  for (const auto& form : kCurrencyForms) {
    if (StartsWithNoCase(*s, form.text)) {
      std::string_view rest = s->substr(form.text.size());
      // A code glued to letters is a word, not a currency ("EURONEXT").
      if (!rest.empty() && IsAlpha(rest.front())) continue;
      *s = Trim(rest);
      return form.iso;
    }
    if (s->size() >= form.text.size() &&
        StartsWithNoCase(s->substr(s->size() - form.text.size()), form.text)) {
      std::string_view rest = s->substr(0, s->size() - form.text.size());
      if (!rest.empty() && IsAlpha(rest.back())) continue;
      *s = Trim(rest);
      return form.iso;
    }
  }
  return {};
}

struct Month {
  std::string_view name;
  int number;
};
constexpr std::array<Month, 54> kMonths = {{
    {"janvier", 1},   {"janv", 1},      {"jan", 1},       {"january", 1},   {"januar", 1},
    {"januari", 1},   {"fevrier", 2},   {"fevr", 2},      {"fev", 2},       {"february", 2},
    {"februar", 2},   {"februari", 2},  {"feb", 2},       {"mars", 3},      {"march", 3},
    {"marz", 3},      {"maerz", 3},     {"maart", 3},     {"mar", 3},       {"avril", 4},
    {"avr", 4},       {"april", 4},     {"apr", 4},       {"mai", 5},       {"may", 5},
    {"mei", 5},       {"juin", 6},      {"june", 6},      {"juni", 6},      {"jun", 6},
    {"juillet", 7},   {"juil", 7},      {"july", 7},      {"juli", 7},      {"jul", 7},
    {"aout", 8},      {"august", 8},    {"augustus", 8},  {"aug", 8},       {"septembre", 9},
    {"september", 9}, {"sept", 9},      {"sep", 9},       {"octobre", 10},  {"october", 10},
    {"oktober", 10},  {"oct", 10},      {"okt", 10},      {"novembre", 11}, {"november", 11},
    {"nov", 11},      {"decembre", 12}, {"december", 12}, {"dezember", 12},
}};

int MonthNumber(std::string_view token) {
  if (token == "dec" || token == "dez") return 12;
  for (const auto& m : kMonths) {
    if (m.name == token) return m.number;
  }
  return 0;
}

// "15", "1er", "1st", "22nd", "3rd", "15th" -> the day number; 0 otherwise.
int DayNumber(std::string_view token) {
  size_t digits = 0;
  while (digits < token.size() && IsDigit(token[digits])) ++digits;
  if (digits == 0 || digits > 2) return 0;
  const std::string_view suffix = token.substr(digits);
  if (!suffix.empty() && suffix != "er" && suffix != "st" && suffix != "nd" && suffix != "rd" &&
      suffix != "th" && suffix != "e") {
    return 0;
  }
  return std::stoi(std::string(token.substr(0, digits)));
}

std::optional<core::Date> MakeDate(int year, int month, int day) {
  auto date = core::Date::FromYmd(year, month, day);
  if (!date) return std::nullopt;
  // Invoices are from this era; "01.02.03" style noise is not.
  if (year < 1990 || year > 2099) return std::nullopt;
  return *date;
}

std::optional<core::Date> ParseNumericDate(std::string_view s,
                                           DateOrder order = DateOrder::kDayFirst) {
  std::array<std::string_view, 3> parts;
  size_t part = 0, start = 0;
  char separator = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '/' || s[i] == '.' || s[i] == '-') {
      if (part >= 3) return std::nullopt;
      if (i < s.size()) {
        if (separator != 0 && s[i] != separator) return std::nullopt;
        separator = s[i];
      }
      parts[part++] = s.substr(start, i - start);
      start = i + 1;
    } else if (!IsDigit(s[i])) {
      return std::nullopt;
    }
  }
  if (part != 3) return std::nullopt;
  for (auto p : parts) {
    if (p.empty() || p.size() > 4) return std::nullopt;
  }
  auto number = [](std::string_view p) { return std::stoi(std::string(p)); };
  if (parts[0].size() == 4) {
    if (parts[1].size() > 2 || parts[2].size() > 2) return std::nullopt;
    return MakeDate(number(parts[0]), number(parts[1]), number(parts[2]));
  }
  if (parts[0].size() > 2 || parts[1].size() > 2) return std::nullopt;
  int year = number(parts[2]);
  if (parts[2].size() == 2) {
    year += 2000;
  } else if (parts[2].size() != 4) {
    return std::nullopt;
  }
  const int first = number(parts[0]), second = number(parts[1]);
  // The document's order first; the other only when the first cannot be (US "03/15/2024").
  if (order == DateOrder::kMonthFirst) {
    if (auto date = MakeDate(year, first, second)) return date;
    return MakeDate(year, second, first);
  }
  if (auto date = MakeDate(year, second, first)) return date;
  return MakeDate(year, first, second);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

}  // namespace

std::optional<core::Decimal> ParseAmount(std::string_view text, std::string* currency) {
  if (currency) currency->clear();
  const std::string ascii = Asciify(text);
  std::string_view s = Trim(ascii);
  bool negative = false;
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    negative = true;
    s = Trim(s.substr(1, s.size() - 2));
  }
  std::string_view iso = StripCurrency(&s);
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = negative || s.front() == '-';
    s = Trim(s.substr(1));
  } else if (!s.empty() && s.back() == '-') {
    negative = true;
    s = Trim(s.substr(0, s.size() - 1));
  }
  if (iso.empty()) iso = StripCurrency(&s);
  if (s.empty() || !IsDigit(s.front()) || !IsDigit(s.back())) return std::nullopt;
  size_t digits = 0;
  for (char c : s) {
    if (IsDigit(c)) {
      ++digits;
    } else if (c != ' ' && c != '.' && c != ',' && c != '\'') {
      return std::nullopt;
    }
  }
  if (digits > 15) return std::nullopt;
  const size_t mark = s.find_last_of(".,");
  const bool two_decimals = mark != s.npos && s.size() - mark == 3;
  if (!two_decimals && !(mark == s.npos && !iso.empty())) return std::nullopt;
  // Swiss grouping "1'234.50".
  std::string cleaned;
  for (char c : s) {
    if (c != '\'') cleaned += c;
  }
  auto parsed = core::Decimal::Parse(cleaned);
  if (!parsed) return std::nullopt;
  if (currency) *currency = std::string(iso);
  return negative ? -*parsed : *parsed;
}

std::vector<DateOrder> PossibleDateOrders(std::string_view text) {
  const std::string ascii = Asciify(text);
  const std::string_view s = Trim(ascii, " ,;:()");
  std::vector<DateOrder> out;
  if (s.empty() || !IsDigit(s.front()) || s.find(' ') != s.npos) return out;
  const auto day_first = ParseNumericDate(s, DateOrder::kDayFirst);
  const auto month_first = ParseNumericDate(s, DateOrder::kMonthFirst);
  // An ISO date or a date with a day above 12 parses to the same date either way.
  if (!day_first || !month_first) return out;
  if (*day_first == *month_first) {
    const size_t sep = s.find_first_of("/.-");
    if (sep == 4) return out;  // ISO: no day/month order to learn from
    // Only one reading is valid: which one tells the document's convention.
    const int first = std::stoi(std::string(s.substr(0, sep)));
    out.push_back(first > 12 ? DateOrder::kDayFirst : DateOrder::kMonthFirst);
    if (day_first->ToIso().substr(5, 2) == day_first->ToIso().substr(8, 2)) out.clear();
    return out;
  }
  return {DateOrder::kDayFirst, DateOrder::kMonthFirst};
}

std::optional<core::Date> ParseDate(std::string_view text, DateOrder order) {
  const std::string ascii = Asciify(text);
  std::string_view s = Trim(ascii, " ,;:()");
  if (s.empty()) return std::nullopt;
  if (IsDigit(s.front()) && IsDigit(s.back()) && s.find(' ') == s.npos) {
    if (auto date = ParseNumericDate(s, order)) return date;
  }
  const auto tokens = NormalizeTokens(s);
  if (tokens.size() != 3 || !AllDigits(tokens[2]) || tokens[2].size() != 4) return std::nullopt;
  const int year = std::stoi(tokens[2]);
  if (int month = MonthNumber(tokens[1]); month > 0) {
    if (int day = DayNumber(tokens[0]); day > 0) return MakeDate(year, month, day);
  }
  if (int month = MonthNumber(tokens[0]); month > 0) {
    if (int day = DayNumber(tokens[1]); day > 0) return MakeDate(year, month, day);
  }
  return std::nullopt;
}

std::optional<std::string> ParseSiret(std::string_view text) {
  const std::string ascii = Asciify(text);
  auto siret = core::Siret::Parse(Trim(ascii, " ,;:()"));
  if (!siret) return std::nullopt;
  return siret->digits();
}

std::optional<std::string> ParseSiren(std::string_view text) {
  const std::string ascii = Asciify(text);
  auto siren = core::Siren::Parse(Trim(ascii, " ,;:()"));
  if (!siren) return std::nullopt;
  return siren->digits();
}

std::optional<std::string> ParseVatNumber(std::string_view text) {
  const std::string ascii = Asciify(text);
  std::string v;
  if (!CompactAlnum(Trim(ascii, " ,;:()"), " .-", &v) || v.size() < 8 || v.size() > 16) {
    return std::nullopt;
  }
  const std::string_view country = std::string_view(v).substr(0, 2);
  const std::string_view rest = std::string_view(v).substr(2);
  auto digits_only = [](std::string_view s, size_t min, size_t max) {
    return s.size() >= min && s.size() <= max && AllDigits(s);
  };
  bool ok = false;
  if (country == "FR") {
    if (rest.size() != 11 || !AllDigits(rest.substr(2))) return std::nullopt;
    const std::string_view key = rest.substr(0, 2);
    if (AllDigits(key)) {
      const long long siren = std::stoll(std::string(rest.substr(2)));
      ok = std::stoi(std::string(key)) == (12 + 3 * (siren % 97)) % 97;
    } else {
      // The older alphanumeric keys (for businesses without a SIREN) have no public check.
      ok = IsAlpha(key[0]) || IsAlpha(key[1]);
    }
  } else if (country == "DE" || country == "PT" || country == "EL" || country == "GR") {
    ok = digits_only(rest, 9, 9);
  } else if (country == "AT") {
    ok = rest.size() == 9 && rest[0] == 'U' && AllDigits(rest.substr(1));
  } else if (country == "BE") {
    ok = digits_only(rest, 10, 10) && (rest[0] == '0' || rest[0] == '1');
  } else if (country == "NL") {
    ok = rest.size() == 12 && AllDigits(rest.substr(0, 9)) && rest[9] == 'B' &&
         AllDigits(rest.substr(10));
  } else if (country == "IT" || country == "HR") {
    ok = digits_only(rest, 11, 11);
  } else if (country == "ES") {
    ok = rest.size() == 9 && AllDigits(rest.substr(1, 7));
  } else if (country == "LU" || country == "DK" || country == "FI" || country == "HU" ||
             country == "MT" || country == "SI") {
    ok = digits_only(rest, 8, 8);
  } else if (country == "GB") {
    ok = digits_only(rest, 9, 9) || digits_only(rest, 12, 12);
  } else if (country == "CH") {
    std::string_view r = rest;
    for (std::string_view suffix : {"MWST", "TVA", "IVA"}) {
      if (r.size() > suffix.size() && r.substr(r.size() - suffix.size()) == suffix) {
        r.remove_suffix(suffix.size());
      }
    }
    ok = r.size() == 10 && r[0] == 'E' && AllDigits(r.substr(1));
  } else if (country == "PL" || country == "SK") {
    ok = digits_only(rest, 10, 10);
  } else if (country == "SE") {
    ok = digits_only(rest, 12, 12);
  } else if (country == "CZ") {
    ok = digits_only(rest, 8, 10);
  } else if (country == "IE") {
    ok = rest.size() >= 8 && rest.size() <= 9 && IsDigit(rest[0]);
  }
  if (!ok) return std::nullopt;
  return v;
}

std::string SirenOfVat(std::string_view vat) {
  if (vat.size() == 13 && vat.substr(0, 2) == "FR") return std::string(vat.substr(4));
  return "";
}

std::optional<std::string> ParseIban(std::string_view text) {
  const std::string ascii = Asciify(text);
  std::string v;
  if (!CompactAlnum(Trim(ascii, " ,;:()"), " -", &v)) return std::nullopt;
  if (v.size() < 15 || v.size() > 34 || !IsAlpha(v[0]) || !IsAlpha(v[1]) || !IsDigit(v[2]) ||
      !IsDigit(v[3])) {
    return std::nullopt;
  }
  // ISO 13616: move the first four characters to the end, letters as 10..35, mod 97 == 1.
  const std::string rearranged = v.substr(4) + v.substr(0, 4);
  int remainder = 0;
  for (char c : rearranged) {
    const int value = IsDigit(c) ? c - '0' : c - 'A' + 10;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  if (remainder != 1) return std::nullopt;
  return v;
}

std::optional<std::string> ParseCurrency(std::string_view text) {
  const std::string ascii = Asciify(text);
  const std::string_view s = Trim(ascii, " ,;:()");
  for (const auto& form : kCurrencyForms) {
    if (s.size() == form.text.size() && StartsWithNoCase(s, form.text)) {
      return std::string(form.iso);
    }
  }
  return std::nullopt;
}

std::string AsReference(std::string_view text, bool require_digit) {
  const std::string ascii = Asciify(text);
  const std::string_view s = Trim(ascii, " .,;:()[]\"'");
  if (s.size() < 2 || s.size() > 30) return "";
  bool digit = false, alnum = false;
  for (char c : s) {
    if (IsDigit(c)) {
      digit = alnum = true;
    } else if (IsAlpha(c)) {
      alnum = true;
    } else if (c != '-' && c != '/' && c != '.' && c != '_') {
      return "";
    }
  }
  if (!alnum || (require_digit && !digit)) return "";
  if (ParseDate(s) || ParseAmount(s, nullptr)) return "";
  return std::string(s);
}

std::vector<Candidate> FindCandidates(const PageLayout& layout) {
  std::vector<Candidate> out;
  struct Parser {
    ValueType type;
    size_t max_words;
    std::function<bool(const std::string&, Candidate*)> parse;
  };
  const std::vector<Parser> parsers = {
      {ValueType::kAmount, 5,
       [](const std::string& t, Candidate* c) {
         auto amount = ParseAmount(t, &c->currency);
         if (!amount) return false;
         c->amount = *amount;
         c->value = amount->ToString(2);
         return true;
       }},
      {ValueType::kDate, 4,
       [](const std::string& t, Candidate* c) {
         // The end of a sentence: "Please remit until 2020-12-12."
         std::string_view text = t;
         while (text.size() > 1 &&
                (text.back() == '.' || text.back() == ',' || text.back() == ';') &&
                IsDigit(text[text.size() - 2])) {
           text.remove_suffix(1);
         }
         auto date = ParseDate(text);
         if (!date) return false;
         c->value = date->ToIso();
         return true;
       }},
      {ValueType::kSiret, 5,
       [](const std::string& t, Candidate* c) {
         if (auto siret = ParseSiret(t)) {
           c->value = *siret;
           return true;
         }
         if (auto siren = ParseSiren(t)) {
           c->type = ValueType::kSiren;
           c->value = *siren;
           return true;
         }
         // The right number of digits, grouped like an identifier, but a failing checksum.
         std::string digits;
         for (char ch : t) {
           if (IsDigit(ch)) {
             digits += ch;
           } else if (ch != ' ' && ch != '.') {
             return false;
           }
         }
         if (digits.size() != 14 && digits.size() != 9) return false;
         c->type = digits.size() == 14 ? ValueType::kSiret : ValueType::kSiren;
         c->value = digits;
         c->checked = false;
         return true;
       }},
      {ValueType::kVat, 6,
       [](const std::string& t, Candidate* c) {
         auto vat = ParseVatNumber(t);
         if (!vat) return false;
         c->value = *vat;
         return true;
       }},
      {ValueType::kIban, 9,
       [](const std::string& t, Candidate* c) {
         if (auto iban = ParseIban(t)) {
           c->value = *iban;
           return true;
         }
         std::string v;
         const std::string ascii = Asciify(t);
         if (!CompactAlnum(Trim(ascii, " ,;:()"), " -", &v) || v.size() < 15 || v.size() > 34 ||
             !IsAlpha(v[0]) || !IsAlpha(v[1]) || !IsDigit(v[2]) || !IsDigit(v[3]) ||
             std::count_if(v.begin(), v.end(), IsDigit) < 10) {
           return false;
         }
         c->value = v;
         c->checked = false;
         return true;
       }},
      {ValueType::kCurrency, 1,
       [](const std::string& t, Candidate* c) {
         auto currency = ParseCurrency(t);
         if (!currency) return false;
         c->value = *currency;
         return true;
       }},
  };
  for (size_t s = 0; s < layout.segments.size(); ++s) {
    const auto& words = layout.segments[s].words;
    for (const auto& parser : parsers) {
      size_t i = 0;
      while (i < words.size()) {
        bool found = false;
        for (size_t n = std::min(parser.max_words, words.size() - i); n >= 1 && !found; --n) {
          std::string text;
          for (size_t k = i; k < i + n; ++k) {
            if (k > i) text += ' ';
            text += layout.words[words[k]].text;
          }
          Candidate candidate{parser.type,
                              "",
                              std::nullopt,
                              "",
                              true,
                              static_cast<int>(s),
                              words[i],
                              words[i + n - 1],
                              layout.words[words[i]].box};
          if (!parser.parse(text, &candidate)) continue;
          // A longer run failing its checksum ("FR14 ... 606 - BIC") yields to a shorter one
          // from the same word that passes it.
          for (size_t shorter = n - 1; !candidate.checked && shorter >= 1; --shorter) {
            std::string prefix;
            for (size_t k = i; k < i + shorter; ++k) {
              if (k > i) prefix += ' ';
              prefix += layout.words[words[k]].text;
            }
            Candidate checked = candidate;
            checked.checked = true;
            checked.type = parser.type;
            if (parser.parse(prefix, &checked) && checked.checked) {
              checked.last_word = words[i + shorter - 1];
              candidate = std::move(checked);
              n = shorter;
              break;
            }
          }
          for (size_t k = i; k < i + n; ++k) {
            candidate.box = Union(candidate.box, layout.words[words[k]].box);
          }
          out.push_back(std::move(candidate));
          i += n;
          found = true;
        }
        if (!found) ++i;
      }
    }
  }
  return out;
}

}  // namespace choral::recognize
