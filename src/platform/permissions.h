// Permissions: the coarse "may this actor use this kind of action at all" checks that a handler
// asks before it reads a form, so that a refusal is a refusal (403) whatever the form holds, never
// a validation error that tells an outsider the form was looked at. The use cases still make
// their fine checks (this invoice, this membership) themselves.
#pragma once

#include "core/ids.h"
#include "core/result.h"
#include "platform/actor.h"

namespace choral::platform {

// Acts for at least one supplier (private) structure; kPermissionDenied otherwise.
core::Status MayDeposit(const Actor& actor);

// A person (not an API program) managing `structure`, main or secondary; kPermissionDenied
// otherwise, platform administrators included: they are not the structure's managers.
core::Status MayManage(const Actor& actor, core::StructureId structure);

// A person managing at least one structure: API access is set up by a structure's managers.
core::Status MayManageApiAccess(const Actor& actor);

// A platform administrator (support).
core::Status MaySupport(const Actor& actor);

}  // namespace choral::platform
