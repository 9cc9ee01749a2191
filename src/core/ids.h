// Typed ids: a StructureId cannot be passed where a UserId is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace choral::core {

// A database row id wrapped in a type per entity. Zero means "not assigned yet".
template <typename Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(int64_t value) : value_(value) {}

  constexpr int64_t value() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }

  friend constexpr auto operator<=>(Id, Id) = default;

 private:
  int64_t value_ = 0;
};

using StructureId = Id<struct StructureTag>;
using ServiceId = Id<struct ServiceTag>;
using UserId = Id<struct UserTag>;
using MembershipId = Id<struct MembershipTag>;
using InvoiceId = Id<struct InvoiceTag>;

}  // namespace choral::core

template <typename Tag>
struct std::hash<choral::core::Id<Tag>> {
  size_t operator()(choral::core::Id<Tag> id) const noexcept {
    return std::hash<int64_t>{}(id.value());
  }
};
