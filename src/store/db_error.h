// Private to the store: the SQL dialects, and how SOCI/backend exceptions become core::Error at
// the module boundary (no exception leaves the store).
#pragma once

#include <exception>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "core/result.h"

namespace choral::store {

enum class Dialect { kSqlite, kPostgres };

// What went wrong in the database, as far as the store's callers care.
enum class DbFailure {
  kUniqueViolation,      // a UNIQUE / PRIMARY KEY constraint
  kForeignKeyViolation,  // a REFERENCES constraint
  kUnavailable,          // connection lost, database locked too long, disk full or failing
  kConflict,             // PostgreSQL serialization failure or deadlock: retrying may succeed
  kOther,                // anything else: a bug in the store's SQL, most likely
};

struct DbError {
  DbFailure failure = DbFailure::kOther;
  std::string message;  // the backend's message on one line
};

DbError ClassifyDbError(const soci::soci_error& error);

// The messages a write uses when it breaks a constraint; empty means a generic message.
struct ConstraintMessages {
  std::string unique;       // -> kAlreadyExists
  std::string foreign_key;  // -> kNotFound
};

// Maps a classified failure to the error callers see; `what` says what the store was doing
// ("inserting user").
core::Error ToCoreError(const DbError& error, std::string_view what,
                        const ConstraintMessages& messages = {});

// Any exception (SOCI or other) caught at the boundary, as a core::Error.
core::Error CurrentExceptionToError(std::string_view what, const ConstraintMessages& messages = {});

// Collapses newlines and runs of spaces into one line, trimmed.
std::string OneLine(std::string_view text);

}  // namespace choral::store
