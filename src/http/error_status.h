// The one map from Choral's error codes to HTTP statuses (STYLE.md example 8).
#pragma once

#include "core/error.h"
#include "http/request.h"

namespace choral::http {

// 400, 422, 404, 409, 403, 415, 503, 429, 500 — see error_status.cc for the reasons.
int HttpStatusFor(core::ErrorCode code);

// A JSON error body {"error": {"code": "...", "message": "..."}} with the mapped status.
Response JsonError(const core::Error& error);

}  // namespace choral::http
