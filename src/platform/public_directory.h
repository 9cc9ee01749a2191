// PublicDirectory: the searchable directory of public recipients (Chorus Pro's annuaire), open
// to anyone, as suppliers must find whom to invoice before they have an account.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "directory/service.h"
#include "directory/structure.h"
#include "store/store.h"

namespace choral::platform {

struct PublicStructureView {
  directory::Structure structure;
  std::vector<directory::Service> services;  // active services only
};

// Thread-safe.
class PublicDirectory {
 public:
  explicit PublicDirectory(const store::Store& store) : store_(store) {}

  // The active public structure with this SIRET (spaces allowed) and its active services.
  // kInvalidArgument for a malformed SIRET, kNotFound when no active public structure has it.
  core::Result<PublicStructureView> FindBySiret(std::string_view siret) const;

 private:
  const store::Store& store_;
};

}  // namespace choral::platform
