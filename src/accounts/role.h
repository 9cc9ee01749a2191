// Role: what a person may do on a structure.
#pragma once

#include <optional>
#include <string_view>

namespace choral::accounts {

enum class Role {
  kMainManager,       // gestionnaire principal: one per structure
  kSecondaryManager,  // gestionnaire secondaire
  kUser,              // utilisateur simple
};

// "GESTIONNAIRE_PRINCIPAL", "GESTIONNAIRE_SECONDAIRE", "UTILISATEUR".
std::string_view RoleCode(Role role);
std::optional<Role> ParseRole(std::string_view code);

// Main and secondary managers manage the structure's users and services.
inline bool IsManager(Role role) { return role != Role::kUser; }

}  // namespace choral::accounts
