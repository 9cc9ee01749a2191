// The invoice list page's values (templates/invoices.mustache): the search form as typed, its
// errors, the rows, the sortable column headers and the pagination, every link keeping the
// criteria and the sort. Pure; tested without a server.
#pragma once

#include <string_view>

#include <mstch/mstch.hpp>

#include "platform/actor.h"
#include "platform/invoice_processing.h"
#include "portal/catalogue.h"
#include "portal/invoice_search_form.h"

namespace choral::portal {

// `form.search` holds the page and page size shown; `base_path` is the page's own path.
mstch::map InvoiceListData(const Catalogue& catalogue, const platform::Actor& actor,
                           const platform::InvoiceList& list, const InvoiceSearchForm& form,
                           std::string_view base_path);

}  // namespace choral::portal
