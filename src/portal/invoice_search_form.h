// InvoiceSearchForm: the invoice lists' search criteria as they travel in the URL (GET, so a
// search can be bookmarked): read from the query string, checked, and written back unchanged into
// the page's links (pagination, sort headers, CSV export). Pure; no I/O.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/form.h"
#include "platform/invoice_processing.h"
#include "portal/catalogue.h"

namespace choral::portal {

// A criterion that cannot be used, said in French naming its field. `field` is the input's id.
struct SearchFieldError {
  std::string field;
  std::string message;
};

// One text criterion of the form: its query parameter (also the input's id) and label key.
struct SearchTextField {
  std::string_view name;       // "numero"
  std::string_view label_key;  // "search.number"
};
// The text criteria, in the order the form shows them: numero, contrepartie, service, emise_du,
// emise_au, deposee_du, deposee_au, montant_min, montant_max.
const std::vector<SearchTextField>& SearchTextFields();

// The sort parameter `tri` and what it sorts by: depot, emission, numero, contrepartie, montant,
// statut.
const std::vector<std::pair<std::string_view, platform::InvoiceSort>>& SortParams();

struct InvoiceSearchForm {
  std::map<std::string, std::string, std::less<>> texts;  // as typed, trimmed, <= 100 bytes
  std::vector<std::string> status_codes;  // the checked statut boxes (known codes, once each)
  std::string sort = "depot";             // a SortParams() name
  bool descending = true;                 // ordre=asc|desc
  platform::InvoiceSearch search;  // the criteria that parsed; page and page size are the caller's
  std::vector<SearchFieldError> errors;

  const std::string& Text(std::string_view name) const;
  // True when a criterion (not the sort) is given: an empty result then says "none match".
  bool HasCriteria() const;
  // The criteria and the sort as a query string ("numero=F%201&statut=REJETEE&tri=montant&
  // ordre=asc"), without the page; only non-empty criteria. `sort`/`descending` override the
  // form's own when given.
  std::string QueryString() const;
  std::string QueryString(std::string_view sort, bool descending) const;
};

// Reads the criteria of `query` (the request's query string) for a list of `space`. Dates are
// ISO (a date input) or French (26/11/2026); amounts machine or French ("1 234,56"). Invalid ones
// and ranges whose start is after their end give an error each and do not filter.
InvoiceSearchForm ParseInvoiceSearchForm(const Catalogue& catalogue, const http::Form& query,
                                         platform::InvoiceSpace space);

// `text` percent-encoded for a URL query (RFC 3986 unreserved characters kept).
std::string PercentEncode(std::string_view text);

}  // namespace choral::portal
