#include "store/audit_log.h"

#include <string_view>

#include "store/sha256.h"

namespace choral::store {
namespace {

// Netstring-like framing ("<length>:<bytes>\n"): a field cannot bleed into the next one, so no
// two different events share an encoding, whatever bytes actor or details hold.
void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += '\n';
}

}  // namespace

std::string AuditEventHash(const AuditEvent& event) {
  std::string encoded = "choral-audit-v1\n";
  AppendField(encoded, std::to_string(event.sequence));
  AppendField(encoded, std::to_string(event.at.time_since_epoch().count()));
  AppendField(encoded, event.actor);
  AppendField(encoded, event.action);
  AppendField(encoded, event.subject);
  AppendField(encoded, event.details);
  AppendField(encoded, event.previous_hash);
  return Sha256Hex(encoded);
}

}  // namespace choral::store
