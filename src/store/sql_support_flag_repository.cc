// SqlSupportFlagRepository: table `structure_support_flags` (migrations/0010_managers.sql).
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

struct FlagRow {
  long long structure_id = 0, flagged_at = 0;
  std::string reason;
};

core::Result<std::vector<SupportFlag>> SelectFlags(
    SqlContext& ctx, const std::string& where,
    const std::function<void(soci::details::prepare_temp_type&)>& bind_uses) {
  std::vector<FlagRow> rows;
  auto status = SelectRows<FlagRow>(
      ctx, "reading support flags",
      "SELECT structure_id, reason, flagged_at FROM structure_support_flags " + where, bind_uses,
      [](soci::details::prepare_temp_type& p, FlagRow& r) {
        p, soci::into(r.structure_id), soci::into(r.reason), soci::into(r.flagged_at);
      },
      rows);
  if (!status) return core::Fail(status.error());
  std::vector<SupportFlag> out;
  for (const FlagRow& r : rows) {
    out.push_back({core::StructureId(r.structure_id), r.reason, FromMillis(r.flagged_at)});
  }
  return out;
}

}  // namespace

core::Status SqlSupportFlagRepository::Flag(const SupportFlag& flag) {
  long long key = flag.structure_id.value(), at = ToMillis(flag.flagged_at);
  std::string reason = flag.reason;
  return GuardedWrite(ctx_, "flagging a structure for support",
                      {"", "structure " + std::to_string(key) + " does not exist"}, [&] {
                        ctx_.sql << "INSERT INTO structure_support_flags "
                                    "(structure_id, reason, flagged_at) VALUES (:s, :r, :t) "
                                    "ON CONFLICT (structure_id) DO UPDATE SET "
                                    "reason = excluded.reason, flagged_at = excluded.flagged_at",
                            soci::use(key), soci::use(reason), soci::use(at);
                      });
}

core::Status SqlSupportFlagRepository::Clear(core::StructureId structure) {
  long long key = structure.value();
  return GuardedWrite(ctx_, "clearing a support flag", {}, [&] {
    ctx_.sql << "DELETE FROM structure_support_flags WHERE structure_id = :s", soci::use(key);
  });
}

core::Result<std::optional<SupportFlag>> SqlSupportFlagRepository::Find(
    core::StructureId structure) {
  long long key = structure.value();
  auto found = SelectFlags(ctx_, "WHERE structure_id = :s",
                           [&](soci::details::prepare_temp_type& p) { p, soci::use(key); });
  if (!found) return core::Fail(found.error());
  if (found->empty()) return std::optional<SupportFlag>();
  return std::optional<SupportFlag>(found->front());
}

core::Result<std::vector<SupportFlag>> SqlSupportFlagRepository::List() {
  return SelectFlags(ctx_, "ORDER BY flagged_at, structure_id",
                     [](soci::details::prepare_temp_type&) {});
}

}  // namespace choral::store
