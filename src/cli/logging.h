// Logging: one JSON object per line on standard output, written by a background thread so a
// slow terminal or pipe never holds up a request.
#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>

namespace choral::cli {

// The process logger at `level` (already checked by CheckLogLevel). Lines look like
// {"ts":"2026-11-26T21:36:43.123Z","level":"info","event":{...}}: callers log JSON objects.
std::shared_ptr<spdlog::logger> MakeJsonLogger(const std::string& level);

// "postgresql://choral:secret@db:5432/choral" -> "postgresql://choral:***@db:5432/choral".
std::string RedactDatabaseUrl(const std::string& url);

}  // namespace choral::cli
