// Test support for the modules above the store: a fresh, empty database on the backend the
// environment chooses — PostgreSQL when CHORAL_TEST_POSTGRES_URL_FILE names a URL file (CTest's
// "postgres" fixture writes it), else SQLite in a new temporary folder.
#pragma once

#include <filesystem>

#include "core/result.h"
#include "store/store.h"

namespace choral::store {

struct TestDatabase {
  std::filesystem::path data_dir;  // a new temporary folder, removed by RemoveTestDatabase
  StoreOptions options;            // what Store::Open needs to open it
};

// Makes the folder and, for PostgreSQL, empties the database (DROP SCHEMA public CASCADE).
// An error when PostgreSQL was asked for but cannot be reached: a test must fail, not skip.
core::Result<TestDatabase> PrepareTestDatabase();

void RemoveTestDatabase(const TestDatabase& database);

}  // namespace choral::store
