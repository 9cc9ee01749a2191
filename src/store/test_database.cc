#include "store/test_database.h"

#include <cstdlib>
#include <fstream>
#include <stdlib.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "store/backends.h"

namespace choral::store {

core::Result<TestDatabase> PrepareTestDatabase() {
  TestDatabase database;
  std::string pattern = (std::filesystem::temp_directory_path() / "choral-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return core::Fail(core::ErrorCode::kUnavailable, "cannot make a temporary folder");
  }
  database.data_dir = pattern;
  database.options.data_dir = pattern;
  database.options.read_connections = 3;
  const char* url_file = std::getenv("CHORAL_TEST_POSTGRES_URL_FILE");
  if (url_file == nullptr || *url_file == '\0') return database;

  std::ifstream in(url_file);
  std::string url;
  std::getline(in, url);
  if (url.empty()) {
    return core::Fail(core::ErrorCode::kUnavailable,
                      std::string("CHORAL_TEST_POSTGRES_URL_FILE is set but ") + url_file +
                          " holds no URL (did postgres_start run?)");
  }
  database.options.database_url = url;
  try {
    soci::session sql(soci::postgresql, *PostgresConninfo(url));
    sql << "DROP SCHEMA public CASCADE";
    sql << "CREATE SCHEMA public";
  } catch (const std::exception& e) {
    return core::Fail(core::ErrorCode::kUnavailable,
                      "cannot reset the test database at " + url + ": " + e.what());
  }
  return database;
}

void RemoveTestDatabase(const TestDatabase& database) {
  std::error_code ignored;
  std::filesystem::remove_all(database.data_dir, ignored);
}

}  // namespace choral::store
