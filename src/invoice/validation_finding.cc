#include "invoice/validation_finding.h"

namespace choral::invoice {

std::string_view FindingFlagName(FindingFlag flag) {
  return flag == FindingFlag::kFatal ? "fatal" : "warning";
}

}  // namespace choral::invoice
