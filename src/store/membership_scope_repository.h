// MembershipScopeRepository: what one attachment covers besides its role: the services it is
// limited to, and its rights on the portal's spaces.
#pragma once

#include <vector>

#include "accounts/space_access.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

struct SpaceGrant {
  accounts::Space space = accounts::Space::kSentInvoices;
  accounts::SpaceAccess access = accounts::SpaceAccess::kConsultation;

  friend bool operator==(const SpaceGrant&, const SpaceGrant&) = default;
};

// Bound to one Transaction (see store.h); not thread-safe.
class MembershipScopeRepository {
 public:
  virtual ~MembershipScopeRepository() = default;

  // Replaces the services `membership` is limited to (empty: the whole structure). kNotFound
  // when the membership or a service does not exist.
  virtual core::Status SetServices(core::MembershipId membership,
                                   const std::vector<core::ServiceId>& services) = 0;
  // In service id order.
  virtual core::Result<std::vector<core::ServiceId>> Services(core::MembershipId membership) = 0;

  // Sets (or replaces) the access on `grant.space`. kNotFound when the membership does not exist.
  virtual core::Status Grant(core::MembershipId membership, const SpaceGrant& grant) = 0;
  // Removes any access to `space`.
  virtual core::Status Revoke(core::MembershipId membership, accounts::Space space) = 0;
  // In space code order.
  virtual core::Result<std::vector<SpaceGrant>> Spaces(core::MembershipId membership) = 0;
};

}  // namespace choral::store
