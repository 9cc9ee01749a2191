#include "portal/invoice_list_data.h"

#include <algorithm>
#include <string>

#include "core/date.h"
#include "portal/invoice_view_models.h"
#include "portal/view_models.h"

namespace choral::portal {
namespace {

// The direction a column sorts in when first clicked: newest and largest first, names A to Z.
bool StartsDescending(std::string_view sort) {
  return sort == "depot" || sort == "emission" || sort == "montant";
}

// The sortable header of one column: a link that sorts by it (or reverses it when it is the
// current sort), aria-sort on the current one (WAI-ARIA sortable table pattern).
mstch::map SortHeader(const Catalogue& catalogue, const InvoiceSearchForm& form,
                      std::string_view base_path, std::string_view sort, std::string_view label_key,
                      bool numeric) {
  bool active = form.sort == sort;
  bool next_descending = active ? !form.descending : StartsDescending(sort);
  mstch::map header{
      {"label", std::string(catalogue.Text(label_key))},
      {"href", std::string(base_path) + "?" + form.QueryString(sort, next_descending)},
      {"hint", std::string(catalogue.Text(next_descending ? "search.sort_descending"
                                                          : "search.sort_ascending"))},
      {"active", active},
      {"numeric", numeric},
  };
  if (active) {
    header["aria_sort"] = std::string(form.descending ? "descending" : "ascending");
    header["icon"] = std::string(form.descending ? "bi-sort-down" : "bi-sort-up");
  }
  return header;
}

mstch::map Field(const Catalogue& catalogue, const InvoiceSearchForm& form,
                 const SearchTextField& field) {
  mstch::map out{
      {"id", std::string(field.name)},
      {"label", std::string(catalogue.Text(field.label_key))},
      {"value", form.Text(field.name)},
      {"invalid", false},
  };
  // Dates as date inputs (the browser's calendar, ISO values; typed French dates parse too),
  // amounts as text with a decimal keypad (a number input would refuse "1 234,56").
  std::string_view name = field.name;
  bool is_date = name.starts_with("emise_") || name.starts_with("deposee_");
  bool is_amount = name.starts_with("montant_");
  out["type"] = std::string(is_date ? "date" : (is_amount ? "text" : "search"));
  out["decimal"] = is_amount;
  out["col"] = std::string(is_date || is_amount ? "col-6" : "col-md-4");
  if (is_date) {
    // A date input shows only ISO values: a French date from a bookmark is shown as one.
    if (auto date = core::Date::Parse(form.Text(name))) out["value"] = date->ToIso();
  }
  for (const SearchFieldError& error : form.errors) {
    if (error.field == field.name) {
      out["invalid"] = true;
      out["error"] = error.message;
      out["error_id"] = std::string(field.name) + "-erreur";
    }
  }
  return out;
}

}  // namespace

mstch::map InvoiceListData(const Catalogue& catalogue, const platform::Actor& actor,
                           const platform::InvoiceList& list, const InvoiceSearchForm& form,
                           std::string_view base_path) {
  const platform::InvoiceSearch& search = form.search;
  mstch::array rows;
  for (const platform::InvoiceSummaryView& summary : list.invoices) {
    const invoice::Invoice& invoice = summary.invoice;
    bool we_supply = actor.On(invoice.supplier_id) != nullptr;
    rows.push_back(mstch::map{
        {"number", invoice.invoice_number},
        {"href", "/factures/" + std::to_string(invoice.id.value())},
        {"counterpart", we_supply ? summary.recipient_name : summary.supplier_name},
        {"issue_date", invoice.issue_date.ToFrench()},
        {"deposited_at", FormatTimestamp(invoice.deposited_at)},
        {"amount", FormatAmount(invoice.total_with_vat, invoice.currency)},
        {"status", std::string(catalogue.Text(StatusKey(summary.visible_status)))},
    });
  }

  mstch::map fields;
  for (const SearchTextField& field : SearchTextFields()) {
    fields[std::string(field.name)] = Field(catalogue, form, field);
  }
  mstch::array statuses;
  for (invoice::InvoiceStatus status : invoice::AllStatuses()) {
    std::string code(invoice::StatusCode(status));
    bool checked = std::find(form.status_codes.begin(), form.status_codes.end(), code) !=
                   form.status_codes.end();
    statuses.push_back(mstch::map{{"code", code},
                                  {"id", "statut-" + code},
                                  {"label", std::string(catalogue.Text(StatusKey(status)))},
                                  {"checked", checked}});
  }
  mstch::array errors;
  for (const SearchFieldError& error : form.errors) {
    errors.push_back(mstch::map{{"href", "#" + error.field}, {"message", error.message}});
  }

  mstch::map headers{
      {"number", SortHeader(catalogue, form, base_path, "numero", "invoices.number", false)},
      {"counterpart",
       SortHeader(catalogue, form, base_path, "contrepartie", "invoices.counterpart", false)},
      {"issue_date",
       SortHeader(catalogue, form, base_path, "emission", "invoices.issue_date", false)},
      {"deposited_at",
       SortHeader(catalogue, form, base_path, "depot", "invoices.deposited_at", false)},
      {"amount", SortHeader(catalogue, form, base_path, "montant", "invoices.amount", true)},
      {"status", SortHeader(catalogue, form, base_path, "statut", "invoices.status", false)},
  };

  int64_t page_size = std::max(1, search.page_size);
  int64_t pages = std::max<int64_t>(1, (list.total + page_size - 1) / page_size);
  int64_t page = std::clamp<int64_t>(search.page, 1, pages);
  const std::string query = form.QueryString();
  auto href = [&](int64_t target) {
    return std::string(base_path) + "?" + query + "&page=" + std::to_string(target);
  };
  mstch::map data{
      {"has_rows", !rows.empty()},
      {"rows", std::move(rows)},
      {"f", std::move(fields)},
      {"statuses", std::move(statuses)},
      {"statuses_open", !form.status_codes.empty()},
      {"has_errors", !form.errors.empty()},
      {"errors", std::move(errors)},
      {"h", std::move(headers)},
      {"sort", form.sort},
      {"descending", form.descending},
      {"searched", form.HasCriteria()},
      {"base_path", std::string(base_path)},
      {"reset_href", std::string(base_path)},
      // The export follows the search and the sort on the page.
      {"csv_href", std::string(base_path) + ".csv?" + query},
      {"count", list.total == 1 ? std::string(catalogue.Text("invoices.count_one"))
                                : catalogue.Format("invoices.count_many",
                                                   {{"count", FormatCount(list.total)}})},
      {"paginated", pages > 1},
      {"page_text", catalogue.Format("invoices.page_of", {{"page", std::to_string(page)},
                                                          {"pages", std::to_string(pages)}})},
  };
  if (page > 1) data["previous_href"] = href(page - 1);
  if (page < pages) data["next_href"] = href(page + 1);
  return data;
}

}  // namespace choral::portal
