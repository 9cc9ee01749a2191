// The subcommands of `choral`; each returns the process exit code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/config.h"
#include "core/result.h"
#include "formats/xsd_validator.h"

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

// `choral validate [--json] FILE...`: checks each structured invoice (UBL, CII, Factur-X PDF)
// against the XML schema of config.schema_dir (or DefaultSchemaDir()) and the EN 16931 rules;
// prints a readable report per file, or with `json_lines` one JSON object per file per line:
// {file, syntax, profile, valid, findings: [{rule, flag, message, location: {xpath, line}}]}.
// A file that cannot be read gets "choral: FILE: cause" on standard error (and, in JSON, a line
// {file, error: {code, message}}). 0 when every file is valid, 1 when one has a fatal finding or
// cannot be read, 2 when a schema folder that was named cannot be loaded.
// The XML schemas of [validation] schema_dir (or the build's default folder), or none with a
// warning on stderr when the default folder is missing (the schema step is then skipped); an
// error when a folder the user named cannot be loaded.
core::Result<std::optional<formats::XsdValidator>> LoadSchemas(const Config& config);

int RunValidate(const Config& config, const std::vector<std::string>& files, bool json_lines);

// Prints "choral: <message>" on standard error: the one way a command reports a fatal error.
void PrintFatal(const std::string& message);

}  // namespace choral::cli
