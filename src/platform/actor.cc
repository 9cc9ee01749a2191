#include "platform/actor.h"

#include <algorithm>

namespace choral::platform {

const ActorStructure* Actor::On(core::StructureId structure) const {
  for (const auto& s : structures) {
    if (s.id == structure) return &s;
  }
  return nullptr;
}

bool Actor::ActsForPublicEntity() const {
  return std::any_of(structures.begin(), structures.end(), [](const ActorStructure& s) {
    return s.kind == directory::StructureKind::kPublic;
  });
}

bool Actor::ActsForSupplier() const {
  return std::any_of(structures.begin(), structures.end(), [](const ActorStructure& s) {
    return s.kind == directory::StructureKind::kPrivate;
  });
}

bool Actor::ManagesAny() const {
  return std::any_of(structures.begin(), structures.end(),
                     [](const ActorStructure& s) { return accounts::IsManager(s.role); });
}

}  // namespace choral::platform
