// SupportFlagRepository: structures left without a main manager, for platform support to appoint
// one (FUNCTIONAL.md §3.3).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

struct SupportFlag {
  core::StructureId structure_id;
  std::string reason;
  core::Timestamp flagged_at{};

  friend bool operator==(const SupportFlag&, const SupportFlag&) = default;
};

// Bound to one Transaction (see store.h); not thread-safe.
class SupportFlagRepository {
 public:
  virtual ~SupportFlagRepository() = default;

  // Flags the structure (replacing an earlier flag). kNotFound when it does not exist.
  virtual core::Status Flag(const SupportFlag& flag) = 0;
  // Removes the flag, if any.
  virtual core::Status Clear(core::StructureId structure) = 0;
  virtual core::Result<std::optional<SupportFlag>> Find(core::StructureId structure) = 0;
  // Every flag, oldest first.
  virtual core::Result<std::vector<SupportFlag>> List() = 0;
};

}  // namespace choral::store
