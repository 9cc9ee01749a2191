#include "directory/directory_file.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "directory/identifier_type.h"

namespace choral::directory {
namespace {

// Column names: French, as the operators who fill the file in speak (README).
constexpr std::string_view kSiret = "siret";
constexpr std::string_view kName = "nom";
constexpr std::string_view kAddress = "adresse";
constexpr std::string_view kActive = "active";
constexpr std::string_view kServiceCodeRequired = "code_service_obligatoire";
constexpr std::string_view kEngagementRequired = "numero_engagement_obligatoire";
constexpr std::string_view kEitherRequired = "code_service_ou_engagement_obligatoire";
constexpr std::string_view kPaymentNotReported = "mise_en_paiement_non_remontee";
constexpr std::string_view kServiceCode = "code_service";
constexpr std::string_view kServiceName = "nom_service";
constexpr std::string_view kServiceActive = "service_actif";
constexpr std::string_view kServiceEngagementRequired = "service_numero_engagement_obligatoire";
constexpr std::string_view kServicePaymentReported = "service_mise_en_paiement";
constexpr std::string_view kValidFrom = "debut_validite";
constexpr std::string_view kValidTo = "fin_validite";

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return text;
}

// The fields of one record, looked up by column name; a column the file lacks reads as empty.
class Row {
 public:
  Row(const std::map<std::string, size_t, std::less<>>& columns, const core::CsvRecord& record)
      : columns_(columns), record_(record) {}

  std::string Get(std::string_view column) const {
    auto it = columns_.find(column);
    if (it == columns_.end() || it->second >= record_.fields.size()) return "";
    return Trim(record_.fields[it->second]);
  }

  // oui/non/1/0 in any case; empty keeps `fallback`.
  core::Result<bool> Flag(std::string_view column, bool fallback) const {
    std::string value = Lower(Get(column));
    if (value.empty()) return fallback;
    if (value == "oui" || value == "1") return true;
    if (value == "non" || value == "0") return false;
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        std::string(column) + " " + core::Quoted(value) + " must be oui, non, 1 or 0");
  }

  core::Result<std::optional<core::Date>> OptionalDate(std::string_view column) const {
    std::string value = Get(column);
    if (value.empty()) return std::nullopt;
    auto date = core::Date::Parse(value);
    if (!date) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        std::string(column) + " " + core::Quoted(value) +
                            " is not a date (2026-11-26 or 26/11/2026)");
    }
    return *date;
  }

 private:
  const std::map<std::string, size_t, std::less<>>& columns_;
  const core::CsvRecord& record_;
};

core::Result<Structure> ReadStructure(const Row& row) {
  Structure structure;
  structure.identifier_type = IdentifierType::kSiret;
  structure.kind = StructureKind::kPublic;
  std::string siret = row.Get(kSiret);
  if (siret.empty()) return core::Fail(core::ErrorCode::kInvalidArgument, "siret is empty");
  auto normalised = NormaliseIdentifier(IdentifierType::kSiret, siret);
  if (!normalised) return core::Fail(normalised.error());
  structure.identifier = *normalised;
  structure.name = row.Get(kName);
  structure.address = row.Get(kAddress);
  auto active = row.Flag(kActive, true);
  auto service_code = row.Flag(kServiceCodeRequired, false);
  auto engagement = row.Flag(kEngagementRequired, false);
  auto either = row.Flag(kEitherRequired, false);
  auto payment = row.Flag(kPaymentNotReported, false);
  for (const auto* flag : {&active, &service_code, &engagement, &either, &payment}) {
    if (!*flag) return core::Fail(flag->error());
  }
  structure.active = *active;
  structure.flags.service_code_required = *service_code;
  structure.flags.engagement_number_required = *engagement;
  structure.flags.service_code_or_engagement_required = *either;
  structure.flags.payment_status_not_reported = *payment;
  if (auto valid = ValidateStructure(structure); !valid) return core::Fail(valid.error());
  return structure;
}

