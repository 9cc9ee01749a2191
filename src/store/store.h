// Store: Choral's database, on SQLite (embedded default) or PostgreSQL (scale), behind one
// interface: transactions over the repositories, the blob store and the audit-chain check.
// Only Store::Open looks at the URL; nothing above the store knows which backend runs.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "store/account_token_repository.h"
#include "store/api_credential_repository.h"
#include "store/attachment_repository.h"
#include "store/audit_log.h"
#include "store/blob_store.h"
#include "store/deposit_draft_repository.h"
#include "store/feedback_repository.h"
#include "store/flow_repository.h"
#include "store/invoice_repository.h"
#include "store/job_queue.h"
#include "store/login_repository.h"
#include "store/membership_repository.h"
#include "store/membership_scope_repository.h"
#include "store/outbox.h"
#include "store/service_repository.h"
#include "store/session_repository.h"
#include "store/structure_repository.h"
#include "store/support_flag_repository.h"
#include "store/user_repository.h"
#include "store/verify_report.h"

namespace choral::store {

struct StoreOptions {
  // Folder for the SQLite file and the blob files; created (with parents) if missing. Required
  // in SQLite mode; unused in PostgreSQL mode.
  std::string data_dir;
  // "" -> SQLite at data_dir/choral.db; "sqlite:/path/file.db" -> that SQLite file (blobs still
  // under data_dir/blobs); "postgresql://user[:password]@host:port/db" -> PostgreSQL, blobs in
  // the database.
  std::string database_url;
  // Size of the read connection pool (SQLite) or of the whole connection pool (PostgreSQL, where
  // writes take from the same pool). At least 1.
  int read_connections = 4;
};

// Repositories bound to one open database transaction. Valid only inside the Write/Read callback
// that received it; not thread-safe. Inside Store::Read every write method fails (kInternal).
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual StructureRepository& structures() = 0;
  virtual ServiceRepository& services() = 0;
  virtual UserRepository& users() = 0;
  virtual MembershipRepository& memberships() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual AccountTokenRepository& account_tokens() = 0;
  virtual InvoiceRepository& invoices() = 0;
  virtual Outbox& outbox() = 0;
  virtual AttachmentRepository& attachments() = 0;
  virtual FeedbackRepository& feedback() = 0;
  virtual DepositDraftRepository& deposit_drafts() = 0;
  virtual ApiCredentialRepository& api_credentials() = 0;
  virtual MembershipScopeRepository& membership_scopes() = 0;
  virtual LoginRepository& logins() = 0;
  virtual SupportFlagRepository& support_flags() = 0;
  virtual FlowRepository& flows() = 0;
  virtual JobQueue& jobs() = 0;
  virtual AuditLog& audit() = 0;
};

// Thread-safe: any number of threads may call Write, Read and blobs() at once.
class Store {
 public:
  virtual ~Store() = default;

  // Opens (creating if needed) the database and applies pending migrations, in one transaction.
  // kUnavailable with a one-line message saying what to fix ("cannot connect to PostgreSQL at
  // host:port: <reason>", "cannot create data folder /x: Permission denied") and never the
  // password; kInvalidArgument for a URL it does not understand.
  static core::Result<std::unique_ptr<Store>> Open(const StoreOptions& options,
                                                   const core::Clock& clock);

  // Runs `work` in a write transaction and returns after the transaction is durable (fsync'd /
  // committed). Any error `work` returns, or a failed commit, rolls back everything `work` did
  // and is returned. `work` may run on another thread (SQLite's writer) and must not call Write
  // or Read itself. With SQLite, several callers' work may share one commit (group commit); one
  // failing does not affect the others.
  virtual core::Status Write(const std::function<core::Status(Transaction&)>& work) = 0;

  // Runs `work` in a read-only snapshot transaction (it sees no write committed after its first
  // read); runs beside writes. Returns what `work` returns. `work` must not call Write or Read.
  virtual core::Status Read(const std::function<core::Status(Transaction&)>& work) const = 0;

  virtual BlobStore& blobs() = 0;

  // Walks the whole audit chain and hashes every blob again; reports the first broken link.
  // An error only when the walk itself fails (database unreachable).
  virtual core::Result<VerifyReport> Verify() const = 0;

  // "sqlite" or "postgresql".
  virtual std::string_view backend_name() const = 0;
};

}  // namespace choral::store
