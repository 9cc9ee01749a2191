// Service: a department of a public structure that receives invoices under its service code.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::directory {

struct Service {
  core::ServiceId id;
  core::StructureId structure_id;
  std::string code;  // codeService: 1..100 characters of A-Z a-z 0-9 - _ / . (unique per structure)
  std::string name;  // libelleService
  bool active = true;
  std::optional<core::Date> valid_from;     // dateDebutValidite
  std::optional<core::Date> valid_to;       // dateFinValidite, inclusive; none = open-ended
  bool engagement_number_required = false;  // numeroEngagement
  bool payment_status_reported = true;      // miseEnPaiement

  // Active and, on `today`, inside its validity dates.
  bool AcceptsInvoicesOn(core::Date today) const;

  friend bool operator==(const Service&, const Service&) = default;
};

// Checks code, name (1..200 characters) and dates (valid_from <= valid_to). kInvalidArgument
// naming the field.
core::Status ValidateService(const Service& service);

}  // namespace choral::directory
