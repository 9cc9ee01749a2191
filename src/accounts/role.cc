#include "accounts/role.h"

namespace choral::accounts {

std::string_view RoleCode(Role role) {
  switch (role) {
    case Role::kMainManager:
      return "GESTIONNAIRE_PRINCIPAL";
    case Role::kSecondaryManager:
      return "GESTIONNAIRE_SECONDAIRE";
    case Role::kUser:
      return "UTILISATEUR";
  }
  return "UTILISATEUR";  // unreachable for a declared enumerator; the least powerful role
}

std::optional<Role> ParseRole(std::string_view code) {
  for (Role role : {Role::kMainManager, Role::kSecondaryManager, Role::kUser}) {
    if (RoleCode(role) == code) return role;
  }
  return std::nullopt;
}

}  // namespace choral::accounts
