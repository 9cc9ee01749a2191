#include "core/csv_reader.h"

namespace choral::core {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string_view WithoutBom(std::string_view text) {
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  return text;
}

std::string LineText(int line) { return "line " + std::to_string(line); }

// Walks the text once, character by character: the state is whether we are inside quotes.
class CsvParser {
 public:
  CsvParser(std::string_view text, const CsvOptions& options) : text_(text), options_(options) {}

  Result<std::vector<CsvRecord>> Parse() {
    while (pos_ < text_.size()) {
      if (auto record = ParseRecord(); !record) return Fail(record.error());
    }
    return std::move(records_);
  }

 private:
  Status ParseRecord() {
    CsvRecord record;
    record.line = line_;
    while (true) {
      auto field = ParseField();
      if (!field) return Fail(field.error());
      if (record.fields.size() == options_.max_fields) {
        return Fail(ErrorCode::kInvalidArgument, LineText(record.line) + " has more than " +
                                                     std::to_string(options_.max_fields) +
                                                     " fields");
      }
      record.fields.push_back(std::move(*field));
      if (pos_ >= text_.size()) break;
      char c = text_[pos_];
      if (c == options_.separator) {
        ++pos_;
        continue;
      }
      // End of record: LF or CRLF (a lone CR ends it too, as old spreadsheets write).
      ++pos_;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      break;
    }
    bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (blank) return Ok();
    if (records_.size() == options_.max_records) {
      return Fail(ErrorCode::kInvalidArgument,
                  "more than " + std::to_string(options_.max_records) + " lines");
    }
    records_.push_back(std::move(record));
    return Ok();
  }

  // Reads one field and stops on the separator, the line break or the end (not consumed).
  Result<std::string> ParseField() {
    std::string field;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      int start_line = line_;
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) {
          return Fail(ErrorCode::kMalformedInput,
                      LineText(start_line) + ": a quoted field is never closed");
        }
        char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            ++pos_;
            field += '"';
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        field += c;
        if (auto fits = CheckSize(field); !fits) return Fail(fits.error());
      }
      if (pos_ < text_.size() && !EndsField(text_[pos_])) {
        return Fail(ErrorCode::kMalformedInput,
                    LineText(line_) + ": text after the closing quote of a field");
      }
      return field;
    }
    while (pos_ < text_.size() && !EndsField(text_[pos_])) {
      char c = text_[pos_++];
      if (c == '"') {
        return Fail(ErrorCode::kMalformedInput,
                    LineText(line_) + ": a quote inside a field that does not start with one");
      }
      field += c;
      if (auto fits = CheckSize(field); !fits) return Fail(fits.error());
    }
    return field;
  }

  bool EndsField(char c) const { return c == options_.separator || c == '\n' || c == '\r'; }

  Status CheckSize(const std::string& field) const {
    if (field.size() <= options_.max_field_bytes) return Ok();
    return Fail(ErrorCode::kInvalidArgument, LineText(line_) + ": a field is longer than " +
                                                 std::to_string(options_.max_field_bytes) +
                                                 " bytes");
  }

  std::string_view text_;
  const CsvOptions& options_;
  size_t pos_ = 0;
  int line_ = 1;
  std::vector<CsvRecord> records_;
};

}  // namespace

Result<std::vector<CsvRecord>> ReadCsv(std::string_view text, const CsvOptions& options) {
  if (text.size() > options.max_bytes) {
    return Fail(ErrorCode::kInvalidArgument, "the file is " + std::to_string(text.size()) +
                                                 " bytes; the limit is " +
                                                 std::to_string(options.max_bytes));
  }
  return CsvParser(WithoutBom(text), options).Parse();
}

char SniffCsvSeparator(std::string_view text) {
  text = WithoutBom(text);
  int semicolons = 0;
  int commas = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ';') ++semicolons;
    if (c == ',') ++commas;
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace choral::core
