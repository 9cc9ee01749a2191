// The values of the public directory's result list (/annuaire?q=...): one entry per public
// structure with the references a deposit to it must carry, and the page links.
#pragma once

#include <string_view>

#include <mstch/mstch.hpp>

#include "platform/public_directory.h"
#include "portal/catalogue.h"

namespace choral::portal {

// {count, has_results, results: [{name, siret, address, href, badges: [{text, strong}]}],
//  paginated, page_text, previous_href?, next_href?}. `page` is the 1-based page shown,
// `page_size` the size asked of PublicDirectory::Search; the links keep `text`.
mstch::map DirectorySearchData(const Catalogue& catalogue,
                               const platform::DirectorySearchResult& result, std::string_view text,
                               int page, int page_size);

}  // namespace choral::portal
