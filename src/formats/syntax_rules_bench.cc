// The syntax rules' speed on the complete invoices of the EN 16931 corpus (XML already parsed:
// the rules alone). Prints the time per invoice for UBL and CII.
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "formats/syntax_rules.h"

namespace choral::formats {
namespace {

// The corpus's complete invoices ("kind": "instance") of one syntax, parsed.
std::vector<std::unique_ptr<pugi::xml_document>> LoadInstances(const std::string& syntax) {
  const char* from_env = std::getenv("CHORAL_CORPUS_DIR");
  const std::string corpus =
      std::string(from_env != nullptr ? from_env : CHORAL_CORPUS_DIR) + "/en16931";
  std::ifstream lines(corpus + "/expected.jsonl");
  std::vector<std::unique_ptr<pugi::xml_document>> documents;
  std::string line;
  while (std::getline(lines, line)) {
    const nlohmann::json entry = nlohmann::json::parse(line);
    if (entry["kind"] != "instance" || entry["syntax"] != syntax) continue;
    auto document = std::make_unique<pugi::xml_document>();
    const std::string path = corpus + "/" + entry["file"].get<std::string>();
    if (document->load_file(path.c_str())) documents.push_back(std::move(document));
  }
  return documents;
}

void BM_UblSyntaxRules(benchmark::State& state) {
  const auto documents = LoadInstances("ubl");
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(CheckUblSyntaxRules(*documents[i++ % documents.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UblSyntaxRules);

void BM_CiiSyntaxRules(benchmark::State& state) {
  const auto documents = LoadInstances("cii");
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(CheckCiiSyntaxRules(*documents[i++ % documents.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CiiSyntaxRules);

}  // namespace
}  // namespace choral::formats
