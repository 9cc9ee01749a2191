#include "platform/structure_services.h"

#include <nlohmann/json.hpp>

#include "platform/manager_access.h"

namespace choral::platform {

core::Result<std::vector<directory::Service>> StructureServices::List(
    const Actor& actor, core::StructureId structure) const {
  std::vector<directory::Service> out;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    if (auto manager = RequireManager(tx, actor, structure); !manager) {
      return core::Fail(manager.error());
    }
    auto services = tx.services().ListByStructure(structure);
    if (!services) return core::Fail(services.error());
    out = std::move(*services);
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return out;
}

core::Result<core::ServiceId> StructureServices::Save(const Actor& actor,
                                                      const directory::Service& service) const {
  if (auto valid = directory::ValidateService(service); !valid) return core::Fail(valid.error());
  core::ServiceId id = service.id;
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    if (auto manager = RequireManager(tx, actor, service.structure_id); !manager) {
      return core::Fail(manager.error());
    }
    auto structure = tx.structures().Get(service.structure_id);
    if (!structure) return core::Fail(structure.error());
    if (structure->kind != directory::StructureKind::kPublic) {
      return core::Fail(core::ErrorCode::kInvalidArgument, "only public structures have services");
    }
    std::string action = "service.created";
    if (id.valid()) {
      auto existing = tx.services().Get(id);
      if (!existing || existing->structure_id != service.structure_id) {
        return core::Fail(core::ErrorCode::kNotFound,
                          "service " + std::to_string(id.value()) + " does not exist");
      }
      if (auto saved = tx.services().Update(service); !saved) return saved;
      action = "service.updated";
    } else {
      auto inserted = tx.services().Insert(service);
      if (!inserted) return core::Fail(inserted.error());
      id = *inserted;
    }
    nlohmann::json details = {{"service", id.value()},
                              {"code", service.code},
                              {"name", service.name},
                              {"active", service.active},
                              {"engagement_number_required", service.engagement_number_required},
                              {"payment_status_reported", service.payment_status_reported},
                              {"valid_from", service.valid_from ? service.valid_from->ToIso() : ""},
                              {"valid_to", service.valid_to ? service.valid_to->ToIso() : ""}};
    return AuditStructure(tx, actor, action, service.structure_id, details);
  });
  if (!written) return core::Fail(written.error());
  return id;
}

}  // namespace choral::platform
