// StructureServices: the managers of a public structure list, create and edit its services
// (code, name, engagement number required, payment reported, validity dates, active).
#pragma once

#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "directory/service.h"
#include "platform/actor.h"
#include "store/store.h"

namespace choral::platform {

// Thread-safe.
class StructureServices {
 public:
  explicit StructureServices(store::Store& store) : store_(store) {}

  // The structure's services in code order. kPermissionDenied unless the actor manages it.
  core::Result<std::vector<directory::Service>> List(const Actor& actor,
                                                     core::StructureId structure) const;

  // Creates the service (when `service.id` is not valid) or saves it, audited about the
  // structure. kPermissionDenied unless the actor manages `service.structure_id`;
  // kInvalidArgument for a private structure or a service that fails
  // directory::ValidateService; kAlreadyExists when the code is taken in the structure;
  // kNotFound when the edited service is not one of the structure's.
  core::Result<core::ServiceId> Save(const Actor& actor, const directory::Service& service) const;

 private:
  store::Store& store_;
};

}  // namespace choral::platform
