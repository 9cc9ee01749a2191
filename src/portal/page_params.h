// Small readers shared by the page handlers: ids from the path, the actor's supplier, the
// refusal of a page to someone who may not see it.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/ids.h"
#include "http/request.h"
#include "platform/actor.h"

namespace choral::portal {

// A positive decimal integer, all of `text`; nullopt otherwise.
inline std::optional<int64_t> ParsePositive(std::string_view text) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// The positive integer the route captured as `name`, if it is one.
inline std::optional<int64_t> PathId(const http::Request& request, const std::string& name) {
  auto it = request.path_params.find(name);
  if (it == request.path_params.end()) return std::nullopt;
  return ParsePositive(it->second);
}

// The structure the route captured as `structure`; an unset id (which nothing matches) otherwise.
inline core::StructureId StructureIdOf(const http::Request& request) {
  return core::StructureId(PathId(request, "structure").value_or(0));
}

inline std::optional<core::InvoiceId> InvoiceIdOf(const http::Request& request) {
  auto value = PathId(request, "id");
  if (!value) return std::nullopt;
  return core::InvoiceId(*value);
}

// The first supplier structure the actor acts for (none: an unset id the platform refuses).
inline core::StructureId FirstSupplier(const platform::Actor& actor) {
  for (const platform::ActorStructure& structure : actor.structures) {
    if (structure.kind == directory::StructureKind::kPrivate) return structure.id;
  }
  return core::StructureId();
}

inline core::Error Forbidden(std::string message) {
  return core::Error{core::ErrorCode::kPermissionDenied, std::move(message)};
}

}  // namespace choral::portal
