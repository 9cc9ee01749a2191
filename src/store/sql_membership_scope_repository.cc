// SqlMembershipScopeRepository: tables `membership_services` and `membership_spaces`
// (migrations/0010_managers.sql).
#include "store/sql_transaction.h"

namespace choral::store {

core::Status SqlMembershipScopeRepository::SetServices(
    core::MembershipId membership, const std::vector<core::ServiceId>& services) {
  long long key = membership.value();
  return GuardedWrite(
      ctx_, "limiting an attachment to services",
      {"", "membership " + std::to_string(key) + " or one of its services does not exist"}, [&] {
        ctx_.sql << "DELETE FROM membership_services WHERE membership_id = :m", soci::use(key);
        for (core::ServiceId service : services) {
          long long service_id = service.value();
          ctx_.sql << "INSERT INTO membership_services (membership_id, service_id) "
                      "VALUES (:m, :s) ON CONFLICT DO NOTHING",
              soci::use(key), soci::use(service_id);
        }
      });
}

core::Result<std::vector<core::ServiceId>> SqlMembershipScopeRepository::Services(
    core::MembershipId membership) {
  long long key = membership.value();
  std::vector<long long> rows;
  auto status = SelectRows<long long>(
      ctx_, "reading an attachment's services",
      "SELECT service_id FROM membership_services WHERE membership_id = :m ORDER BY service_id",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); },
      [](soci::details::prepare_temp_type& p, long long& r) { p, soci::into(r); }, rows);
  if (!status) return core::Fail(status.error());
  std::vector<core::ServiceId> out;
  for (long long id : rows) out.emplace_back(id);
  return out;
}

core::Status SqlMembershipScopeRepository::Grant(core::MembershipId membership,
                                                 const SpaceGrant& grant) {
  long long key = membership.value();
  std::string space(accounts::SpaceCode(grant.space));
  std::string access(accounts::SpaceAccessCode(grant.access));
  return GuardedWrite(ctx_, "granting a space",
                      {"", "membership " + std::to_string(key) + " does not exist"}, [&] {
                        ctx_.sql << "INSERT INTO membership_spaces (membership_id, space, access) "
                                    "VALUES (:m, :s, :a) ON CONFLICT (membership_id, space) "
                                    "DO UPDATE SET access = excluded.access",
                            soci::use(key), soci::use(space), soci::use(access);
                      });
}

core::Status SqlMembershipScopeRepository::Revoke(core::MembershipId membership,
                                                  accounts::Space space) {
  long long key = membership.value();
  std::string code(accounts::SpaceCode(space));
  return GuardedWrite(ctx_, "revoking a space", {}, [&] {
    ctx_.sql << "DELETE FROM membership_spaces WHERE membership_id = :m AND space = :s",
        soci::use(key), soci::use(code);
  });
}

core::Result<std::vector<SpaceGrant>> SqlMembershipScopeRepository::Spaces(
    core::MembershipId membership) {
  struct Row {
    std::string space, access;
  };
  long long key = membership.value();
  std::vector<Row> rows;
  auto status = SelectRows<Row>(
      ctx_, "reading an attachment's spaces",
      "SELECT space, access FROM membership_spaces WHERE membership_id = :m ORDER BY space",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); },
      [](soci::details::prepare_temp_type& p, Row& r) {
        p, soci::into(r.space), soci::into(r.access);
      },
      rows);
  if (!status) return core::Fail(status.error());
  std::vector<SpaceGrant> out;
  for (const Row& r : rows) {
    auto space = accounts::ParseSpace(r.space);
    auto access = accounts::ParseSpaceAccess(r.access);
    if (!space || !access) {
      return core::Fail(core::ErrorCode::kInternal,
                        "membership " + std::to_string(key) + " has an unknown space grant");
    }
    out.push_back({*space, *access});
  }
  return out;
}

}  // namespace choral::store
