#include "store/test_backend.h"

#include <cstdlib>
#include <fstream>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/backends.h"

namespace choral::store {
namespace {

std::string ReadPostgresUrl() {
  const char* file = std::getenv("CHORAL_TEST_POSTGRES_URL_FILE");
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  return url;
}

}  // namespace

std::string BackendFromEnvironment() {
  const char* file = std::getenv("CHORAL_TEST_POSTGRES_URL_FILE");
  return file != nullptr && *file != '\0' ? "postgresql" : "sqlite";
}

void StoreTestBase::SetUp() {
  std::string pattern = (std::filesystem::temp_directory_path() / "choral-store-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  data_dir_ = pattern;
  options_.data_dir = data_dir_.string();
  options_.read_connections = 3;
  if (postgres()) {
    // Set but unusable is a failure, never a skip: CI must not go green without PostgreSQL.
    std::string url = ReadPostgresUrl();
    ASSERT_FALSE(url.empty()) << "CHORAL_TEST_POSTGRES_URL_FILE is set but "
                              << std::getenv("CHORAL_TEST_POSTGRES_URL_FILE")
                              << " holds no URL (did postgres_start run?)";
    options_.database_url = url;
    try {
      soci::session sql(soci::postgresql, *PostgresConninfo(url));
      sql << "DROP SCHEMA public CASCADE";
      sql << "CREATE SCHEMA public";
    } catch (const std::exception& e) {
      FAIL() << "cannot reset the test database at " << url << ": " << e.what();
    }
  }
  OpenStore();
}

void StoreTestBase::OpenStore() {
  store_.reset();
  auto opened = Store::Open(options_, clock_);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  store_ = std::move(*opened);
  ASSERT_EQ(store_->backend_name(), GetParam());
}

void StoreTestBase::TearDown() {
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(data_dir_, ec);
}

std::unique_ptr<soci::session> StoreTestBase::RawSession() const {
  if (postgres()) {
    return std::make_unique<soci::session>(soci::postgresql,
                                           *PostgresConninfo(options_.database_url));
  }
  return std::make_unique<soci::session>(soci::sqlite3, "db=" + (data_dir_ / "choral.db").string());
}

}  // namespace choral::store
