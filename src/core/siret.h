// Siren and Siret: French company (9 digits) and establishment (14 digits) identifiers.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "core/result.h"

namespace choral::core {

// A SIREN: 9 digits whose Luhn checksum holds. Immutable.
class Siren {
 public:
  // Accepts digits with spaces, dots or non-breaking spaces between groups ("732 829 320").
  // kInvalidArgument naming the value when it does not have 9 digits or fails the checksum.
  static Result<Siren> Parse(std::string_view text);

  const std::string& digits() const { return digits_; }
  // "732 829 320".
  std::string ToDisplay() const;

  friend auto operator<=>(const Siren&, const Siren&) = default;

 private:
  explicit Siren(std::string digits) : digits_(std::move(digits)) {}
  std::string digits_;
};

// A SIRET: a valid SIREN followed by a 5-digit NIC, the 14 digits passing the Luhn checksum, except
// La Poste's establishments (SIREN 356000000) whose digits may instead sum to a multiple of 5,
// since INSEE ran out of Luhn-valid NICs for its thousands of post offices (La Poste's head
// office, 356 000 000 00048, passes Luhn and not the sum rule).
class Siret {
 public:
  // Same separators as Siren::Parse. kInvalidArgument naming the value otherwise.
  static Result<Siret> Parse(std::string_view text);

  const std::string& digits() const { return digits_; }
  Siren siren() const;
  std::string nic() const { return digits_.substr(9); }
  // "732 829 320 00074".
  std::string ToDisplay() const;

  friend auto operator<=>(const Siret&, const Siret&) = default;

 private:
  explicit Siret(std::string digits) : digits_(std::move(digits)) {}
  std::string digits_;
};

// True when `digits` (all ASCII digits) passes the Luhn checksum.
bool LuhnValid(std::string_view digits);

}  // namespace choral::core
