// CsvReader: reads RFC 4180 CSV text (files operators import) into records, within limits so a
// hostile or mistaken file cannot exhaust memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace choral::core {

struct CsvOptions {
  char separator = ',';                 // ',' or ';' (see SniffCsvSeparator)
  size_t max_bytes = 16 * 1024 * 1024;  // the whole text
  size_t max_records = 100'000;         // header included
  size_t max_fields = 64;               // per record
  size_t max_field_bytes = 4096;        // per field, after unquoting
};

struct CsvRecord {
  int line = 0;  // 1-based physical line where the record starts (a quoted newline spans lines)
  std::vector<std::string> fields;
};

// Splits `text` into records (RFC 4180): fields between `separator`s, a field in double quotes may
// hold separators, line breaks and "" for one quote; records end with CRLF or LF. A UTF-8 BOM at
// the start is skipped; blank lines are skipped. kMalformedInput naming the line for an
// unterminated quoted field, a quote inside an unquoted field or text after a closing quote;
// kInvalidArgument when a limit of `options` is passed.
Result<std::vector<CsvRecord>> ReadCsv(std::string_view text, const CsvOptions& options);

// The separator a header line uses: ';' when it holds more semicolons than commas outside quotes
// (the French spreadsheet default), ',' otherwise. Reads up to the first line break; skips a BOM.
char SniffCsvSeparator(std::string_view text);

}  // namespace choral::core
