// DemoData: a small, realistic platform to try Choral on: public entities, suppliers, people.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "platform/password_hasher.h"
#include "store/store.h"

namespace choral::platform {

struct DemoLogin {
  std::string email;
  std::string password;  // generated at seeding, shown once, stored only as a hash
  std::string structure_name;
  std::string role;  // role code, e.g. "GESTIONNAIRE_PRINCIPAL"
};

struct DemoSeedReport {
  bool already_seeded = false;  // demo data were there already: nothing written, no passwords
  int structures = 0;
  int services = 0;
  std::vector<DemoLogin> logins;
};

// Writes the demo structures, services and accounts in one transaction, with audit events.
// Idempotent: a second run finds them and reports already_seeded.
core::Result<DemoSeedReport> SeedDemoData(store::Store& store, const PasswordHasher& hasher);

}  // namespace choral::platform
