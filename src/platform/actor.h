// Actor: who is asking. Every use case takes one and decides from it what may be done.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/role.h"
#include "accounts/space_access.h"
#include "core/ids.h"
#include "directory/structure.h"

namespace choral::platform {

// What an attachment covers besides its role (LoadActor fills it through ApplyScope; the rule is
// in platform/invoice_access.h). The defaults are full rights: an actor built otherwise (an API
// token, a test) is not restricted.
struct AttachmentScope {
  std::vector<std::string> service_codes;  // the services a simple user is limited to; empty: all
  std::optional<accounts::SpaceAccess> sent_invoices = accounts::SpaceAccess::kModification;
  std::optional<accounts::SpaceAccess> received_invoices = accounts::SpaceAccess::kModification;
};

// One structure the actor acts for, with their role there (approved attachments only).
struct ActorStructure {
  core::StructureId id;
  std::string name;
  std::string identifier;  // SIRET or other identifier
  directory::StructureKind kind = directory::StructureKind::kPrivate;
  accounts::Role role = accounts::Role::kUser;
  AttachmentScope scope;
};

struct Actor {
  core::UserId user_id;
  std::string email;
  std::string display_name;
  bool platform_admin = false;
  std::vector<ActorStructure> structures;
  std::string csrf_token;  // of the session the actor came through; empty for API clients
  // The OAuth2 client id when a program acts through the API (ApiAccess::AuthenticateBearer):
  // then user_id is unset and `structures` holds the one structure the token is bound to.
  std::string api_client;

  // The actor's role on `structure`, if attached to it.
  const ActorStructure* On(core::StructureId structure) const;
  // Attached to at least one public structure: sees received invoices.
  bool ActsForPublicEntity() const;
  // Attached to at least one private structure: deposits invoices.
  bool ActsForSupplier() const;
  bool ManagesAny() const;
};

}  // namespace choral::platform
