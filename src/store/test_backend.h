// Test support for the store's tests: each test gets a fresh, empty store on the backend the
// environment chooses (PostgreSQL when CHORAL_TEST_POSTGRES_URL_FILE names a URL file, else
// SQLite in a new temporary folder), plus a raw SOCI session on the same database for tampering.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/clock.h"
#include "store/store.h"

namespace choral::store {

// "postgresql" when CHORAL_TEST_POSTGRES_URL_FILE is set, "sqlite" otherwise.
std::string BackendFromEnvironment();

// Fixture of every parameterised store test; the parameter is the backend name.
class StoreTestBase : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  bool postgres() const { return GetParam() == "postgresql"; }
  // Opens (again) the store on this test's database. ASSERTs success.
  void OpenStore();
  // A session on the same database that bypasses the store, as an attacker with file or SQL
  // access would.
  std::unique_ptr<soci::session> RawSession() const;

  core::FixedClock clock_{core::Timestamp(std::chrono::milliseconds(1'795'000'000'000))};
  std::filesystem::path data_dir_;
  StoreOptions options_;
  std::unique_ptr<Store> store_;
};

// A Status/Result assertion that prints the error.
#define ASSERT_OK(expr)                                                               \
  do {                                                                                \
    auto&& assert_ok_result = (expr);                                                 \
    ASSERT_TRUE(assert_ok_result.has_value()) << assert_ok_result.error().ToString(); \
  } while (false)
#define EXPECT_OK(expr)                                                               \
  do {                                                                                \
    auto&& expect_ok_result = (expr);                                                 \
    EXPECT_TRUE(expect_ok_result.has_value()) << expect_ok_result.error().ToString(); \
  } while (false)

}  // namespace choral::store
