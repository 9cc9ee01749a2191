// Private to the store: the SQL implementation of the repositories and of Transaction, over one
// soci::session that the caller has already put inside a transaction. Same SQL on both dialects.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/clock.h"
#include "core/result.h"
#include "store/db_error.h"
#include "store/store.h"

namespace choral::store {

// What every repository of one transaction shares.
struct SqlContext {
  soci::session& sql;
  Dialect dialect;
  bool read_only;  // inside Store::Read: every write method fails with kInternal
  const core::Clock& clock;
};

// Runs `run` (which executes SQL and may throw) and turns any exception into an error.
core::Status GuardedRead(std::string_view what, const std::function<void()>& run);

// Same for a statement that changes data: refused when the context is read-only; on PostgreSQL
// wrapped in a savepoint, because there a failed statement (say a unique violation the caller
// chooses to handle) would otherwise abort the whole transaction.
core::Status GuardedWrite(SqlContext& ctx, std::string_view what,
                          const ConstraintMessages& messages, const std::function<void()>& run);

// Runs `query` and appends one Row per result row to `out`. `bind_into` binds the Row's columns
// (and indicators) with soci::into; `bind_uses` binds the query's parameters, which must outlive
// the call.
template <typename Row>
core::Status SelectRows(
    SqlContext& ctx, std::string_view what, const std::string& query,
    const std::function<void(soci::details::prepare_temp_type&)>& bind_uses,
    const std::function<void(soci::details::prepare_temp_type&, Row&)>& bind_into,
    std::vector<Row>& out) {
  return GuardedRead(what, [&] {
    Row row;
    soci::details::prepare_temp_type prepared = (ctx.sql.prepare << query);
    bind_into(prepared, row);
    bind_uses(prepared);
    soci::statement statement(prepared);
    statement.execute();
    while (statement.fetch()) out.push_back(row);
  });
}

// kNotFound "<what> <id> does not exist": the one wording of a missing row.
inline tl::unexpected<core::Error> NotFound(std::string_view what, long long id) {
  return core::Fail(core::ErrorCode::kNotFound,
                    std::string(what) + " " + std::to_string(id) + " does not exist");
}

// "50%_off\" -> "%50\%\_off\\%": a LIKE pattern matching the text literally, anywhere. Use
// it with an explicit ESCAPE '\' (SQLite has no default escape character).
std::string ContainsPattern(std::string_view text);

// Milliseconds since the epoch, as the database keeps timestamps.
inline long long ToMillis(core::Timestamp t) { return t.time_since_epoch().count(); }
inline core::Timestamp FromMillis(long long ms) {
  return core::Timestamp(std::chrono::milliseconds(ms));
}

class SqlStructureRepository final : public StructureRepository {
 public:
  explicit SqlStructureRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<core::StructureId> Insert(const directory::Structure& structure) override;
  core::Status Update(const directory::Structure& structure) override;
  core::Result<directory::Structure> Get(core::StructureId id) override;
  core::Result<std::optional<directory::Structure>> FindByIdentifier(
      directory::IdentifierType type, std::string_view identifier) override;
  core::Result<std::vector<directory::Structure>> List(std::optional<directory::StructureKind> kind,
                                                       int limit, int offset) override;
  core::Result<int64_t> Count() override;
  core::Result<std::vector<directory::Structure>> Search(const StructureQuery& query) override;
  core::Result<int64_t> CountMatching(const StructureQuery& query) override;

 private:
  SqlContext& ctx_;
};

class SqlServiceRepository final : public ServiceRepository {
 public:
  explicit SqlServiceRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<core::ServiceId> Insert(const directory::Service& service) override;
  core::Status Update(const directory::Service& service) override;
  core::Result<directory::Service> Get(core::ServiceId id) override;
  core::Result<std::optional<directory::Service>> FindByCode(core::StructureId structure,
                                                             std::string_view code) override;
  core::Result<std::vector<directory::Service>> ListByStructure(
      core::StructureId structure) override;

 private:
  SqlContext& ctx_;
};

class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<core::UserId> Insert(const accounts::User& user) override;
  core::Status Update(const accounts::User& user) override;
  core::Result<accounts::User> Get(core::UserId id) override;
  core::Result<std::optional<accounts::User>> FindByEmail(std::string_view email) override;
  core::Result<int64_t> Count() override;

