#include "platform/public_directory.h"

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

}  // namespace choral::platform
