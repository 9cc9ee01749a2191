// Benchmarks Decimal on what an invoice deposit does most: parse amounts, sum the lines.
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "core/decimal.h"

namespace choral::core {
namespace {

void BM_ParseMachineForm(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Decimal::Parse("1234567.89"));
}
BENCHMARK(BM_ParseMachineForm);

void BM_ParseFrenchForm(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(
        Decimal::Parse("1\xE2\x80\xAF"
                       "234\xE2\x80\xAF"
                       "567,89"));
}
BENCHMARK(BM_ParseFrenchForm);

void BM_ParseRefused(benchmark::State& state) {
  // Refusals build a message: the cost of a bad line in a batch.
  for (auto _ : state) benchmark::DoNotOptimize(Decimal::Parse("12,3,4"));
}
BENCHMARK(BM_ParseRefused);

void BM_SumLineAmounts(benchmark::State& state) {
  std::vector<Decimal> lines;
  for (int i = 0; i < state.range(0); ++i) {
    // Mixed scales, as quantities x prices give: cents and some 3- or 4-decimal amounts.
    lines.push_back(Decimal::FromUnits(12345 + i * 7, 2 + i % 3));
  }
  for (auto _ : state) {
    Decimal total;
    for (const Decimal& line : lines) total = total + line;
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SumLineAmounts)->Arg(1000);

void BM_LineTotal(benchmark::State& state) {
  // quantity x unit price, rounded to cents: one invoice line (EN 16931 BT-131).
  const Decimal quantity = Decimal::Parse("3.5").value();
  const Decimal price = Decimal::Parse("19.9875").value();
  for (auto _ : state) benchmark::DoNotOptimize((quantity * price).RoundToCents());
}
BENCHMARK(BM_LineTotal);

}  // namespace
}  // namespace choral::core
