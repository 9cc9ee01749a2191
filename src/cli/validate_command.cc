// `choral validate`: checks structured invoices (UBL, CII, Factur-X PDFs) against the XML schema
// and the EN 16931 rules, and prints what it found, file by file.
#include <fstream>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "formats/xsd_validator.h"
#include "platform/invoice_validation.h"

namespace choral::cli {
namespace {

// Keys in the documented order (file, syntax, profile, valid, findings).
using json = nlohmann::ordered_json;

// Larger files are not read whole: the validator refuses them anyway (formats::XmlLimits).
constexpr size_t kMaxFileBytes = 100 * 1024 * 1024;

core::Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Fail(core::ErrorCode::kNotFound, "cannot open the file");
  in.seekg(0, std::ios::end);
  auto size = static_cast<size_t>(in.tellg());
  if (size > kMaxFileBytes) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the file is " + std::to_string(size >> 20) + " MB; the limit is " +
                          std::to_string(kMaxFileBytes >> 20) + " MB");
  }
  in.seekg(0);
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<size_t>(in.gcount()) != size) {
    return core::Fail(core::ErrorCode::kUnavailable, "the file could not be read whole");
  }
  return bytes;
}

json ReportJson(const std::string& file, const platform::ValidationReport& report) {
  json findings = json::array();
  for (const invoice::ValidationFinding& finding : report.findings) {
    findings.push_back({{"rule", finding.rule},
                        {"flag", invoice::FindingFlagName(finding.flag)},
                        {"message", finding.message},
                        {"location", {{"xpath", finding.xpath}, {"line", finding.line}}}});
  }
  return {{"file", file},
          {"syntax", report.syntax},
          {"profile", report.profile},
          {"valid", report.valid},
          {"findings", std::move(findings)}};
}

void PrintReadable(const std::string& file, const platform::ValidationReport& report) {
  int fatal = 0, warnings = 0;
  for (const auto& finding : report.findings) {
    (finding.flag == invoice::FindingFlag::kFatal ? fatal : warnings) += 1;
  }
  std::cout << file << ": " << report.syntax;
  if (!report.profile.empty()) std::cout << " (" << report.profile << ")";
  std::cout << ", " << (report.valid ? "valid" : "INVALID") << ", " << fatal << " fatal, "
            << warnings << " warning" << (warnings == 1 ? "" : "s") << "\n";
  for (const auto& finding : report.findings) {
    std::cout << "  " << invoice::FindingFlagName(finding.flag) << " " << finding.rule;
    if (finding.line > 0) std::cout << " line " << finding.line;
    if (!finding.xpath.empty()) std::cout << " " << finding.xpath;
    std::cout << "\n    " << finding.message << "\n";
  }
}

}  // namespace

// The schemas, or none (the XSD-UNAVAILABLE warning) when the build's default folder is missing.
// A folder the user named that cannot be loaded is an error: they asked for that check.
core::Result<std::optional<formats::XsdValidator>> LoadSchemas(const Config& config) {
  bool named = !config.schema_dir.empty();
  std::string dir = named ? config.schema_dir : DefaultSchemaDir();
  auto loaded = formats::XsdValidator::Load(dir);
  if (loaded) return std::optional<formats::XsdValidator>(std::move(*loaded));
  if (named) return core::Fail(loaded.error().code, "schemas: " + loaded.error().message);
  std::cerr << "choral: warning: the XML schemas were not loaded (" << loaded.error().message
            << "); the schema step is skipped: give --schemas DIR\n";
  return std::optional<formats::XsdValidator>();
}

int RunValidate(const Config& config, const std::vector<std::string>& files, bool json_lines) {
  auto schemas = LoadSchemas(config);
  if (!schemas) {
    PrintFatal(schemas.error().message);
    return 2;
  }
  pdf::ReaderPoolOptions pdf_options;
  pdf_options.size = 1;  // one file after another; the worker starts with the first PDF
  pdf::ReaderPool readers(pdf_options);
  platform::InvoiceValidator validator(*schemas ? &**schemas : nullptr, &readers);

  bool all_valid = true;
  for (const std::string& file : files) {
    auto bytes = ReadFile(file);
    auto report = bytes ? validator.Validate(*bytes)
                        : core::Result<platform::ValidationReport>(core::Fail(bytes.error()));
    if (!report) {
      all_valid = false;
      std::cout.flush();
      PrintFatal(file + ": " + report.error().message);
      if (json_lines) {
        std::cout << json{{"file", file},
                          {"error",
                           {{"code", core::ErrorCodeName(report.error().code)},
                            {"message", report.error().message}}}}
                         .dump(-1, ' ', false, json::error_handler_t::replace)
                  << "\n";
      }
      continue;
    }
    all_valid = all_valid && report->valid;
    if (json_lines) {
      // Messages quote the invoice's text: bytes that are not UTF-8 are replaced, not fatal.
      std::cout << ReportJson(file, *report).dump(-1, ' ', false, json::error_handler_t::replace)
                << "\n";
    } else {
      PrintReadable(file, *report);
    }
  }
  std::cout.flush();
  return all_valid ? 0 : 1;
}

}  // namespace choral::cli
