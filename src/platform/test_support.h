// Test support: a real SQLite store in a fresh temporary folder, removed afterwards.
#pragma once

#include <filesystem>
#include <memory>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "store/store.h"
#include "store/test_database.h"

namespace choral::platform::testing {

// A real store on a fresh database: SQLite in a temporary folder, or the test PostgreSQL cluster
// when CHORAL_TEST_POSTGRES_URL_FILE is set (platform_pgtest), so every platform test runs on both.
class TempStore {
 public:
  explicit TempStore(const core::Clock& clock) {
    auto database = store::PrepareTestDatabase();
    if (!database) {
      ADD_FAILURE() << database.error().ToString();
      return;
    }
    database_ = *database;
    auto opened = store::Store::Open(database_.options, clock);
    if (!opened) {
      ADD_FAILURE() << opened.error().ToString();
      return;
    }
    store_ = std::move(*opened);
  }
  ~TempStore() {
    store_.reset();
    store::RemoveTestDatabase(database_);
  }

  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }

 private:
  store::TestDatabase database_;
  std::unique_ptr<store::Store> store_;
};

inline core::Timestamp At(int64_t millis) {
  return core::Timestamp(std::chrono::milliseconds(millis));
}

}  // namespace choral::platform::testing
