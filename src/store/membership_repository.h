// MembershipRepository: users' attachments to structures (roles and attachment states).
#pragma once

#include <optional>
#include <vector>

#include "accounts/membership.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

// Bound to one Transaction (see store.h); not thread-safe.
class MembershipRepository {
 public:
  virtual ~MembershipRepository() = default;

  // Inserts `membership` (its id is ignored) and returns the new id. kAlreadyExists when the
  // user already has a membership of this structure (whatever its status); kNotFound when the
  // user or the structure does not exist.
  virtual core::Result<core::MembershipId> Insert(const accounts::Membership& membership) = 0;

  // Saves role, status, user, structure and created_at of `membership.id`. kNotFound when there
  // is none; kAlreadyExists when it would duplicate another (user, structure) pair.
  virtual core::Status Update(const accounts::Membership& membership) = 0;

  // kNotFound naming the id when there is none.
  virtual core::Result<accounts::Membership> Get(core::MembershipId id) = 0;

  // The membership of `user` in `structure`, or nullopt.
  virtual core::Result<std::optional<accounts::Membership>> Find(core::UserId user,
                                                                 core::StructureId structure) = 0;

  // All memberships of a user / of a structure, whatever their status, in id order.
  virtual core::Result<std::vector<accounts::Membership>> ListByUser(core::UserId user) = 0;
  virtual core::Result<std::vector<accounts::Membership>> ListByStructure(
      core::StructureId structure) = 0;
};

}  // namespace choral::store
