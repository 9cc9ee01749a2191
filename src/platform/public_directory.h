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

// One page of a directory search: the structures found and how many match in all.
struct DirectorySearchResult {
  std::vector<directory::Structure> structures;
  int64_t total = 0;
};

// Thread-safe.
class PublicDirectory {
 public:
  explicit PublicDirectory(const store::Store& store) : store_(store) {}

  // The active public structure with this SIRET (spaces allowed) and its active services.
  // kInvalidArgument for a malformed SIRET, kNotFound when no active public structure has it.
  core::Result<PublicStructureView> FindBySiret(std::string_view siret) const;

  // Active public structures whose name, SIRET or address (the town) contains `text`, by name;
  // `page` is 1-based, `page_size` 1..100. kInvalidArgument for text over 100 bytes.
  core::Result<DirectorySearchResult> Search(std::string_view text, int page, int page_size) const;

 private:
  const store::Store& store_;
};

}  // namespace choral::platform
