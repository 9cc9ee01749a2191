// Private to the store: the two concrete stores. Only Store::Open (store.cc) calls these.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace choral::store {

// SQLite database file `db_path`, blobs as files under `blob_root`. The folders must exist.
core::Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& db_path,
                                                     const std::string& blob_root,
                                                     int read_connections,
                                                     const core::Clock& clock);

// PostgreSQL at `url` (a libpq connection URI), blobs in the database.
core::Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, int connections,
                                                       const core::Clock& clock);

// A postgresql:// URL as libpq key='value' conninfo. SOCI 4.0 splits its connect string on '='
// looking for its own options, which breaks URIs, so the store never hands it one.
// kInvalidArgument when libpq cannot parse the URL (message without the password).
core::Result<std::string> PostgresConninfo(const std::string& url);

}  // namespace choral::store
