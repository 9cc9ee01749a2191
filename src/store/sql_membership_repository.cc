// SqlMembershipRepository: table `memberships` (migrations/0001_initial.sql).
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

using accounts::Membership;

struct MembershipRow {
  long long id = 0, user_id = 0, structure_id = 0, created_at = 0;
  std::string role, status;
};

MembershipRow ToRow(const Membership& m) {
  MembershipRow r;
  r.id = m.id.value();
  r.user_id = m.user_id.value();
  r.structure_id = m.structure_id.value();
  r.role = std::string(accounts::RoleCode(m.role));
  r.status = std::string(accounts::AttachmentStatusCode(m.status));
  r.created_at = ToMillis(m.created_at);
  return r;
}

core::Result<Membership> FromRow(const MembershipRow& r) {
  auto role = accounts::ParseRole(r.role);
  auto status = accounts::ParseAttachmentStatus(r.status);
  if (!role || !status) {
    return core::Fail(core::ErrorCode::kInternal, "membership " + std::to_string(r.id) +
                                                      " has an unknown role '" + r.role +
                                                      "' or status '" + r.status + "'");
  }
  Membership m;
  m.id = core::MembershipId(r.id);
  m.user_id = core::UserId(r.user_id);
  m.structure_id = core::StructureId(r.structure_id);
  m.role = *role;
  m.status = *status;
  m.created_at = FromMillis(r.created_at);
  return m;
}

constexpr std::string_view kSelect =
    "SELECT id, user_id, structure_id, role, status, created_at FROM memberships ";

void BindInto(soci::details::prepare_temp_type& p, MembershipRow& r) {
  p, soci::into(r.id), soci::into(r.user_id), soci::into(r.structure_id), soci::into(r.role),
      soci::into(r.status), soci::into(r.created_at);
}

core::Result<std::vector<Membership>> Select(
    SqlContext& ctx, std::string_view what, const std::string& where,
    const std::function<void(soci::details::prepare_temp_type&)>& bind_uses) {
  std::vector<MembershipRow> rows;
  auto status =
      SelectRows<MembershipRow>(ctx, what, std::string(kSelect) + where, bind_uses, BindInto, rows);
  if (!status) return core::Fail(status.error());
  std::vector<Membership> out;
  out.reserve(rows.size());
  for (const MembershipRow& row : rows) {
    auto membership = FromRow(row);
    if (!membership) return core::Fail(membership.error());
    out.push_back(*membership);
  }
  return out;
}

ConstraintMessages Messages(const Membership& m) {
  return {"user " + std::to_string(m.user_id.value()) + " already has a membership of structure " +
              std::to_string(m.structure_id.value()),
          "user " + std::to_string(m.user_id.value()) + " or structure " +
              std::to_string(m.structure_id.value()) + " does not exist"};
}

}  // namespace

core::Result<core::MembershipId> SqlMembershipRepository::Insert(const Membership& membership) {
  MembershipRow r = ToRow(membership);
  long long id = 0;
  auto status = GuardedWrite(ctx_, "inserting membership", Messages(membership), [&] {
    ctx_.sql << "INSERT INTO memberships (user_id, structure_id, role, status, created_at) "
                "VALUES (:u, :s, :r, :st, :c) RETURNING id",
        soci::use(r.user_id), soci::use(r.structure_id), soci::use(r.role), soci::use(r.status),
        soci::use(r.created_at), soci::into(id);
  });
  if (!status) return core::Fail(status.error());
  return core::MembershipId(id);
}

core::Status SqlMembershipRepository::Update(const Membership& membership) {
  MembershipRow r = ToRow(membership);
  long long changed = 0;
  auto status = GuardedWrite(ctx_, "updating membership", Messages(membership), [&] {
    soci::statement st =
        (ctx_.sql.prepare << "UPDATE memberships SET user_id = :u, structure_id = :s, role = :r, "
                             "status = :st, created_at = :c WHERE id = :id",
         soci::use(r.user_id), soci::use(r.structure_id), soci::use(r.role), soci::use(r.status),
         soci::use(r.created_at), soci::use(r.id));
    st.execute(true);
    changed = st.get_affected_rows();
  });
  if (!status) return status;
  if (changed == 0) {
    return NotFound("membership", r.id);
  }
  return core::Ok();
}

core::Result<Membership> SqlMembershipRepository::Get(core::MembershipId id) {
  long long key = id.value();
  auto found = Select(ctx_, "reading membership", "WHERE id = :id",
                      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); });
  if (!found) return core::Fail(found.error());
  if (found->empty()) {
    return NotFound("membership", key);
  }
  return found->front();
}

core::Result<std::optional<Membership>> SqlMembershipRepository::Find(core::UserId user,
                                                                      core::StructureId structure) {
  long long user_id = user.value();
  long long structure_id = structure.value();
  auto found = Select(
      ctx_, "finding membership", "WHERE user_id = :u AND structure_id = :s",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(user_id), soci::use(structure_id); });
  if (!found) return core::Fail(found.error());
  if (found->empty()) return std::optional<Membership>();
  return std::optional<Membership>(found->front());
}

core::Result<std::vector<Membership>> SqlMembershipRepository::ListByUser(core::UserId user) {
  return ListWhere("user_id", user.value());
}

core::Result<std::vector<Membership>> SqlMembershipRepository::ListByStructure(
    core::StructureId structure) {
  return ListWhere("structure_id", structure.value());
}

core::Result<std::vector<Membership>> SqlMembershipRepository::ListWhere(std::string_view column,
                                                                         int64_t id) {
  long long key = id;
  // `column` is one of two literals above, never user input.
  return Select(ctx_, "listing memberships", "WHERE " + std::string(column) + " = :k ORDER BY id",
                [&](soci::details::prepare_temp_type& p) { p, soci::use(key); });
}

}  // namespace choral::store
