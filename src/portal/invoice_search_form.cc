#include "portal/invoice_search_form.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/date.h"
#include "core/decimal.h"

namespace choral::portal {
namespace {

constexpr size_t kMaxTextBytes = 100;

std::string Trimmed(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n");
  std::string out(text.substr(begin, end - begin + 1));
  if (out.size() > kMaxTextBytes) out.resize(kMaxTextBytes);
  return out;
}

class Reader {
 public:
  Reader(const Catalogue& catalogue, InvoiceSearchForm& form)
      : catalogue_(catalogue), form_(form) {}

  std::string Label(std::string_view name) const {
    for (const SearchTextField& field : SearchTextFields()) {
      if (field.name == name) return std::string(catalogue_.Text(field.label_key));
    }
    return std::string(name);
  }

  void Fail(std::string_view field, std::string message) {
    form_.errors.push_back({std::string(field), std::move(message)});
  }

  std::optional<core::Date> DateOf(std::string_view name) {
    const std::string& text = form_.Text(name);
    if (text.empty()) return std::nullopt;
    auto date = core::Date::Parse(text);
    if (!date) {
      Fail(name, catalogue_.Format("search.error_date", {{"field", Label(name)}}));
      return std::nullopt;
    }
    return *date;
  }

  std::optional<core::Decimal> AmountOf(std::string_view name) {
    const std::string& text = form_.Text(name);
    if (text.empty()) return std::nullopt;
    auto amount = core::Decimal::Parse(text);
    if (!amount) {
      Fail(name, catalogue_.Format("search.error_amount", {{"field", Label(name)}}));
      return std::nullopt;
    }
    return *amount;
  }

  // A range whose start is after its end would silently find nothing: say so instead.
  template <typename T>
  void CheckRange(std::optional<T>& from, std::optional<T>& to, std::string_view from_name,
                  std::string_view to_name) {
    if (from && to && *from > *to) {
      Fail(from_name, catalogue_.Format("search.error_range",
                                        {{"from", Label(from_name)}, {"to", Label(to_name)}}));
      from.reset();
      to.reset();
    }
  }

 private:
  const Catalogue& catalogue_;
  InvoiceSearchForm& form_;
};

}  // namespace

const std::vector<SearchTextField>& SearchTextFields() {
  static const std::vector<SearchTextField> kFields = {
      {"numero", "search.number"},           {"contrepartie", "search.counterpart"},
      {"service", "search.service_code"},    {"emise_du", "search.issued_from"},
      {"emise_au", "search.issued_to"},      {"deposee_du", "search.deposited_from"},
      {"deposee_au", "search.deposited_to"}, {"montant_min", "search.total_from"},
      {"montant_max", "search.total_to"},
  };
  return kFields;
}

const std::vector<std::pair<std::string_view, platform::InvoiceSort>>& SortParams() {
  using platform::InvoiceSort;
  static const std::vector<std::pair<std::string_view, InvoiceSort>> kSorts = {
      {"depot", InvoiceSort::kDepositedAt}, {"emission", InvoiceSort::kIssueDate},
      {"numero", InvoiceSort::kNumber},     {"contrepartie", InvoiceSort::kCounterpart},
      {"montant", InvoiceSort::kAmount},    {"statut", InvoiceSort::kStatus},
  };
  return kSorts;
}

const std::string& InvoiceSearchForm::Text(std::string_view name) const {
  static const std::string kEmpty;
  auto it = texts.find(name);
  return it == texts.end() ? kEmpty : it->second;
}

bool InvoiceSearchForm::HasCriteria() const {
  return !status_codes.empty() ||
         std::any_of(texts.begin(), texts.end(), [](const auto& t) { return !t.second.empty(); });
}

std::string InvoiceSearchForm::QueryString() const { return QueryString(sort, descending); }

std::string InvoiceSearchForm::QueryString(std::string_view sort_name, bool desc) const {
  std::string out;
  auto add = [&out](std::string_view name, std::string_view value) {
    if (!out.empty()) out += '&';
    out += std::string(name) + "=" + PercentEncode(value);
  };
  for (const SearchTextField& field : SearchTextFields()) {
    if (!Text(field.name).empty()) add(field.name, Text(field.name));
  }
  for (const std::string& code : status_codes) add("statut", code);
  add("tri", sort_name);
  add("ordre", desc ? "desc" : "asc");
  return out;
}

InvoiceSearchForm ParseInvoiceSearchForm(const Catalogue& catalogue, const http::Form& query,
                                         platform::InvoiceSpace space) {
  InvoiceSearchForm form;
  for (const SearchTextField& field : SearchTextFields()) {
    form.texts.emplace(field.name, Trimmed(query.Get(field.name)));
  }
  for (const std::string& code : query.GetAll("statut")) {
    auto status = invoice::ParseStatusCode(code);
    if (status && std::find(form.search.statuses.begin(), form.search.statuses.end(), *status) ==
                      form.search.statuses.end()) {
      form.search.statuses.push_back(*status);
      form.status_codes.push_back(code);
    }
  }
  // An unknown sort is no error: an old bookmark still opens, in the default order.
  for (const auto& [name, sort] : SortParams()) {
    if (query.Get("tri") == name) {
      form.sort = std::string(name);
      form.search.sort = sort;
    }
  }
  form.descending = query.Get("ordre") != "asc";
  form.search.descending = form.descending;

  platform::InvoiceSearch& search = form.search;
  search.space = space;
  search.number_contains = form.Text("numero");
  search.counterpart_contains = form.Text("contrepartie");
  search.service_code = form.Text("service");
  Reader reader(catalogue, form);
  search.issued_from = reader.DateOf("emise_du");
  search.issued_to = reader.DateOf("emise_au");
  reader.CheckRange(search.issued_from, search.issued_to, "emise_du", "emise_au");
  search.deposited_from = reader.DateOf("deposee_du");
  search.deposited_to = reader.DateOf("deposee_au");
  reader.CheckRange(search.deposited_from, search.deposited_to, "deposee_du", "deposee_au");
  search.total_from = reader.AmountOf("montant_min");
  search.total_to = reader.AmountOf("montant_max");
  reader.CheckRange(search.total_from, search.total_to, "montant_min", "montant_max");
  return form;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace choral::portal
