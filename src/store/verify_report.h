// VerifyReport: what `choral admin verify` found when it walked the audit chain and the blobs.
#pragma once

#include <cstdint>
#include <string>

namespace choral::store {

struct VerifyReport {
  int64_t events_checked = 0;  // audit events read, up to and including the first broken one
  int64_t blobs_checked = 0;   // blobs whose bytes were hashed again
  bool ok = true;              // no broken link found
  // The first problem, in words, empty when ok: "audit event 17: hash does not match its
  // content", "audit event 18: previous_hash does not match event 17", "audit sequence jumps
  // from 5 to 7", "blob 3fa1...: bytes do not match their SHA-256".
  std::string first_problem;
};

}  // namespace choral::store
