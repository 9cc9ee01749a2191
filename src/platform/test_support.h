// Test support: a real SQLite store in a fresh temporary folder, removed afterwards.
#pragma once

#include <filesystem>
#include <memory>
#include <random>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "store/store.h"

namespace choral::platform::testing {

class TempStore {
 public:
  explicit TempStore(const core::Clock& clock) {
    std::random_device random;
    dir_ = std::filesystem::temp_directory_path() /
           ("choral-platform-test-" + std::to_string(random()) + std::to_string(random()));
    store::StoreOptions options;
    options.data_dir = dir_.string();
    auto opened = store::Store::Open(options, clock);
    if (!opened) ADD_FAILURE() << opened.error().ToString();
    store_ = std::move(*opened);
  }
  ~TempStore() {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

inline core::Timestamp At(int64_t millis) {
  return core::Timestamp(std::chrono::milliseconds(millis));
}

}  // namespace choral::platform::testing
