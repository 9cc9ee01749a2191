// DirectoryFile: the CSV file of public recipients an administrator imports (README, "Importing
// the public directory"): one line per service, the structure's columns repeated; a line without
// a service code is the structure alone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/csv_reader.h"
#include "core/result.h"
#include "directory/service.h"
#include "directory/structure.h"

namespace choral::directory {

// One good line: a public structure (identifier normalised, id unset) and maybe one of its
// services (ids unset).
struct DirectoryFileLine {
  int line = 0;
  Structure structure;
  std::optional<Service> service;
};

// A line that cannot be imported and why, in words an operator can act on.
struct DirectoryFileRejection {
  int line = 0;
  std::string reason;
};

struct DirectoryFile {
  std::vector<DirectoryFileLine> lines;
  std::vector<DirectoryFileRejection> rejections;
};

// The column names, in the order the README lists them. "siret" and "nom" are required.
const std::vector<std::string>& DirectoryFileColumns();

// Reads the records of a directory CSV file (the first one is the header) and checks each line
// on its own: SIRET checksum, structure name, flags (oui/non/1/0, empty = default), service
// code and name, validity dates (ISO or French, start before end); then across lines: a SIRET
// repeated with other structure columns, or a service code repeated for one SIRET, rejects the
// later line. Rejections come in line order. kMalformedInput when the
// header is missing, names an unknown column or misses a required one: nothing can be read then.
core::Result<DirectoryFile> ParseDirectoryFile(const std::vector<core::CsvRecord>& records);

}  // namespace choral::directory
