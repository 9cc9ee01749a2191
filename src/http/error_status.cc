#include "http/error_status.h"

#include <nlohmann/json.hpp>

namespace choral::http {

int HttpStatusFor(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidArgument:
      return 400;
    // The request was well-formed HTTP but its document could not be read.
    case core::ErrorCode::kMalformedInput:
      return 422;
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kAlreadyExists:
      return 409;
    case core::ErrorCode::kConflict:
      return 409;
    case core::ErrorCode::kPermissionDenied:
      return 403;
    case core::ErrorCode::kUnsupported:
      return 415;
    case core::ErrorCode::kUnavailable:
      return 503;
    // Quotas (login attempts): RFC 6585 Too Many Requests.
    case core::ErrorCode::kResourceExhausted:
      return 429;
    case core::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response JsonError(const core::Error& error) {
  nlohmann::json body = {
      {"error", {{"code", core::ErrorCodeName(error.code)}, {"message", error.message}}}};
  return Response::Json(body.dump(), HttpStatusFor(error.code));
}

}  // namespace choral::http
