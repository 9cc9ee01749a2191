// Manager access: what every manager use case does first (load the actor's attachment to the
// structure and check they manage it) and last (its audit event about the structure).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "accounts/membership.h"
#include "core/ids.h"
#include "core/result.h"
#include "directory/structure.h"
#include "platform/actor.h"
#include "store/store.h"

namespace choral::platform {

// "user:12", as audit events name a person.
std::string AuditActor(core::UserId user);
// "structure:3": the subject of every manager action, so that the structure's history is the
// audit chain read by subject (AuditLog::ListBySubject).
std::string StructureSubject(core::StructureId structure);

// The actor's membership of `structure`, read in `tx`, when it makes them a manager there
// (approved, main or secondary). kNotFound when the structure does not exist; kPermissionDenied
// for anyone else, platform administrators included: they are not the structure's managers.
core::Result<accounts::Membership> RequireManager(store::Transaction& tx, const Actor& actor,
                                                  core::StructureId structure);

// Appends "<action>" by the actor about the structure, with `details`.
core::Status AuditStructure(store::Transaction& tx, const Actor& actor, std::string action,
                            core::StructureId structure, const nlohmann::json& details);

}  // namespace choral::platform
