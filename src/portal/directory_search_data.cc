#include "portal/directory_search_data.h"

#include <algorithm>
#include <string>

#include "portal/invoice_search_form.h"
#include "portal/view_models.h"

namespace choral::portal {
namespace {

// What a supplier must write on an invoice to this structure, as short badges; the strong ones
// make a deposit fail when missing.
mstch::array Badges(const Catalogue& catalogue, const directory::StructureFlags& flags) {
  mstch::array badges;
  auto add = [&](std::string_view key, bool strong) {
    badges.push_back(mstch::map{{"text", std::string(catalogue.Text(key))}, {"strong", strong}});
  };
  if (flags.service_code_required) add("directory.badge_service_code", true);
  if (flags.engagement_number_required) add("directory.badge_engagement", true);
  if (flags.service_code_or_engagement_required) add("directory.badge_either", true);
  if (badges.empty()) add("directory.badge_none", false);
  return badges;
}

}  // namespace

mstch::map DirectorySearchData(const Catalogue& catalogue,
                               const platform::DirectorySearchResult& result, std::string_view text,
                               int page, int page_size) {
  mstch::array results;
  for (const directory::Structure& structure : result.structures) {
    results.push_back(mstch::map{
        {"name", structure.name},
        {"siret", DisplayIdentifier(structure.identifier_type, structure.identifier)},
        {"address", structure.address},
        {"href", "/annuaire?siret=" + structure.identifier},
        {"badges", Badges(catalogue, structure.flags)},
    });
  }
  int64_t size = std::max(1, page_size);
  int64_t pages = std::max<int64_t>(1, (result.total + size - 1) / size);
  int64_t shown = std::clamp<int64_t>(page, 1, pages);
  auto href = [&](int64_t target) {
    return "/annuaire?q=" + PercentEncode(text) + "&page=" + std::to_string(target);
  };
  mstch::map data{
      {"count", result.total == 0   ? std::string(catalogue.Text("directory.count_none"))
                : result.total == 1 ? std::string(catalogue.Text("directory.count_one"))
                                    : catalogue.Format("directory.count_many",
                                                       {{"count", FormatCount(result.total)}})},
      {"has_results", !results.empty()},
      {"results", std::move(results)},
      {"paginated", pages > 1},
      {"page_text", catalogue.Format("invoices.page_of", {{"page", std::to_string(shown)},
                                                          {"pages", std::to_string(pages)}})},
  };
  if (shown > 1) data["previous_href"] = href(shown - 1);
  if (shown < pages) data["next_href"] = href(shown + 1);
  return data;
}

}  // namespace choral::portal
