// In-process ExtractText, and the same through pdf::Reader's worker, on corpus files: pages/s.
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "pdf/extract.h"
#include "pdf/reader.h"
#include "pdf/test_util.h"

namespace choral::pdf {
namespace {

const std::vector<std::string>& Files() {
  static const std::vector<std::string> files = {
      testing::ReadCorpus("synthetic/syn-01-simple.pdf"),
      testing::ReadCorpus("synthetic/syn-04-groff-multipage.pdf"),
      testing::ReadCorpus("fnfe-2022/Facture_F20220023-EXTENDED.pdf"),
      testing::ReadCorpus("invoice2data/QualityHosting.pdf"),
      testing::ReadCorpus("zugferd-de-v2/zugferd_2p0_EXTENDED_Warenrechnung.pdf"),
      testing::ReadCorpus("invoice2data-scan/oyo-scan.pdf"),
  };
  return files;
}

void BM_ExtractTextInProcess(benchmark::State& state) {
  int64_t pages = 0;
  for (auto _ : state) {
    for (const std::string& file : Files()) {
      auto text = ExtractText(file);
      if (!text) state.SkipWithError(text.error().message.c_str());
      pages += text ? text->page_count : 0;
    }
  }
  state.counters["pages/s"] =
      benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsRate);
  state.counters["files/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * Files().size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExtractTextInProcess)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReadTextThroughWorker(benchmark::State& state) {
  Reader reader;
  int64_t pages = 0;
  for (auto _ : state) {
    for (const std::string& file : Files()) {
      auto text = reader.ReadText(file);
      if (!text) state.SkipWithError(text.error().message.c_str());
      pages += text ? text->page_count : 0;
    }
  }
  state.counters["pages/s"] =
      benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsRate);
  state.counters["files/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * Files().size()), benchmark::Counter::kIsRate);
}
// Wall time: the work happens in the worker process, not on this thread.
BENCHMARK(BM_ReadTextThroughWorker)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace choral::pdf