 private:
  SqlContext& ctx_;
};

class SqlMembershipRepository final : public MembershipRepository {
 public:
  explicit SqlMembershipRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<core::MembershipId> Insert(const accounts::Membership& membership) override;
  core::Status Update(const accounts::Membership& membership) override;
  core::Result<accounts::Membership> Get(core::MembershipId id) override;
  core::Result<std::optional<accounts::Membership>> Find(core::UserId user,
                                                         core::StructureId structure) override;
  core::Result<std::vector<accounts::Membership>> ListByUser(core::UserId user) override;
  core::Result<std::vector<accounts::Membership>> ListByStructure(
      core::StructureId structure) override;

 private:
  core::Result<std::vector<accounts::Membership>> ListWhere(std::string_view column, int64_t id);
  SqlContext& ctx_;
};

class SqlSessionRepository final : public SessionRepository {
 public:
  explicit SqlSessionRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Status Insert(const accounts::Session& session) override;
  core::Result<std::optional<accounts::Session>> Find(std::string_view token_hash) override;
  core::Status Delete(std::string_view token_hash) override;
  core::Result<int64_t> DeleteExpired(core::Timestamp now) override;
  core::Result<int64_t> DeleteByUser(core::UserId user) override;

 private:
  SqlContext& ctx_;
};

class SqlAccountTokenRepository final : public AccountTokenRepository {
 public:
  explicit SqlAccountTokenRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Status Insert(const AccountToken& token) override;
  core::Result<std::optional<AccountToken>> Find(std::string_view token_hash) override;
  core::Result<std::optional<AccountToken>> Latest(core::UserId user,
                                                   std::string_view purpose) override;
  core::Result<int64_t> UseAll(core::UserId user, std::string_view purpose,
                               core::Timestamp at) override;

 private:
  SqlContext& ctx_;
};

class SqlInvoiceRepository final : public InvoiceRepository {
 public:
  explicit SqlInvoiceRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<core::InvoiceId> Insert(const invoice::Invoice& invoice) override;
  core::Result<invoice::Invoice> Get(core::InvoiceId id) override;
  core::Status Update(const invoice::Invoice& invoice) override;
  core::Result<bool> NumberTaken(core::StructureId supplier, std::string_view number) override;
  core::Result<std::vector<invoice::Invoice>> Search(const InvoiceQuery& query) override;
  core::Result<int64_t> Count(const InvoiceQuery& query) override;
  core::Result<int64_t> AppendHistory(const invoice::HistoryEntry& entry) override;
  core::Result<std::vector<invoice::HistoryEntry>> History(core::InvoiceId id) override;

 private:
  SqlContext& ctx_;
};

class SqlOutbox final : public Outbox {
 public:
  explicit SqlOutbox(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<int64_t> Enqueue(const OutboxMessage& message) override;
  core::Result<std::vector<OutboxMessage>> Pending(int limit) override;
  core::Result<std::vector<OutboxMessage>> Claim(core::Timestamp now, core::Timestamp lease_until,
                                                 int limit) override;
  core::Result<std::vector<OutboxMessage>> SentTo(const std::string& to) override;
  core::Result<std::vector<OutboxMessage>> Latest(const std::string& to, int limit) override;
  core::Result<int64_t> CountAfter(const std::string& to, int64_t after_id) override;
  core::Status MarkSent(int64_t id, core::Timestamp at) override;
  core::Status MarkFailed(int64_t id, const std::string& error, core::Timestamp retry_at) override;
  core::Status Abandon(int64_t id, const std::string& error, core::Timestamp at) override;
  core::Result<int64_t> SeenUpTo(core::UserId user) override;
  core::Status MarkSeen(core::UserId user, int64_t message_id) override;

 private:
  SqlContext& ctx_;
};

class SqlAttachmentRepository final : public AttachmentRepository {
 public:
  explicit SqlAttachmentRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<int64_t> Insert(const Attachment& attachment) override;
  core::Result<std::vector<Attachment>> ListByInvoice(core::InvoiceId invoice_id) override;

 private:
  SqlContext& ctx_;
};

class SqlFeedbackRepository final : public FeedbackRepository {
 public:
  explicit SqlFeedbackRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<int64_t> Insert(const Feedback& feedback) override;
  core::Result<std::vector<Feedback>> List(int limit) override;
  core::Result<FeedbackSummary> Summary() override;

