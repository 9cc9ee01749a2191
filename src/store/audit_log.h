// AuditLog: the append-only, hash-chained record of every state change (DESIGN.md, Storage).
// Each event carries the SHA-256 of the previous one, so an edited, removed or reordered event
// breaks the chain and Store::Verify reports it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace choral::store {

struct AuditEvent {
  int64_t sequence = 0;       // 1, 2, 3, ... without gaps
  core::Timestamp at{};       // the store's clock when appended
  std::string actor;          // "user:12", "system", "cli"
  std::string action;         // "structure.created"
  std::string subject;        // "structure:3"
  std::string details;        // JSON text, may be empty
  std::string previous_hash;  // `hash` of event sequence-1; 64 '0' for the first event
  std::string hash;           // AuditEventHash(*this): hex SHA-256

  friend bool operator==(const AuditEvent&, const AuditEvent&) = default;
};

// The previous_hash of the first event: 64 '0'.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The hash an event must carry: hex SHA-256 over an unambiguous encoding of sequence, at (ms
// since epoch), actor, action, subject, details and previous_hash (each string prefixed by its
// length, so no two different events encode alike). `event.hash` itself is ignored.
std::string AuditEventHash(const AuditEvent& event);

// Bound to one Transaction (see store.h); not thread-safe. No update or delete: append only.
class AuditLog {
 public:
  virtual ~AuditLog() = default;

  // Appends the next event of the chain, in the current transaction (so it commits or rolls back
  // with the change it records). Concurrent appends never fork the chain: they are serialised
  // (one SQLite writer; a lock on the chain head in PostgreSQL). Returns the stored event.
  // kInternal when called inside Store::Read.
  virtual core::Result<AuditEvent> Append(std::string actor, std::string action,
                                          std::string subject, std::string details) = 0;

  // Up to `limit` events with sequence > after_sequence, in sequence order.
  virtual core::Result<std::vector<AuditEvent>> List(int64_t after_sequence, int limit) = 0;

  // The latest `limit` events about `subject` ("structure:3"), newest first.
  virtual core::Result<std::vector<AuditEvent>> ListBySubject(const std::string& subject,
                                                              int limit) = 0;
};

}  // namespace choral::store
