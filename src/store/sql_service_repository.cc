// SqlServiceRepository: table `services` (migrations/0001_initial.sql).
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

using directory::Service;

struct ServiceRow {
  long long id = 0, structure_id = 0;
  std::string code, name, valid_from, valid_to;
  soci::indicator valid_from_ind = soci::i_null, valid_to_ind = soci::i_null;
  int active = 0, engagement_number_required = 0, payment_status_reported = 0;
};

ServiceRow ToRow(const Service& s) {
  ServiceRow r;
  r.id = s.id.value();
  r.structure_id = s.structure_id.value();
  r.code = s.code;
  r.name = s.name;
  if (s.valid_from) {
    r.valid_from = s.valid_from->ToIso();
    r.valid_from_ind = soci::i_ok;
  }
  if (s.valid_to) {
    r.valid_to = s.valid_to->ToIso();
    r.valid_to_ind = soci::i_ok;
  }
  r.active = s.active;
  r.engagement_number_required = s.engagement_number_required;
  r.payment_status_reported = s.payment_status_reported;
  return r;
}

core::Result<std::optional<core::Date>> ParseOptionalDate(const ServiceRow& r,
                                                          const std::string& text,
                                                          soci::indicator ind) {
  if (ind != soci::i_ok) return std::optional<core::Date>();
  auto date = core::Date::Parse(text);
  if (!date) {
    return core::Fail(core::ErrorCode::kInternal,
                      "service " + std::to_string(r.id) + " has an unreadable date '" + text + "'");
  }
  return std::optional<core::Date>(*date);
}

core::Result<Service> FromRow(const ServiceRow& r) {
  Service s;
  s.id = core::ServiceId(r.id);
  s.structure_id = core::StructureId(r.structure_id);
  s.code = r.code;
  s.name = r.name;
  s.active = r.active != 0;
  auto from = ParseOptionalDate(r, r.valid_from, r.valid_from_ind);
  if (!from) return core::Fail(from.error());
  auto to = ParseOptionalDate(r, r.valid_to, r.valid_to_ind);
  if (!to) return core::Fail(to.error());
  s.valid_from = *from;
  s.valid_to = *to;
  s.engagement_number_required = r.engagement_number_required != 0;
  s.payment_status_reported = r.payment_status_reported != 0;
  return s;
}

constexpr std::string_view kSelect =
    "SELECT id, structure_id, code, name, active, valid_from, valid_to, "
    "engagement_number_required, payment_status_reported FROM services ";

void BindInto(soci::details::prepare_temp_type& p, ServiceRow& r) {
  p, soci::into(r.id), soci::into(r.structure_id), soci::into(r.code), soci::into(r.name),
      soci::into(r.active), soci::into(r.valid_from, r.valid_from_ind),
      soci::into(r.valid_to, r.valid_to_ind), soci::into(r.engagement_number_required),
      soci::into(r.payment_status_reported);
}

ConstraintMessages Messages(const Service& s) {
  return {"structure " + std::to_string(s.structure_id.value()) +
              " already has a service with code " + s.code,
          "structure " + std::to_string(s.structure_id.value()) + " does not exist"};
}

core::Result<std::vector<Service>> Select(
    SqlContext& ctx, std::string_view what, const std::string& where,
    const std::function<void(soci::details::prepare_temp_type&)>& bind_uses) {
  std::vector<ServiceRow> rows;
  auto status =
      SelectRows<ServiceRow>(ctx, what, std::string(kSelect) + where, bind_uses, BindInto, rows);
  if (!status) return core::Fail(status.error());
  std::vector<Service> out;
  out.reserve(rows.size());
  for (const ServiceRow& row : rows) {
    auto service = FromRow(row);
    if (!service) return core::Fail(service.error());
    out.push_back(std::move(*service));
  }
  return out;
}

}  // namespace

core::Result<core::ServiceId> SqlServiceRepository::Insert(const Service& service) {
  ServiceRow r = ToRow(service);
  long long id = 0;
  auto status = GuardedWrite(ctx_, "inserting service", Messages(service), [&] {
    ctx_.sql << "INSERT INTO services (structure_id, code, name, active, valid_from, valid_to, "
                "engagement_number_required, payment_status_reported) "
                "VALUES (:s, :c, :n, :a, :vf, :vt, :e, :p) RETURNING id",
        soci::use(r.structure_id), soci::use(r.code), soci::use(r.name), soci::use(r.active),
        soci::use(r.valid_from, r.valid_from_ind), soci::use(r.valid_to, r.valid_to_ind),
        soci::use(r.engagement_number_required), soci::use(r.payment_status_reported),
        soci::into(id);
  });
  if (!status) return core::Fail(status.error());
  return core::ServiceId(id);
}

core::Status SqlServiceRepository::Update(const Service& service) {
  ServiceRow r = ToRow(service);
  long long changed = 0;
  auto status = GuardedWrite(ctx_, "updating service", Messages(service), [&] {
    soci::statement st =
        (ctx_.sql.prepare << "UPDATE services SET structure_id = :s, code = :c, name = :n, "
                             "active = :a, valid_from = :vf, valid_to = :vt, "
                             "engagement_number_required = :e, payment_status_reported = :p "
                             "WHERE id = :id",
         soci::use(r.structure_id), soci::use(r.code), soci::use(r.name), soci::use(r.active),
         soci::use(r.valid_from, r.valid_from_ind), soci::use(r.valid_to, r.valid_to_ind),
         soci::use(r.engagement_number_required), soci::use(r.payment_status_reported),
         soci::use(r.id));
    st.execute(true);
    changed = st.get_affected_rows();
  });
  if (!status) return status;
  if (changed == 0) {
    return NotFound("service", r.id);
  }
  return core::Ok();
}

core::Result<Service> SqlServiceRepository::Get(core::ServiceId id) {
  long long key = id.value();
  auto found = Select(ctx_, "reading service", "WHERE id = :id",
                      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); });
  if (!found) return core::Fail(found.error());
  if (found->empty()) {
    return NotFound("service", key);
  }
  return std::move(found->front());
}

core::Result<std::optional<Service>> SqlServiceRepository::FindByCode(core::StructureId structure,
                                                                      std::string_view code) {
  long long structure_id = structure.value();
  std::string value(code);
  auto found = Select(
      ctx_, "finding service by code", "WHERE structure_id = :s AND code = :c",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(structure_id), soci::use(value); });
  if (!found) return core::Fail(found.error());
  if (found->empty()) return std::optional<Service>();
  return std::optional<Service>(std::move(found->front()));
}

core::Result<std::vector<Service>> SqlServiceRepository::ListByStructure(
    core::StructureId structure) {
  long long structure_id = structure.value();
  return Select(ctx_, "listing services", "WHERE structure_id = :s ORDER BY code",
                [&](soci::details::prepare_temp_type& p) { p, soci::use(structure_id); });
}

}  // namespace choral::store
