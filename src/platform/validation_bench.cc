// Structured-invoice validation throughput — XML schema, syntax rules, EN 16931 rules, findings
// located; Factur-X PDFs read in their sandboxed worker — over a list of files (scripts/
// bench-validate.sh passes the corpus's complete invoices), from one and two threads. Then, with
// --memory-files=N, validates N files cycling over the list and prints the process's RSS after
// 1,000 and after N (it must stay flat), and with --verdicts=OUT writes each file's verdict as
// JSON lines {file, valid, fatal, warning} (XSD-* left out, as the official artefacts have none).
//
// Usage: validation_bench --files=LIST [--schemas=DIR] [--verdicts=OUT] [--memory-files=N]
//        [Google Benchmark flags]       (LIST: one path per line)
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include "formats/xsd_validator.h"
#include "platform/invoice_validation.h"

namespace choral::platform {
namespace {

struct Flags {
  std::string files;
  std::string schemas = CHORAL_XSD_DIR;
  std::string verdicts;
  int memory_files = 0;
};

struct Corpus {
  std::vector<std::string> paths;
  std::vector<std::string> bytes;
};

Corpus* corpus = nullptr;
const InvoiceValidator* validator = nullptr;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Each thread walks the list from its own starting point; every iteration is one invoice.
void BM_ValidateInvoice(benchmark::State& state) {
  size_t n = corpus->bytes.size();
  size_t i = static_cast<size_t>(state.thread_index()) * n / std::max(1, state.threads());
  size_t failures = 0;
  for (auto _ : state) {
    auto report = validator->Validate(corpus->bytes[i]);
    if (!report) ++failures;
    benchmark::DoNotOptimize(report);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["refused"] = static_cast<double>(failures);
}
BENCHMARK(BM_ValidateInvoice)->Threads(1)->Threads(2)->UseRealTime()->MinTime(3.0);

long RssKilobytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

void WriteVerdicts(const std::string& out_path) {
  std::ofstream out(out_path);
  for (size_t i = 0; i < corpus->paths.size(); ++i) {
    nlohmann::ordered_json line = {{"file", corpus->paths[i]}};
    auto report = validator->Validate(corpus->bytes[i]);
    if (!report) {
      line["valid"] = false;
      line["error"] = report.error().ToString();
      out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      continue;
    }
    std::set<std::string> fatal, warning;
    for (const auto& finding : report->findings) {
      if (finding.rule.rfind("XSD-", 0) == 0) continue;
      (finding.flag == invoice::FindingFlag::kFatal ? fatal : warning).insert(finding.rule);
    }
    line["valid"] = fatal.empty();
    line["fatal"] = fatal;
    line["warning"] = warning;
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
}

void MeasureMemory(int files) {
  long at_1k = 0;
  size_t n = corpus->bytes.size();
  for (int i = 1; i <= files; ++i) {
    auto report = validator->Validate(corpus->bytes[static_cast<size_t>(i - 1) % n]);
    benchmark::DoNotOptimize(report);
    if (i == 1000) at_1k = RssKilobytes();
  }
  long at_end = RssKilobytes();
  std::cout << "memory: RSS after 1000 files " << at_1k / 1024.0 << " MB, after " << files
            << " files " << at_end / 1024.0 << " MB\n";
}

}  // namespace
}  // namespace choral::platform

int main(int argc, char** argv) {
  using namespace choral::platform;
  Flags flags;
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      size_t len = std::strlen(name);
      return arg.compare(0, len, name) == 0 ? argv[i] + len : nullptr;
    };
    if (const char* v = value("--files=")) {
      flags.files = v;
    } else if (const char* v = value("--schemas=")) {
      flags.schemas = v;
    } else if (const char* v = value("--verdicts=")) {
      flags.verdicts = v;
    } else if (const char* v = value("--memory-files=")) {
      flags.memory_files = std::atoi(v);
    } else {
      rest.push_back(argv[i]);
    }
  }
  Corpus files;
  std::ifstream list(flags.files);
  for (std::string path; std::getline(list, path);) {
    if (path.empty()) continue;
    files.paths.push_back(path);
    files.bytes.push_back(ReadBytes(path));
  }
  if (files.paths.empty()) {
    std::cerr << "validation_bench: no files (give --files=LIST, one path per line)\n";
    return 2;
  }
  auto schemas = choral::formats::XsdValidator::Load(flags.schemas);
  if (!schemas) {
    std::cerr << "validation_bench: " << schemas.error().ToString() << "\n";
    return 2;
  }
  choral::pdf::ReaderPoolOptions pdf_options;
  pdf_options.size = 2;  // as many workers as the benchmark's threads
  choral::pdf::ReaderPool readers(pdf_options);
  InvoiceValidator invoice_validator(&*schemas, &readers);
  corpus = &files;
  validator = &invoice_validator;
  std::cout << "files: " << files.paths.size() << "\n";

  if (!flags.verdicts.empty()) WriteVerdicts(flags.verdicts);
  int bench_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&bench_argc, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (flags.memory_files > 0) MeasureMemory(flags.memory_files);
  return 0;
}
