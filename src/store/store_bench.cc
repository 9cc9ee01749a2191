// Store figures on SQLite: one Write of a user insert (one fsync'd commit each, no group to
// share it with), and a Read of a user by e-mail.
#include <filesystem>

#include <benchmark/benchmark.h>

#include "store/store.h"

namespace choral::store {
namespace {

struct BenchStore {
  BenchStore() {
    std::string pattern = (std::filesystem::temp_directory_path() / "choral-bench-XXXXXX").string();
    dir = ::mkdtemp(pattern.data());
    StoreOptions options;
    options.data_dir = dir;
    store = std::move(*Store::Open(options, clock));
  }
  ~BenchStore() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
  core::SystemClock clock;
  std::string dir;
  std::unique_ptr<Store> store;
};

accounts::User MakeUser(int64_t n) {
  accounts::User u;
  u.email = "user" + std::to_string(n) + "@example.fr";
  u.first_name = "Claire";
  u.last_name = "Martin";
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  return u;
}

void BM_WriteUserInsert(benchmark::State& state) {
  BenchStore bench;
  int64_t n = 0;
  for (auto _ : state) {
    auto status = bench.store->Write([&](Transaction& tx) -> core::Status {
      auto id = tx.users().Insert(MakeUser(n++));
      if (!id) return core::Fail(id.error());
      return core::Ok();
    });
    if (!status) state.SkipWithError(status.error().message.c_str());
  }
}
BENCHMARK(BM_WriteUserInsert)->UseRealTime();

void BM_ReadUserByEmail(benchmark::State& state) {
  BenchStore bench;
  constexpr int kUsers = 1000;
  (void)bench.store->Write([&](Transaction& tx) -> core::Status {
    for (int i = 0; i < kUsers; ++i) (void)tx.users().Insert(MakeUser(i));
    return core::Ok();
  });
  int64_t n = 0;
  for (auto _ : state) {
    std::string email = "user" + std::to_string(n++ % kUsers) + "@example.fr";
    auto status = bench.store->Read([&](Transaction& tx) -> core::Status {
      auto user = tx.users().FindByEmail(email);
      if (!user) return core::Fail(user.error());
      benchmark::DoNotOptimize(user->has_value());
      return core::Ok();
    });
    if (!status) state.SkipWithError(status.error().message.c_str());
  }
}
BENCHMARK(BM_ReadUserByEmail);

}  // namespace
}  // namespace choral::store
