// SqlStructureRepository: table `structures` (migrations/0001_initial.sql).
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

using directory::Structure;

struct StructureRow {
  long long id = 0;
  std::string identifier_type, identifier, kind, name, vat_number, address;
  int service_code_required = 0, engagement_number_required = 0,
      service_code_or_engagement_required = 0, payment_status_not_reported = 0, active = 0;
};

StructureRow ToRow(const Structure& s) {
  StructureRow r;
  r.id = s.id.value();
  r.identifier_type = std::string(directory::IdentifierTypeCode(s.identifier_type));
  r.identifier = s.identifier;
  r.kind = std::string(directory::StructureKindCode(s.kind));
  r.name = s.name;
  r.vat_number = s.vat_number;
  r.address = s.address;
  r.service_code_required = s.flags.service_code_required;
  r.engagement_number_required = s.flags.engagement_number_required;
  r.service_code_or_engagement_required = s.flags.service_code_or_engagement_required;
  r.payment_status_not_reported = s.flags.payment_status_not_reported;
  r.active = s.active;
  return r;
}

core::Result<Structure> FromRow(const StructureRow& r) {
  auto type = directory::ParseIdentifierType(r.identifier_type);
  auto kind = directory::ParseStructureKind(r.kind);
  if (!type || !kind) {
    return core::Fail(core::ErrorCode::kInternal,
                      "structure " + std::to_string(r.id) + " has an unknown identifier type '" +
                          r.identifier_type + "' or kind '" + r.kind + "'");
  }
  Structure s;
  s.id = core::StructureId(r.id);
  s.identifier_type = *type;
  s.identifier = r.identifier;
  s.kind = *kind;
  s.name = r.name;
  s.vat_number = r.vat_number;
  s.address = r.address;
  s.flags.service_code_required = r.service_code_required != 0;
  s.flags.engagement_number_required = r.engagement_number_required != 0;
  s.flags.service_code_or_engagement_required = r.service_code_or_engagement_required != 0;
  s.flags.payment_status_not_reported = r.payment_status_not_reported != 0;
  s.active = r.active != 0;
  return s;
}

constexpr std::string_view kSelect =
    "SELECT id, identifier_type, identifier, kind, name, vat_number, address, "
    "service_code_required, engagement_number_required, service_code_or_engagement_required, "
    "payment_status_not_reported, active FROM structures ";

void BindInto(soci::details::prepare_temp_type& p, StructureRow& r) {
  p, soci::into(r.id), soci::into(r.identifier_type), soci::into(r.identifier), soci::into(r.kind),
      soci::into(r.name), soci::into(r.vat_number), soci::into(r.address),
      soci::into(r.service_code_required), soci::into(r.engagement_number_required),
      soci::into(r.service_code_or_engagement_required), soci::into(r.payment_status_not_reported),
      soci::into(r.active);
}

std::string IdentifierTaken(const Structure& s) {
  return "a structure with " + std::string(directory::IdentifierTypeCode(s.identifier_type)) + " " +
         s.identifier + " already exists";
}

core::Result<std::vector<Structure>> Select(
    SqlContext& ctx, std::string_view what, const std::string& where,
    const std::function<void(soci::details::prepare_temp_type&)>& bind_uses) {
  std::vector<StructureRow> rows;
  auto status =
      SelectRows<StructureRow>(ctx, what, std::string(kSelect) + where, bind_uses, BindInto, rows);
  if (!status) return core::Fail(status.error());
  std::vector<Structure> out;
  out.reserve(rows.size());
  for (const StructureRow& row : rows) {
    auto structure = FromRow(row);
    if (!structure) return core::Fail(structure.error());
    out.push_back(std::move(*structure));
  }
  return out;
}

// The WHERE clause of a StructureQuery and the values it binds; must outlive the statement.
class StructureFilter {
 public:
  explicit StructureFilter(const StructureQuery& q) {
    std::vector<std::string> conditions;
    if (q.kind) {
      kind_ = std::string(directory::StructureKindCode(*q.kind));
      conditions.push_back("kind = :kind");
    }
    if (q.active_only) conditions.push_back("active = 1");
    if (!q.text.empty()) {
      text_ = ContainsPattern(q.text);
      // A SIRET is typed with spaces ("110 009 982 00015"); identifiers are kept without.
      std::string digits;
      for (char c : q.text) {
        if (c != ' ') digits += c;
      }
      identifier_ = ContainsPattern(digits);
      conditions.push_back(
          "(LOWER(name) LIKE LOWER(:text) ESCAPE '\\' OR identifier LIKE :identifier ESCAPE "
          "'\\' OR LOWER(address) LIKE LOWER(:text2) ESCAPE '\\')");
    }
    for (size_t i = 0; i < conditions.size(); ++i) {
      where_ += (i == 0 ? "WHERE " : " AND ") + conditions[i];
    }
  }

  const std::string& where() const { return where_; }

  void Bind(soci::details::prepare_temp_type& p) const {
    if (!kind_.empty()) p, soci::use(kind_);
    if (!text_.empty()) p, soci::use(text_), soci::use(identifier_), soci::use(text_);
  }

 private:
  std::string where_, kind_, text_, identifier_;
};

}  // namespace

