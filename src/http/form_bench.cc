// How fast a deposit-sized form body is decoded.
#include <benchmark/benchmark.h>

#include "http/form.h"

namespace {

void BM_ParseDepositForm(benchmark::State& state) {
  std::string body;
  for (int i = 0; i < 20; ++i) {
    body += "field_" + std::to_string(i) + "=valeur+%C3%A9+num%C3%A9ro+" + std::to_string(i) + "&";
  }
  for (auto _ : state) {
    auto form = choral::http::Form::Parse(body);
    benchmark::DoNotOptimize(form);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_ParseDepositForm);

}  // namespace
