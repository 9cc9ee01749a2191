#include "platform/manager_access.h"

#include "accounts/manager_rules.h"

namespace choral::platform {

std::string AuditActor(core::UserId user) { return "user:" + std::to_string(user.value()); }

std::string StructureSubject(core::StructureId structure) {
  return "structure:" + std::to_string(structure.value());
}

core::Result<accounts::Membership> RequireManager(store::Transaction& tx, const Actor& actor,
                                                  core::StructureId structure) {
  auto exists = tx.structures().Get(structure);
  if (!exists) return core::Fail(exists.error());
  auto membership = tx.memberships().Find(actor.user_id, structure);
  if (!membership) return core::Fail(membership.error());
  if (auto may = accounts::CheckMayManage(*membership); !may) return core::Fail(may.error());
  return **membership;
}

core::Status AuditStructure(store::Transaction& tx, const Actor& actor, std::string action,
                            core::StructureId structure, const nlohmann::json& details) {
  auto event = tx.audit().Append(AuditActor(actor.user_id), std::move(action),
                                 StructureSubject(structure), details.dump());
  if (!event) return core::Fail(event.error());
  return core::Ok();
}

}  // namespace choral::platform
