// Result<T>: a value or an Error. Built on tl::expected; only the API that std::expected also has
// is used, so the switch to C++23 is a one-line change.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

#include "core/error.h"

namespace choral::core {

template <typename T>
using Result = tl::expected<T, Error>;

// A Result with no value: success, or an Error.
using Status = Result<void>;

// Builds the error side of a Result: `return Fail(ErrorCode::kNotFound, "no such user");`
inline tl::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}
inline tl::unexpected<Error> Fail(Error error) { return tl::unexpected<Error>(std::move(error)); }

// The success value of a Status.
inline Status Ok() { return {}; }

}  // namespace choral::core
