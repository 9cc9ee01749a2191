#include "store/sql_store.h"

#include "store/sha256.h"

namespace choral::store {
namespace {

constexpr int kPage = 1000;

// Walks the chain in sequence order and stops at the first broken link. Each event is checked
// against its own content first (an edit shows there), then against its predecessor (a removed,
// inserted or reordered event shows there), and the last one against audit_head (removing events
// at the end of the chain shows there).
core::Status CheckAuditChain(SqlTransaction& tx, VerifyReport& report) {
  int64_t expected = 1;
  std::string previous_hash(kAuditGenesisHash);
  for (;;) {
    auto page = tx.sql_audit().List(expected - 1, kPage);
    if (!page) return core::Fail(page.error());
    for (const AuditEvent& event : *page) {
      ++report.events_checked;
      const std::string seq = std::to_string(event.sequence);
      if (event.sequence != expected) {
        report.first_problem =
            expected == 1
                ? "audit chain starts at event " + seq + " instead of 1"
                : "audit sequence jumps from " + std::to_string(expected - 1) + " to " + seq;
      } else if (AuditEventHash(event) != event.hash) {
        report.first_problem = "audit event " + seq + ": hash does not match its content";
      } else if (event.previous_hash != previous_hash) {
        report.first_problem =
            expected == 1 ? "audit event 1: previous_hash is not the chain's start (64 '0')"
                          : "audit event " + seq + ": previous_hash does not match event " +
                                std::to_string(expected - 1);
      }
      if (!report.first_problem.empty()) {
        report.ok = false;
        return core::Ok();
      }
      previous_hash = event.hash;
      ++expected;
    }
    if (static_cast<int>(page->size()) < kPage) break;
  }
  auto head = tx.sql_audit().Head();
  if (!head) return core::Fail(head.error());
  const int64_t last = expected - 1;
  if (head->first != last) {
    report.first_problem = "audit chain ends at event " + std::to_string(last) +
                           " but its head records event " + std::to_string(head->first);
  } else if (head->second != previous_hash) {
    report.first_problem = "audit head hash does not match event " + std::to_string(last);
  }
  report.ok = report.first_problem.empty();
  return core::Ok();
}

}  // namespace

core::Result<VerifyReport> SqlStore::Verify() const {
  VerifyReport report;
  auto chain = ReadSql([&](SqlTransaction& tx) { return CheckAuditChain(tx, report); });
  if (!chain) return core::Fail(chain.error());
  if (!report.ok) return report;
  auto blobs = const_blobs().ForEach([&](const std::string& sha256, const std::string& bytes) {
    ++report.blobs_checked;
    if (Sha256Hex(bytes) != sha256) {
      report.ok = false;
      report.first_problem = "blob " + sha256 + ": bytes do not match their SHA-256";
      // Stop the walk: an error that is not one (see below).
      return core::Status(core::Fail(core::ErrorCode::kConflict, "stop"));
    }
    return core::Ok();
  });
  if (!blobs && report.ok) return core::Fail(blobs.error());
  return report;
}

}  // namespace choral::store
