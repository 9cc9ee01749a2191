#include "directory/deposit_requirements.h"

namespace choral::directory {

DepositRequirements RequirementsFor(const Structure& recipient, const Service* service) {
  DepositRequirements out;
  out.service_code = recipient.flags.service_code_required;
  // FUNCTIONAL.md §2.2: a service's numeroEngagement flag adds to its structure's, it never
  // lifts it; the service code flag exists only on the structure.
  out.engagement_number = recipient.flags.engagement_number_required ||
                          (service != nullptr && service->engagement_number_required);
  out.either = recipient.flags.service_code_or_engagement_required;
  return out;
}

}  // namespace choral::directory
