// Private to the store: the numbered, forward-only schema migrations (migrations/NNNN_name.sql,
// compiled into the binary) and the code that applies them at Store::Open.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/clock.h"
#include "core/result.h"
#include "store/db_error.h"

namespace choral::store {

struct MigrationFile {
  std::string_view name;  // "0001_initial.sql"; the leading number is the version
  std::string_view sql;
};

// Every file of src/store/migrations/, sorted by name (generated: migrations_embedded.cc).
const std::vector<MigrationFile>& EmbeddedMigrations();

// The SQL of a migration for `dialect`: {{id_column}} becomes an auto-increment BIGINT primary
// key, {{bytes}} a binary column type.
std::string SubstituteDialect(std::string_view sql, Dialect dialect);

// Splits a migration into statements: each ends with ';' at the end of a line; "--" comment
// lines are dropped.
std::vector<std::string> SplitStatements(std::string_view sql);

// Applies, in one transaction, every migration not yet recorded in schema_migrations(version,
// name, applied_at), in version order. Several processes opening the same database at once are
// serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock). kUnsupported when the
// database has a version this binary does not know (it was opened by a newer Choral); kInternal
// naming the file when a migration fails. `sql` must not be inside a transaction.
core::Status Migrate(soci::session& sql, Dialect dialect, const core::Clock& clock);

}  // namespace choral::store