 private:
  SqlContext& ctx_;
};

class SqlDepositDraftRepository final : public DepositDraftRepository {
 public:
  explicit SqlDepositDraftRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<int64_t> Insert(const DepositDraft& draft) override;
  core::Result<DepositDraft> Get(int64_t id) override;
  core::Status Delete(int64_t id) override;
  core::Result<int64_t> DeleteCreatedBefore(core::Timestamp cutoff) override;

 private:
  SqlContext& ctx_;
};

class SqlApiCredentialRepository final : public ApiCredentialRepository {
 public:
  explicit SqlApiCredentialRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<int64_t> InsertTechnicalAccount(const TechnicalAccount& account) override;
  core::Status UpdateTechnicalAccount(const TechnicalAccount& account) override;
  core::Result<TechnicalAccount> GetTechnicalAccount(int64_t id) override;
  core::Result<std::optional<TechnicalAccount>> FindTechnicalAccount(
      std::string_view login) override;
  core::Result<std::vector<TechnicalAccount>> ListTechnicalAccounts(
      core::StructureId structure) override;
  core::Result<std::vector<TechnicalAccount>> ListPasswordsExpiringBefore(
      core::Timestamp cutoff) override;
  core::Result<int64_t> InsertClient(const ApiClient& client) override;
  core::Result<ApiClient> GetClient(int64_t id) override;
  core::Result<std::optional<ApiClient>> FindClient(std::string_view client_id) override;
  core::Result<std::vector<ApiClient>> ListClients(core::StructureId structure) override;
  core::Status RevokeClient(int64_t id, core::Timestamp at) override;
  core::Status InsertAccessToken(const AccessToken& token) override;
  core::Result<std::optional<AccessToken>> FindAccessToken(std::string_view token_sha256) override;
  core::Result<int64_t> DeleteExpiredAccessTokens(core::Timestamp now) override;

 private:
  core::Result<std::vector<TechnicalAccount>> SelectAccounts(const std::string& where,
                                                             long long key);
  core::Result<std::vector<ApiClient>> SelectClients(
      const std::string& where, const std::function<void(soci::details::prepare_temp_type&)>& bind);
  SqlContext& ctx_;
};

class SqlMembershipScopeRepository final : public MembershipScopeRepository {
 public:
  explicit SqlMembershipScopeRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Status SetServices(core::MembershipId membership,
                           const std::vector<core::ServiceId>& services) override;
  core::Result<std::vector<core::ServiceId>> Services(core::MembershipId membership) override;
  core::Status Grant(core::MembershipId membership, const SpaceGrant& grant) override;
  core::Status Revoke(core::MembershipId membership, accounts::Space space) override;
  core::Result<std::vector<SpaceGrant>> Spaces(core::MembershipId membership) override;

 private:
  SqlContext& ctx_;
};

class SqlLoginRepository final : public LoginRepository {
 public:
  explicit SqlLoginRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Status Record(core::UserId user, core::Timestamp at) override;
  core::Result<std::optional<core::Timestamp>> Last(core::UserId user) override;

 private:
  SqlContext& ctx_;
};

class SqlSupportFlagRepository final : public SupportFlagRepository {
 public:
  explicit SqlSupportFlagRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Status Flag(const SupportFlag& flag) override;
  core::Status Clear(core::StructureId structure) override;
  core::Result<std::optional<SupportFlag>> Find(core::StructureId structure) override;
  core::Result<std::vector<SupportFlag>> List() override;

