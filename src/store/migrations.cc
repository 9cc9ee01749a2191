#include "store/migrations.h"

#include <cstdint>
#include <set>

namespace choral::store {
namespace {

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// "0001_initial.sql" -> 1; -1 when the name does not start with digits and '_'.
int64_t VersionOf(std::string_view name) {
  int64_t version = 0;
  size_t i = 0;
  for (; i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i) {
    version = version * 10 + (name[i] - '0');
  }
  if (i == 0 || i >= name.size() || name[i] != '_') return -1;
  return version;
}

}  // namespace

std::string SubstituteDialect(std::string_view sql, Dialect dialect) {
  std::string out(sql);
  if (dialect == Dialect::kSqlite) {
    // AUTOINCREMENT: ids are never reused, even after the newest row is deleted, so an audit
    // event's "structure:3" keeps meaning one structure.
    ReplaceAll(out, "{{id_column}}", "INTEGER PRIMARY KEY AUTOINCREMENT");
    ReplaceAll(out, "{{bytes}}", "BLOB");
  } else {
    ReplaceAll(out, "{{id_column}}", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
    ReplaceAll(out, "{{bytes}}", "BYTEA");
  }
  return out;
}

std::vector<std::string> SplitStatements(std::string_view sql) {
  std::vector<std::string> statements;
  std::string current;
  size_t start = 0;
  while (start < sql.size()) {
    size_t end = sql.find('\n', start);
    if (end == std::string_view::npos) end = sql.size();
    std::string_view line = sql.substr(start, end - start);
    start = end + 1;
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line.substr(first).starts_with("--")) continue;
    size_t last = line.find_last_not_of(" \t\r");
    current.append(line.substr(0, last + 1));
    if (line[last] == ';') {
      current.pop_back();
      statements.push_back(std::move(current));
      current.clear();
    } else {
      current += '\n';
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) statements.push_back(current);
  return statements;
}

core::Status Migrate(soci::session& sql, Dialect dialect, const core::Clock& clock) {
  const auto& files = EmbeddedMigrations();
  int64_t newest_known = 0;
  for (const MigrationFile& file : files) {
    int64_t version = VersionOf(file.name);
    // Files are sorted by name, so strictly increasing versions also rule out duplicates.
    if (version <= newest_known) {
      return core::Fail(core::ErrorCode::kInternal,
                        "migration file " + std::string(file.name) +
                            " must start with a version number above the previous file's");
    }
    newest_known = version;
  }

  std::string step = "starting the migration transaction";
  try {
    if (dialect == Dialect::kSqlite) {
      sql << "BEGIN IMMEDIATE";
    } else {
      sql << "BEGIN";
      // Serialises choral processes migrating the same PostgreSQL database at once.
      sql << "SELECT pg_advisory_xact_lock(7306920361)";
    }
    step = "creating schema_migrations";
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY, "
           "name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    step = "reading schema_migrations";
    std::set<int64_t> applied;
    {
      long long version = 0;
      soci::statement st =
          (sql.prepare << "SELECT version FROM schema_migrations", soci::into(version));
      st.execute();
      while (st.fetch()) applied.insert(version);
    }
    if (!applied.empty() && *applied.rbegin() > newest_known) {
      sql << "ROLLBACK";
      return core::Fail(core::ErrorCode::kUnsupported,
                        "the database schema is at version " + std::to_string(*applied.rbegin()) +
                            " but this choral knows versions up to " +
                            std::to_string(newest_known) + ": run a newer choral");
    }
    for (const MigrationFile& file : files) {
      long long version = VersionOf(file.name);
      if (applied.contains(version)) continue;
      step = "applying migration " + std::string(file.name);
      for (const std::string& statement : SplitStatements(SubstituteDialect(file.sql, dialect))) {
        sql << statement;
      }
      std::string name(file.name);
      long long now = clock.Now().time_since_epoch().count();
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)",
          soci::use(version), soci::use(name), soci::use(now);
    }
    step = "committing the migrations";
    sql << "COMMIT";
    return core::Ok();
  } catch (...) {
    core::Error error = CurrentExceptionToError(step);
    try {
      sql << "ROLLBACK";
    } catch (...) {
      // The transaction may never have started; the original error is the one to report.
    }
    return core::Fail(std::move(error));
  }
}

}  // namespace choral::store
