// Store::Open: the one place that reads the database URL and picks a backend.
#include "store/store.h"

#include <filesystem>
#include <system_error>

#include "store/backends.h"

namespace choral::store {
namespace {

core::Status MakeFolder(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return core::Fail(core::ErrorCode::kUnavailable,
                      "cannot create data folder " + dir.string() + ": " + ec.message());
  }
  return core::Ok();
}

}  // namespace

core::Result<std::unique_ptr<Store>> Store::Open(const StoreOptions& options,
                                                 const core::Clock& clock) {
  const std::string& url = options.database_url;
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgresStore(url, options.read_connections, clock);
  }
  if (!url.empty() && !url.starts_with("sqlite:")) {
    // Only the scheme is echoed: the rest may hold a password.
    std::string scheme = url.substr(0, url.find(':'));
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "database_url must be empty, sqlite:/path/file.db or "
                      "postgresql://user@host:port/db, not a '" +
                          scheme.substr(0, 40) + ":' URL");
  }
  if (options.data_dir.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "data_dir must name the folder for the database and the blob files");
  }
  const std::filesystem::path data_dir(options.data_dir);
  std::filesystem::path db_path = data_dir / "choral.db";
  if (!url.empty()) {
    std::string path = url.substr(std::string_view("sqlite:").size());
    if (path.starts_with("//")) path = path.substr(2);  // sqlite:///abs/path.db
    if (path.empty()) {
      return core::Fail(
          core::ErrorCode::kInvalidArgument,
          "database_url sqlite: must name a file, e.g. sqlite:/var/lib/choral/choral.db");
    }
    db_path = path;
  }
  if (auto made = MakeFolder(data_dir); !made) return core::Fail(made.error());
  if (db_path.has_parent_path()) {
    if (auto made = MakeFolder(db_path.parent_path()); !made) return core::Fail(made.error());
  }
  return OpenSqliteStore(db_path.string(), (data_dir / "blobs").string(), options.read_connections,
                         clock);
}

}  // namespace choral::store