core::Result<std::optional<Service>> ReadService(const Row& row) {
  Service service;
  service.code = row.Get(kServiceCode);
  std::string name = row.Get(kServiceName);
  if (service.code.empty()) {
    if (!name.empty()) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "nom_service " + core::Quoted(name) + " is given without a code_service");
    }
    return std::nullopt;
  }
  service.name = name;
  auto active = row.Flag(kServiceActive, true);
  auto engagement = row.Flag(kServiceEngagementRequired, false);
  auto payment = row.Flag(kServicePaymentReported, true);
  for (const auto* flag : {&active, &engagement, &payment}) {
    if (!*flag) return core::Fail(flag->error());
  }
  service.active = *active;
  service.engagement_number_required = *engagement;
  service.payment_status_reported = *payment;
  auto from = row.OptionalDate(kValidFrom);
  if (!from) return core::Fail(from.error());
  auto to = row.OptionalDate(kValidTo);
  if (!to) return core::Fail(to.error());
  service.valid_from = *from;
  service.valid_to = *to;
  if (auto valid = ValidateService(service); !valid) return core::Fail(valid.error());
  return service;
}

// A SIRET on several lines must carry the same structure columns on each, and a service code
// may appear once per SIRET: otherwise which line wins would depend on the order of the file.
void RejectInconsistentLines(DirectoryFile& file) {
  std::map<std::string, const DirectoryFileLine*> first_of_siret;
  std::map<std::pair<std::string, std::string>, int> code_lines;
  std::vector<DirectoryFileLine> kept;
  for (DirectoryFileLine& line : file.lines) {
    const std::string& siret = line.structure.identifier;
    auto [first, inserted] = first_of_siret.emplace(siret, &line);
    if (!inserted && !(first->second->structure == line.structure)) {
      file.rejections.push_back({line.line, "the structure columns of SIRET " + siret +
                                                " differ from line " +
                                                std::to_string(first->second->line)});
      continue;
    }
    if (line.service) {
      auto [code, fresh] = code_lines.emplace(std::pair(siret, line.service->code), line.line);
      if (!fresh) {
        file.rejections.push_back({line.line, "service code " + core::Quoted(line.service->code) +
                                                  " of SIRET " + siret + " is already on line " +
                                                  std::to_string(code->second)});
        continue;
      }
    }
    kept.push_back(line);
  }
  file.lines = std::move(kept);
  std::sort(file.rejections.begin(), file.rejections.end(),
            [](const auto& a, const auto& b) { return a.line < b.line; });
}

}  // namespace

const std::vector<std::string>& DirectoryFileColumns() {
  static const std::vector<std::string> columns = {std::string(kSiret),
                                                   std::string(kName),
                                                   std::string(kAddress),
                                                   std::string(kActive),
                                                   std::string(kServiceCodeRequired),
                                                   std::string(kEngagementRequired),
                                                   std::string(kEitherRequired),
                                                   std::string(kPaymentNotReported),
                                                   std::string(kServiceCode),
                                                   std::string(kServiceName),
                                                   std::string(kServiceActive),
                                                   std::string(kServiceEngagementRequired),
                                                   std::string(kServicePaymentReported),
                                                   std::string(kValidFrom),
                                                   std::string(kValidTo)};
  return columns;
}

core::Result<DirectoryFile> ParseDirectoryFile(const std::vector<core::CsvRecord>& records) {
  if (records.empty()) {
    return core::Fail(core::ErrorCode::kMalformedInput, "the file is empty: no header line");
  }
  std::map<std::string, size_t, std::less<>> columns;
  const auto& known = DirectoryFileColumns();
  for (size_t i = 0; i < records[0].fields.size(); ++i) {
    std::string name = Lower(Trim(records[0].fields[i]));
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return core::Fail(core::ErrorCode::kMalformedInput,
                        "header: unknown column " + core::Quoted(name));
    }
    if (!columns.emplace(name, i).second) {
      return core::Fail(core::ErrorCode::kMalformedInput,
                        "header: column " + core::Quoted(name) + " appears twice");
    }
  }
  for (std::string_view required : {kSiret, kName}) {
    if (!columns.contains(required)) {
      return core::Fail(core::ErrorCode::kMalformedInput,
                        "header: required column " + core::Quoted(required) + " is missing");
    }
  }

  DirectoryFile file;
  for (size_t i = 1; i < records.size(); ++i) {
    const core::CsvRecord& record = records[i];
    Row row(columns, record);
    if (record.fields.size() > records[0].fields.size()) {
      file.rejections.push_back({record.line, "more fields than the header has columns"});
      continue;
    }
    auto structure = ReadStructure(row);
    if (!structure) {
      file.rejections.push_back({record.line, structure.error().message});
      continue;
    }
    auto service = ReadService(row);
    if (!service) {
      file.rejections.push_back({record.line, service.error().message});
      continue;
    }
    file.lines.push_back({record.line, std::move(*structure), std::move(*service)});
  }
  RejectInconsistentLines(file);
  return file;
}

}  // namespace choral::directory
