// The subcommands of `choral`; each returns the process exit code.
#pragma once

#include "cli/config.h"

namespace choral::cli {

// `choral serve`: the portal and the APIs until SIGTERM.
int RunServe(const Config& config);

// `choral admin seed-demo`: writes the demo data and prints the demo logins once.
int RunSeedDemo(const Config& config, bool json);

// `choral admin verify`: walks the audit chain and the blobs; 0 when intact, 1 otherwise.
int RunVerify(const Config& config);

// Prints "choral: <message>" on standard error: the one way a command reports a fatal error.
void PrintFatal(const std::string& message);

}  // namespace choral::cli
