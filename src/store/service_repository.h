// ServiceRepository: the services (departments with a service code) of public structures.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "directory/service.h"

namespace choral::store {

// Bound to one Transaction (see store.h); not thread-safe. The caller validates
// (directory::ValidateService) before it writes.
class ServiceRepository {
 public:
  virtual ~ServiceRepository() = default;

  // Inserts `service` (its id is ignored) and returns the new id. kAlreadyExists naming the code
  // when the structure already has a service with this code; kNotFound when the structure does
  // not exist.
  virtual core::Result<core::ServiceId> Insert(const directory::Service& service) = 0;

  // Saves every field of the service `service.id`. kNotFound when there is none;
  // kAlreadyExists when the new code is taken in the structure.
  virtual core::Status Update(const directory::Service& service) = 0;

  // kNotFound naming the id when there is none.
  virtual core::Result<directory::Service> Get(core::ServiceId id) = 0;

  // The service of `structure` with this code (exact match), or nullopt.
  virtual core::Result<std::optional<directory::Service>> FindByCode(core::StructureId structure,
                                                                     std::string_view code) = 0;

  // The structure's services in code order (empty when it has none or does not exist).
  virtual core::Result<std::vector<directory::Service>> ListByStructure(
      core::StructureId structure) = 0;
};

}  // namespace choral::store