 private:
  SqlContext& ctx_;
};

class SqlFlowRepository final : public FlowRepository {
 public:
  explicit SqlFlowRepository(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<Flow> Insert(const Flow& flow) override;
  core::Result<Flow> Get(int64_t id) override;
  core::Result<std::optional<Flow>> FindByNumber(std::string_view number) override;
  core::Result<std::vector<Flow>> ListByStructures(const std::vector<core::StructureId>& structures,
                                                   int limit) override;
  core::Status SetState(int64_t id, std::string_view state, core::Timestamp at,
                        std::string_view error) override;
  core::Status SetInvoiceCount(int64_t id, int count) override;
  core::Status SetReport(int64_t id, std::string_view report) override;
  core::Status RecordInvoice(const FlowInvoice& outcome) override;
  core::Result<std::vector<FlowInvoice>> Invoices(int64_t flow_id) override;

 private:
  SqlContext& ctx_;
};

class SqlJobQueue final : public JobQueue {
 public:
  explicit SqlJobQueue(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<int64_t> Enqueue(std::string_view kind, std::string_view payload,
                                core::Timestamp now) override;
  core::Result<std::vector<Job>> Claim(std::string_view kind, core::Timestamp now,
                                       core::Timestamp lease_until, int limit) override;
  core::Result<Job> Get(int64_t id) override;
  core::Status Complete(int64_t id, core::Timestamp at) override;
  core::Status Retry(int64_t id, std::string_view error, core::Timestamp retry_at) override;
  core::Status Abandon(int64_t id, std::string_view error, core::Timestamp at) override;

 private:
  SqlContext& ctx_;
};

class SqlAuditLog final : public AuditLog {
 public:
  explicit SqlAuditLog(SqlContext& ctx) : ctx_(ctx) {}
  core::Result<AuditEvent> Append(std::string actor, std::string action, std::string subject,
                                  std::string details) override;
  core::Result<std::vector<AuditEvent>> List(int64_t after_sequence, int limit) override;
  core::Result<std::vector<AuditEvent>> ListBySubject(const std::string& subject,
                                                      int limit) override;

  // The last link as audit_head records it: (last_sequence, last_hash). For Verify.
  core::Result<std::pair<int64_t, std::string>> Head();

 private:
  SqlContext& ctx_;
};

class SqlTransaction final : public Transaction {
 public:
  SqlTransaction(soci::session& sql, Dialect dialect, bool read_only, const core::Clock& clock)
      : ctx_{sql, dialect, read_only, clock},
        structures_(ctx_),
        services_(ctx_),
        users_(ctx_),
        memberships_(ctx_),
        sessions_(ctx_),
        account_tokens_(ctx_),
        invoices_(ctx_),
        outbox_(ctx_),
        attachments_(ctx_),
        feedback_(ctx_),
        deposit_drafts_(ctx_),
        api_credentials_(ctx_),
        membership_scopes_(ctx_),
        logins_(ctx_),
        support_flags_(ctx_),
        flows_(ctx_),
        jobs_(ctx_),
        audit_(ctx_) {}

  StructureRepository& structures() override { return structures_; }
  ServiceRepository& services() override { return services_; }
  UserRepository& users() override { return users_; }
  MembershipRepository& memberships() override { return memberships_; }
  SessionRepository& sessions() override { return sessions_; }
  AccountTokenRepository& account_tokens() override { return account_tokens_; }
  InvoiceRepository& invoices() override { return invoices_; }
  Outbox& outbox() override { return outbox_; }
  AttachmentRepository& attachments() override { return attachments_; }
  FeedbackRepository& feedback() override { return feedback_; }
  DepositDraftRepository& deposit_drafts() override { return deposit_drafts_; }
  ApiCredentialRepository& api_credentials() override { return api_credentials_; }
  MembershipScopeRepository& membership_scopes() override { return membership_scopes_; }
  LoginRepository& logins() override { return logins_; }
  SupportFlagRepository& support_flags() override { return support_flags_; }
  FlowRepository& flows() override { return flows_; }
  JobQueue& jobs() override { return jobs_; }
  AuditLog& audit() override { return audit_; }
  SqlAuditLog& sql_audit() { return audit_; }

 private:
  SqlContext ctx_;
  SqlStructureRepository structures_;
  SqlServiceRepository services_;
  SqlUserRepository users_;
  SqlMembershipRepository memberships_;
  SqlSessionRepository sessions_;
  SqlAccountTokenRepository account_tokens_;
  SqlInvoiceRepository invoices_;
  SqlOutbox outbox_;
  SqlAttachmentRepository attachments_;
  SqlFeedbackRepository feedback_;
  SqlDepositDraftRepository deposit_drafts_;
  SqlApiCredentialRepository api_credentials_;
  SqlMembershipScopeRepository membership_scopes_;
  SqlLoginRepository logins_;
  SqlSupportFlagRepository support_flags_;
  SqlFlowRepository flows_;
  SqlJobQueue jobs_;
  SqlAuditLog audit_;
};

}  // namespace choral::store
