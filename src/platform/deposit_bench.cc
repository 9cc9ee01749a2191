// PDF deposits through the platform — the PDF read in its sandboxed worker, recognition, the
// deposit rules, the blob, the invoice, its history and audit events committed — on SQLite, from
// one and two threads. Prints deposits/s and the latency percentiles of one deposit.
#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>

#include <benchmark/benchmark.h>

#include "platform/authentication.h"
#include "platform/demo_data.h"
#include "platform/deposit.h"
#include "store/test_database.h"

namespace choral::platform {
namespace {

// A fresh SQLite database in a temporary folder .
std::unique_ptr<store::Store> OpenStore(const core::Clock& clock) {
  auto database = store::PrepareTestDatabase();
  if (!database) std::abort();
  auto opened = store::Store::Open(database->options, clock);
  if (!opened) std::abort();
  return std::move(*opened);
}

struct Bench {
  core::SystemClock clock;
  std::unique_ptr<store::Store> store = OpenStore(clock);
  PasswordHasher hasher{PasswordHasher::Minimal()};
  // The pool as `choral serve` sizes it by default: one worker per core.
  pdf::ReaderPool readers;
  Deposits deposits{*store, clock, readers};
  Actor supplier;
  std::string pdf;

  Bench() {
    auto seeded = SeedDemoData(*store, hasher);
    for (const auto& login : seeded->logins) {
      if (login.email != "marc.dubois@atelier-lumen.example") continue;
      Authentication auth(*store, clock, hasher);
      supplier = auth.Login({login.email, login.password, "127.0.0.1"})->actor;
    }
    std::ifstream in(
        std::string(CHORAL_CORPUS_DIR) + "/pdf/fnfe-2026/Facture_F20260023-EXTENDED.pdf",
        std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    pdf = bytes.str();
  }
};

Bench& Shared() {
  static Bench bench;
  return bench;
}

std::mutex latencies_mutex;
std::vector<double> latencies_ms;

void BM_Deposit(benchmark::State& state) {
  Bench& bench = Shared();
  // Google Benchmark calls this several times while it sizes the run: numbers must not repeat.
  static std::atomic<int64_t> next_number{0};
  std::vector<double> mine;
  for (auto _ : state) {
    DepositForm form;
    form.supplier_id = bench.supplier.structures.at(0).id;
    form.recipient_siret = "11000998200015";
    form.service_code = "DAF-ACHATS";
    form.engagement_number = "EJ-1";
    form.invoice_number = "B-" + std::to_string(++next_number);
    form.issue_date = "2026-01-15";
    form.total_without_vat = "100.00";
    form.total_vat = "20.00";
    form.total_with_vat = "120.00";
    form.amount_due = "120.00";
    form.pdf = bench.pdf;
    form.confirm_duplicate_pdf = true;
    auto started = std::chrono::steady_clock::now();
    auto outcome = bench.deposits.Deposit(bench.supplier, form);
    mine.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count());
    if (!outcome) {
      state.SkipWithError(outcome.error().ToString().c_str());
    } else if (!outcome->accepted) {
      std::string why = "deposit refused:";
      for (const auto& f : outcome->findings) why += " " + f.rule_id + " " + f.message + ";";
      state.SkipWithError(why.c_str());
    }
  }
  state.SetItemsProcessed(state.iterations());
  std::lock_guard lock(latencies_mutex);
  latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
}

// The latency percentiles of the BM_Deposit run just before it, over all of its threads.
void BM_DepositReport(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(latencies_ms.size());
  std::lock_guard lock(latencies_mutex);
  std::vector<double> sorted = latencies_ms;
  std::sort(sorted.begin(), sorted.end());
  if (sorted.empty()) return;
  state.counters["deposits"] = static_cast<double>(sorted.size());
  state.counters["p50_ms"] = sorted[sorted.size() / 2];
  state.counters["p99_ms"] = sorted[std::min(sorted.size() - 1, sorted.size() * 99 / 100)];
  latencies_ms.clear();
}

BENCHMARK(BM_Deposit)->Arg(1)->Threads(1)->UseRealTime()->MinTime(3);
BENCHMARK(BM_DepositReport)->Iterations(1);
BENCHMARK(BM_Deposit)->Arg(2)->Threads(2)->UseRealTime()->MinTime(3);
BENCHMARK(BM_DepositReport)->Iterations(1);

}  // namespace
}  // namespace choral::platform
