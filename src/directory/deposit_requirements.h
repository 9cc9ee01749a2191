// DepositRequirements: which references an invoice to a structure (and service) must carry.
#pragma once

#include "directory/service.h"
#include "directory/structure.h"

namespace choral::directory {

struct DepositRequirements {
  bool service_code = false;       // the service code must be given
  bool engagement_number = false;  // the engagement number must be given
  bool either = false;             // at least one of the two must be given

  friend bool operator==(const DepositRequirements&, const DepositRequirements&) = default;
};

// Combines the recipient's flags with the chosen service's (a service may require the engagement
// number even when its structure does not). `service` is null when none was chosen.
DepositRequirements RequirementsFor(const Structure& recipient, const Service* service);

}  // namespace choral::directory
