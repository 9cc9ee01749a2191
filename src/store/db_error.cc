#include "store/db_error.h"

#include <cstring>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace choral::store {

std::string OneLine(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

DbError ClassifyDbError(const soci::soci_error& error) {
  DbError result{DbFailure::kOther, OneLine(error.get_error_message())};
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    const std::string state = pg->sqlstate();
    // PostgreSQL Appendix A, error codes.
    if (state == "23505") {
      result.failure = DbFailure::kUniqueViolation;
    } else if (state == "23503") {
      result.failure = DbFailure::kForeignKeyViolation;
    } else if (state == "40001" || state == "40P01") {
      result.failure = DbFailure::kConflict;
    } else if (state.starts_with("08") || state.starts_with("57P") || state.starts_with("53")) {
      result.failure = DbFailure::kUnavailable;  // connection, shutdown, out of resources
    }
    if (result.failure != DbFailure::kOther) return result;
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    switch (lite->result() & 0xff) {  // primary result code
      case SQLITE_CONSTRAINT:
        // Extended codes are not enabled through SOCI; SQLite's message names the kind.
        if (result.message.find("UNIQUE") != std::string::npos ||
            result.message.find("PRIMARY KEY") != std::string::npos) {
          result.failure = DbFailure::kUniqueViolation;
        } else if (result.message.find("FOREIGN KEY") != std::string::npos) {
          result.failure = DbFailure::kForeignKeyViolation;
        }
        return result;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_FULL:
      case SQLITE_IOERR:
      case SQLITE_CANTOPEN:
      case SQLITE_READONLY:
      case SQLITE_PERM:
        result.failure = DbFailure::kUnavailable;
        return result;
      default:
        break;
    }
  }
  switch (error.get_error_category()) {
    case soci::soci_error::connection_error:
    case soci::soci_error::system_error:
      result.failure = DbFailure::kUnavailable;
      break;
    case soci::soci_error::constraint_violation:
      // Without a SQLSTATE, tell the two kinds apart by the message.
      result.failure = result.message.find("foreign key") != std::string::npos ||
                               result.message.find("FOREIGN KEY") != std::string::npos
                           ? DbFailure::kForeignKeyViolation
                           : DbFailure::kUniqueViolation;
      break;
    default:
      break;
  }
  // SOCI's PostgreSQL backend reports a dropped connection without a category or SQLSTATE.
  if (result.failure == DbFailure::kOther &&
      (result.message.find("server closed the connection") != std::string::npos ||
       result.message.find("no connection to the server") != std::string::npos ||
       result.message.find("Cannot establish connection") != std::string::npos ||
       result.message.find("database is locked") != std::string::npos)) {
    result.failure = DbFailure::kUnavailable;
  }
  return result;
}

core::Error ToCoreError(const DbError& error, std::string_view what,
                        const ConstraintMessages& messages) {
  const std::string context(what);
  switch (error.failure) {
    case DbFailure::kUniqueViolation:
      return {core::ErrorCode::kAlreadyExists,
              messages.unique.empty() ? context + ": already exists (" + error.message + ")"
                                      : messages.unique};
    case DbFailure::kForeignKeyViolation:
      return {core::ErrorCode::kNotFound,
              messages.foreign_key.empty()
                  ? context + ": refers to something that does not exist (" + error.message + ")"
                  : messages.foreign_key};
    case DbFailure::kUnavailable:
      return {core::ErrorCode::kUnavailable, context + ": database unavailable: " + error.message};
    case DbFailure::kConflict:
      return {core::ErrorCode::kConflict,
              context + ": concurrent change, try again: " + error.message};
    case DbFailure::kOther:
      break;
  }
  return {core::ErrorCode::kInternal, context + ": " + error.message};
}

core::Error CurrentExceptionToError(std::string_view what, const ConstraintMessages& messages) {
  try {
    throw;
  } catch (const soci::soci_error& e) {
    return ToCoreError(ClassifyDbError(e), what, messages);
  } catch (const std::exception& e) {
    return {core::ErrorCode::kInternal, std::string(what) + ": " + OneLine(e.what())};
  } catch (...) {
    return {core::ErrorCode::kInternal, std::string(what) + ": unknown exception"};
  }
}

}  // namespace choral::store
