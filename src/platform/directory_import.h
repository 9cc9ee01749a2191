// DirectoryImport: loads the directory of public recipients from a CSV file (`choral admin
// import-directory`), so platform administrators need not create thousands of structures by hand.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "directory/directory_file.h"
#include "store/store.h"

namespace choral::platform {

struct DirectoryImportCounts {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

struct DirectoryImportReport {
  DirectoryImportCounts structures;  // each SIRET counted once
  DirectoryImportCounts services;
  std::vector<directory::DirectoryFileRejection> rejections;  // in line order
};

// Thread-safe. Run by the operator on the command line, who acts as platform administrator: the
// audit events name `audit_actor` ("cli").
class DirectoryImport {
 public:
  explicit DirectoryImport(store::Store& store) : store_(store) {}

  // Reads `csv_text` (format: directory/directory_file.h and the README; separator sniffed from
  // the header) and upserts, in one write transaction with an audit event per change, every good
  // line: the public structure by SIRET, its service by (structure, code). Fields the file does
  // not carry (VAT number) and services it does not name are left as they are. Bad lines are
  // skipped and reported with their reason; a SIRET that belongs to a supplier (PRIVEE)
  // structure is rejected. Running the same file twice changes nothing the second time.
  // kMalformedInput / kInvalidArgument when the text cannot be read as a directory file (nothing
  // written); a store error rolls everything back and is returned.
  core::Result<DirectoryImportReport> Run(std::string_view csv_text,
                                          std::string_view audit_actor) const;

 private:
  store::Store& store_;
};

}  // namespace choral::platform