core::Result<core::StructureId> SqlStructureRepository::Insert(const Structure& structure) {
  StructureRow r = ToRow(structure);
  long long id = 0;
  auto status = GuardedWrite(ctx_, "inserting structure", {IdentifierTaken(structure), ""}, [&] {
    ctx_.sql << "INSERT INTO structures (identifier_type, identifier, kind, name, vat_number, "
                "address, service_code_required, engagement_number_required, "
                "service_code_or_engagement_required, payment_status_not_reported, active) "
                "VALUES (:t, :i, :k, :n, :v, :a, :f1, :f2, :f3, :f4, :act) RETURNING id",
        soci::use(r.identifier_type), soci::use(r.identifier), soci::use(r.kind), soci::use(r.name),
        soci::use(r.vat_number), soci::use(r.address), soci::use(r.service_code_required),
        soci::use(r.engagement_number_required), soci::use(r.service_code_or_engagement_required),
        soci::use(r.payment_status_not_reported), soci::use(r.active), soci::into(id);
  });
  if (!status) return core::Fail(status.error());
  return core::StructureId(id);
}

core::Status SqlStructureRepository::Update(const Structure& structure) {
  StructureRow r = ToRow(structure);
  long long changed = 0;
  auto status = GuardedWrite(ctx_, "updating structure", {IdentifierTaken(structure), ""}, [&] {
    soci::statement st =
        (ctx_.sql.prepare << "UPDATE structures SET identifier_type = :t, identifier = :i, "
                             "kind = :k, name = :n, vat_number = :v, address = :a, "
                             "service_code_required = :f1, engagement_number_required = :f2, "
                             "service_code_or_engagement_required = :f3, "
                             "payment_status_not_reported = :f4, active = :act WHERE id = :id",
         soci::use(r.identifier_type), soci::use(r.identifier), soci::use(r.kind),
         soci::use(r.name), soci::use(r.vat_number), soci::use(r.address),
         soci::use(r.service_code_required), soci::use(r.engagement_number_required),
         soci::use(r.service_code_or_engagement_required), soci::use(r.payment_status_not_reported),
         soci::use(r.active), soci::use(r.id));
    st.execute(true);
    changed = st.get_affected_rows();
  });
  if (!status) return status;
  if (changed == 0) {
    return NotFound("structure", r.id);
  }
  return core::Ok();
}

core::Result<Structure> SqlStructureRepository::Get(core::StructureId id) {
  long long key = id.value();
  auto found = Select(ctx_, "reading structure", "WHERE id = :id",
                      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); });
  if (!found) return core::Fail(found.error());
  if (found->empty()) {
    return NotFound("structure", key);
  }
  return std::move(found->front());
}

core::Result<std::optional<Structure>> SqlStructureRepository::FindByIdentifier(
    directory::IdentifierType type, std::string_view identifier) {
  std::string type_code(directory::IdentifierTypeCode(type));
  std::string value(identifier);
  auto found = Select(
      ctx_, "finding structure by identifier", "WHERE identifier_type = :t AND identifier = :i",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(type_code), soci::use(value); });
  if (!found) return core::Fail(found.error());
  if (found->empty()) return std::optional<Structure>();
  return std::optional<Structure>(std::move(found->front()));
}

core::Result<std::vector<Structure>> SqlStructureRepository::List(
    std::optional<directory::StructureKind> kind, int limit, int offset) {
  int lim = limit < 0 ? 0 : limit;
  int off = offset < 0 ? 0 : offset;
  if (kind) {
    std::string kind_code(directory::StructureKindCode(*kind));
    return Select(ctx_, "listing structures", "WHERE kind = :k ORDER BY id LIMIT :l OFFSET :o",
                  [&](soci::details::prepare_temp_type& p) {
                    p, soci::use(kind_code), soci::use(lim), soci::use(off);
                  });
  }
  return Select(ctx_, "listing structures", "ORDER BY id LIMIT :l OFFSET :o",
                [&](soci::details::prepare_temp_type& p) { p, soci::use(lim), soci::use(off); });
}

core::Result<int64_t> SqlStructureRepository::Count() {
  long long count = 0;
  auto status = GuardedRead("counting structures", [&] {
    ctx_.sql << "SELECT COUNT(*) FROM structures", soci::into(count);
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(count);
}

core::Result<std::vector<Structure>> SqlStructureRepository::Search(const StructureQuery& query) {
  StructureFilter filter(query);
  int lim = std::max(0, query.limit), off = std::max(0, query.offset);
  return Select(ctx_, "searching structures",
                filter.where() + " ORDER BY name, id LIMIT :l OFFSET :o",
                [&](soci::details::prepare_temp_type& p) {
                  filter.Bind(p);
                  p, soci::use(lim), soci::use(off);
                });
}

core::Result<int64_t> SqlStructureRepository::CountMatching(const StructureQuery& query) {
  StructureFilter filter(query);
  long long count = 0;
  auto status = GuardedRead("counting structures", [&] {
    soci::details::prepare_temp_type prepared =
        (ctx_.sql.prepare << "SELECT COUNT(*) FROM structures " + filter.where(),
         soci::into(count));
    filter.Bind(prepared);
    soci::statement statement(prepared);
    statement.execute(true);
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(count);
}

}  // namespace choral::store
