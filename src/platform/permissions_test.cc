// Each check here closed a hole the authorization matrix (tests/http/authz_matrix.test.mjs)
// found: the handler validated the form before anyone asked whether the actor may act.
#include "platform/permissions.h"

#include <gtest/gtest.h>

namespace choral::platform {
namespace {

using accounts::Role;
using directory::StructureKind;

Actor Person(std::vector<ActorStructure> structures, bool admin = false) {
  Actor actor;
  actor.user_id = core::UserId(7);
  actor.platform_admin = admin;
  actor.structures = std::move(structures);
  return actor;
}

ActorStructure On(int64_t id, StructureKind kind, Role role) {
  ActorStructure s;
  s.id = core::StructureId(id);
  s.kind = kind;
  s.role = role;
  return s;
}

bool Denied(const core::Status& status) {
  return !status && status.error().code == core::ErrorCode::kPermissionDenied;
}

// Leak: POST /factures/deposer and /factures/deposer/lot answered 422 to recipients and admins.
TEST(PermissionsTest, OnlySuppliersDeposit) {
  EXPECT_TRUE(MayDeposit(Person({On(1, StructureKind::kPrivate, Role::kUser)})));
  EXPECT_TRUE(Denied(MayDeposit(Person({On(2, StructureKind::kPublic, Role::kMainManager)}))));
  EXPECT_TRUE(Denied(MayDeposit(Person({}, /*admin=*/true))));
}

// Leak: POST /gestion/:structure/decision and /espaces answered 400 to simple users and to the
// managers of other structures.
TEST(PermissionsTest, ManagersManageTheirOwnStructureOnly) {
  Actor manager = Person({On(1, StructureKind::kPrivate, Role::kSecondaryManager)});
  EXPECT_TRUE(MayManage(manager, core::StructureId(1)));
  EXPECT_TRUE(Denied(MayManage(manager, core::StructureId(2))));
  EXPECT_TRUE(Denied(
      MayManage(Person({On(1, StructureKind::kPrivate, Role::kUser)}), core::StructureId(1))));
  EXPECT_TRUE(Denied(MayManage(Person({}, /*admin=*/true), core::StructureId(1))));
  Actor program = manager;
  program.api_client = "client-1";
  EXPECT_TRUE(Denied(MayManage(program, core::StructureId(1))));
}

// Leak: POST /connexions-api/comptes and /clients answered 422 to simple users and admins.
TEST(PermissionsTest, OnlyManagersSetUpApiAccess) {
  EXPECT_TRUE(MayManageApiAccess(Person({On(1, StructureKind::kPublic, Role::kMainManager)})));
  EXPECT_TRUE(Denied(MayManageApiAccess(Person({On(1, StructureKind::kPublic, Role::kUser)}))));
  EXPECT_TRUE(Denied(MayManageApiAccess(Person({}, /*admin=*/true))));
}

// Leak: POST /support/gestionnaire-principal answered 422 to everyone but the admin.
TEST(PermissionsTest, OnlyAdministratorsDoSupport) {
  EXPECT_TRUE(MaySupport(Person({}, /*admin=*/true)));
  EXPECT_TRUE(Denied(MaySupport(Person({On(1, StructureKind::kPublic, Role::kMainManager)}))));
}

}  // namespace
}  // namespace choral::platform
