#include "platform/permissions.h"

#include "platform/invoice_access.h"

namespace choral::platform {

core::Status MayDeposit(const Actor& actor) {
  if (!actor.ActsForSupplier()) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "only people acting for a supplier deposit invoices");
  }
  // Space rights (invoice_access.h): consultation only on sent invoices deposits nothing.
  if (!MayDepositAny(actor)) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "only suppliers with MODIFICATION on their sent invoices deposit");
  }
  return core::Ok();
}

core::Status MayManage(const Actor& actor, core::StructureId structure) {
  const ActorStructure* on = actor.On(structure);
  if (on == nullptr || !accounts::IsManager(on->role) || !actor.api_client.empty()) {
    return core::Fail(
        core::ErrorCode::kPermissionDenied,
        "only the managers of structure " + std::to_string(structure.value()) + " manage it");
  }
  return core::Ok();
}

core::Status MayManageApiAccess(const Actor& actor) {
  if (!actor.ManagesAny() || !actor.api_client.empty()) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "only the managers of a structure manage its API access");
  }
  return core::Ok();
}

core::Status MaySupport(const Actor& actor) {
  if (!actor.platform_admin) {
    return core::Fail(core::ErrorCode::kPermissionDenied, "platform administrators only");
  }
  return core::Ok();
}

}  // namespace choral::platform
