// XsdValidator: schema load time, and invoices/s over the complete instances of the EN 16931
// corpus (CEN examples and test files, zugferd and akretion samples; not the unit fragments).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "formats/xsd_validator.h"

namespace choral::formats {
namespace {

namespace fs = std::filesystem;

std::vector<std::pair<std::string, Syntax>> LoadInstances() {
  std::vector<std::pair<std::string, Syntax>> documents;
  const fs::path root = fs::path(CHORAL_CORPUS_DIR) / "en16931";
  for (auto [dir, syntax] : {std::pair{"ubl", Syntax::kUbl}, std::pair{"cii", Syntax::kCii}}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      std::string path = entry.path().string();
      if (!entry.is_regular_file() || path.find("/unit/") != std::string::npos) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      documents.emplace_back(bytes.str(), syntax);
    }
  }
  return documents;
}

const XsdValidator& Validator() {
  static const XsdValidator validator = std::move(*XsdValidator::Load(CHORAL_XSD_DIR));
  return validator;
}

void BM_Load(benchmark::State& state) {
  for (auto _ : state) {
    auto loaded = XsdValidator::Load(CHORAL_XSD_DIR);
    if (!loaded) state.SkipWithError(loaded.error().message.c_str());
  }
}
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond);

void BM_ValidateCorpusInstances(benchmark::State& state) {
  static const auto documents = LoadInstances();
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const auto& [xml, syntax] : documents) {
      benchmark::DoNotOptimize(Validator().Validate(xml, syntax));
      bytes += static_cast<int64_t>(xml.size());
    }
  }
  state.SetBytesProcessed(bytes);
  state.counters["invoices/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * documents.size()), benchmark::Counter::kIsRate);
  state.counters["invoices"] = static_cast<double>(documents.size());
}
BENCHMARK(BM_ValidateCorpusInstances)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace choral::formats
