// The subcommands of `choral`; each returns the process exit code.
#pragma once

#include <string>
#include <vector>

#include "cli/config.h"

namespace choral::cli {

// `choral serve`: the portal and the APIs until SIGTERM.
int RunServe(const Config& config);

// `choral admin seed-demo`: writes the demo data and prints the demo logins once.
int RunSeedDemo(const Config& config, bool json);

// `choral admin verify`: walks the audit chain and the blobs; 0 when intact, 1 otherwise.
int RunVerify(const Config& config);

// `choral admin import-directory FILE`: creates or updates public structures and services from a
// CSV file and prints the counts and each rejected line. 0 when every line was imported, 1 when
// some were rejected (the good ones are kept), 2 when the file or the store cannot be read.
int RunImportDirectory(const Config& config, const std::string& file, bool json);

// `choral admin routes --json`: every served route and the authorization policy table as one
// JSON object {registered: [{method, pattern}], policies: [{method, pattern, audience}]}.
int RunRoutes(const Config& config);

// `choral extract FILE...`: recognises each PDF and prints one JSON object per file per line;
// 1 when any file could not be read (after reading the others).
int RunExtract(const std::vector<std::string>& files);

// Prints "choral: <message>" on standard error: the one way a command reports a fatal error.
void PrintFatal(const std::string& message);

}  // namespace choral::cli
