// StructureRepository: structures (companies and public entities) kept in the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "directory/identifier_type.h"
#include "directory/structure.h"

namespace choral::store {

// What a directory search looks for: structures of `kind` (any when unset), active ones only when
// asked, whose name, identifier or address contains `text` (case-insensitive for ASCII letters;
// spaces in a typed SIRET are ignored).
struct StructureQuery {
  std::optional<directory::StructureKind> kind;
  bool active_only = false;
  std::string text;
  int limit = 20;
  int offset = 0;
};

// Bound to one Transaction (see store.h); not thread-safe. The caller validates
// (directory::ValidateStructure) before it writes; the store only keeps keys unique.
class StructureRepository {
 public:
  virtual ~StructureRepository() = default;

  // Inserts `structure` (its id is ignored) and returns the new id. kAlreadyExists naming the
  // identifier when a structure with the same (identifier_type, identifier) exists.
  virtual core::Result<core::StructureId> Insert(const directory::Structure& structure) = 0;

  // Saves every field of the structure `structure.id`. kNotFound when there is none;
  // kAlreadyExists when the new identifier is taken by another structure.
  virtual core::Status Update(const directory::Structure& structure) = 0;

  // kNotFound naming the id when there is none.
  virtual core::Result<directory::Structure> Get(core::StructureId id) = 0;

  // The structure with this (normalised) identifier, or nullopt.
  virtual core::Result<std::optional<directory::Structure>> FindByIdentifier(
      directory::IdentifierType type, std::string_view identifier) = 0;

  // Structures in id order, only of `kind` when given; at most `limit` after skipping `offset`.
  virtual core::Result<std::vector<directory::Structure>> List(
      std::optional<directory::StructureKind> kind, int limit, int offset) = 0;

  // How many structures exist.
  virtual core::Result<int64_t> Count() = 0;

  // The structures matching `query`, by name then id, and how many match in all.
  virtual core::Result<std::vector<directory::Structure>> Search(const StructureQuery& query) = 0;
  virtual core::Result<int64_t> CountMatching(const StructureQuery& query) = 0;
};

}  // namespace choral::store
