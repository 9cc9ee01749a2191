// `choral extract`: one JSON object per PDF on standard output (the contract other tools read).
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "platform/invoice_extraction.h"

namespace choral::cli {
namespace {

using nlohmann::json;

// Boxes to the hundredth of a point and confidences to three decimals: what is meaningful, and
// what keeps the lines short.
double Round(double value, double scale) { return std::round(value * scale) / scale; }

core::Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Fail(core::ErrorCode::kNotFound, "cannot open " + path);
  in.seekg(0, std::ios::end);
  auto size = static_cast<size_t>(in.tellg());
  if (size > max_bytes) {
    // Read no more than the limit: the reader refuses it with the size in its message anyway.
    size = max_bytes + 1;
  }
  in.seekg(0);
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

json ExtractionJson(const std::string& file, const platform::InvoiceExtraction& extraction) {
  json values = json::object();
  json fields = json::object();
  for (recognize::Field field : recognize::AllFields()) {
    std::string name(recognize::FieldName(field));
    const recognize::FoundValue* found = extraction.recognition.Find(field);
    if (!found) {
      values[name] = nullptr;
      continue;
    }
    values[name] = found->value;
    fields[name] = {{"value", found->value},
                    {"confidence", Round(found->confidence, 1000)},
                    {"page", found->page},
                    {"box",
                     {Round(found->box.x0, 100), Round(found->box.y0, 100),
                      Round(found->box.x1, 100), Round(found->box.y1, 100)}},
                    {"anchor", found->anchor}};
  }
  json out = {{"file", file},
              {"pages", extraction.pages},
              {"is_scanned", extraction.is_scanned},
              {"values", std::move(values)},
              {"fields", std::move(fields)}};
  if (extraction.embedded) {
    json embedded = {{"syntax", extraction.embedded->syntax}};
    for (recognize::Field field : recognize::AllFields()) {
      if (auto value = platform::EmbeddedValue(*extraction.embedded, field)) {
        embedded[std::string(recognize::FieldName(field))] = *value;
      }
    }
    out["embedded"] = std::move(embedded);
    json disagreements = json::array();
    for (recognize::Field field : extraction.disagreements) {
      disagreements.push_back(recognize::FieldName(field));
    }
    out["disagreements"] = std::move(disagreements);
  }
  if (!extraction.embedded_error.empty()) out["embedded_error"] = extraction.embedded_error;
  return out;
}

}  // namespace

int RunExtract(const std::vector<std::string>& files) {
  pdf::ReaderPoolOptions options;
  options.size = 1;  // one file after another
  pdf::ReaderPool readers(options);
  platform::InvoiceExtractor extractor(readers);
  int failures = 0;
  for (const std::string& file : files) {
    auto bytes = ReadFile(file, options.reader.max_bytes);
    core::Result<platform::InvoiceExtraction> extraction =
        bytes ? extractor.Extract(*bytes)
              : core::Result<platform::InvoiceExtraction>(core::Fail(bytes.error()));
    if (!extraction) {
      ++failures;
      std::cout << json{{"file", file},
                        {"error",
                         {{"code", core::ErrorCodeName(extraction.error().code)},
                          {"message", extraction.error().message}}}}
                       .dump()
                << "\n";
      continue;
    }
    std::cout << ExtractionJson(file, *extraction).dump() << "\n";
  }
  std::cout.flush();
  return failures == 0 ? 0 : 1;
}

}  // namespace choral::cli
