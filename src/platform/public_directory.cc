#include "platform/public_directory.h"

#include <algorithm>

#include "core/siret.h"

namespace choral::platform {

core::Result<PublicStructureView> PublicDirectory::FindBySiret(std::string_view siret) const {
  auto parsed = core::Siret::Parse(siret);
  if (!parsed) return core::Fail(parsed.error());
  PublicStructureView view;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto found =
        tx.structures().FindByIdentifier(directory::IdentifierType::kSiret, parsed->digits());
    if (!found) return core::Fail(found.error());
    if (!*found || (*found)->kind != directory::StructureKind::kPublic || !(*found)->active) {
      return core::Fail(core::ErrorCode::kNotFound,
                        "no active public structure has SIRET " + parsed->digits());
    }
    view.structure = std::move(**found);
    auto services = tx.services().ListByStructure(view.structure.id);
    if (!services) return core::Fail(services.error());
    for (auto& service : *services) {
      if (service.active) view.services.push_back(std::move(service));
    }
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return view;
}

core::Result<DirectorySearchResult> PublicDirectory::Search(std::string_view text, int page,
                                                            int page_size) const {
  constexpr size_t kMaxTextBytes = 100;
  if (text.size() > kMaxTextBytes) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "search text is " + std::to_string(text.size()) + " bytes; the limit is " +
                          std::to_string(kMaxTextBytes));
  }
  store::StructureQuery query;
  query.kind = directory::StructureKind::kPublic;
  query.active_only = true;
  query.text = std::string(text);
  query.limit = std::clamp(page_size, 1, 100);
  query.offset = (std::max(page, 1) - 1) * query.limit;
  DirectorySearchResult result;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto found = tx.structures().Search(query);
    if (!found) return core::Fail(found.error());
    result.structures = std::move(*found);
    auto total = tx.structures().CountMatching(query);
    if (!total) return core::Fail(total.error());
    result.total = *total;
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return result;
}

}  // namespace choral::platform
