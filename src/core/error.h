// Error: the one way Choral reports a failure, a short fixed list of codes and a message a user can
// act on.
#pragma once

#include <string>
#include <string_view>

namespace choral::core {

// The codes are few on purpose (leveldb's Status has six): callers branch on the code, people read
// the message. The HTTP layer maps each code to a status in exactly one place.
enum class ErrorCode {
  kInvalidArgument,    // a value breaks a rule: bad SIRET, empty field, wrong format
  kMalformedInput,     // a document or payload cannot be parsed at all
  kNotFound,           // the thing asked for does not exist (or is not visible to the actor)
  kAlreadyExists,      // creating something whose key is taken
  kConflict,           // the state changed under the caller, or forbids the move
  kPermissionDenied,   // the actor may not do this
  kUnsupported,        // a feature or format Choral does not handle
  kUnavailable,        // a dependency (database, worker) cannot be reached; retrying may help
  kResourceExhausted,  // the caller used up a quota (login attempts, rate): wait, then retry
  kInternal,           // a failure that is Choral's fault
};

// Stable snake_case name of a code ("invalid_argument"), used in logs and JSON errors.
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // one line, in the user's terms, naming the field and the rule

  // "invalid_argument: SIRET 123 must have 14 digits".
  std::string ToString() const;
};

// `value` in double quotes for an error message: at most 60 bytes of it (cut on a UTF-8 character
// boundary, then "..."), with '"' and '\\' escaped by a backslash and control characters shown
// as '?', so a hostile input cannot make a message huge or break a log line.
// Quoted("123") is "\"123\"".
std::string Quoted(std::string_view value);

}  // namespace choral::core
