#include "store/pg_blob_store.h"

#include <vector>

#include "store/db_error.h"
#include "store/sha256.h"

namespace choral::store {
namespace {

// SOCI 4.0 binds std::string as text and maps soci::blob to large objects, not bytea; hex text
// through decode()/encode() carries any bytes, NULs included, at twice the size on the wire.
std::string ToHex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex += kHex[c >> 4];
    hex += kHex[c & 0x0f];
  }
  return hex;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

core::Result<std::string> FromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return core::Fail(core::ErrorCode::kInternal, "odd-length blob hex");
  std::string bytes(hex.size() / 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    int high = HexValue(hex[2 * i]), low = HexValue(hex[2 * i + 1]);
    if (high < 0 || low < 0) return core::Fail(core::ErrorCode::kInternal, "bad blob hex");
    bytes[i] = static_cast<char>(high * 16 + low);
  }
  return bytes;
}

// Runs `run` on a pooled session in autocommit mode (each statement its own transaction).
core::Status OnSession(const SessionPool& pool, std::string_view what,
                       const std::function<void(soci::session&)>& run) {
  auto lease = pool.Acquire();
  if (!lease) return core::Fail(lease.error());
  try {
    run(**lease);
    return core::Ok();
  } catch (...) {
    lease->MarkSuspect();
    return core::Fail(CurrentExceptionToError(what));
  }
}

}  // namespace

core::Result<std::string> PgBlobStore::Put(std::string_view bytes) {
  std::string sha256 = Sha256Hex(bytes);
  std::string hex = ToHex(bytes);
  // Committed (autocommit, synchronous_commit) when the statement returns: durable.
  auto status = OnSession(pool_, "storing blob", [&](soci::session& sql) {
    sql << "INSERT INTO blobs (sha256, bytes) VALUES (:s, decode(:h, 'hex')) "
           "ON CONFLICT (sha256) DO NOTHING",
        soci::use(sha256), soci::use(hex);
  });
  if (!status) return core::Fail(status.error());
  return sha256;
}

core::Result<std::string> PgBlobStore::Get(std::string_view sha256) const {
  if (auto valid = CheckBlobName(sha256); !valid) return core::Fail(valid.error());
  std::string name(sha256), hex;
  bool found = false;
  auto status = OnSession(pool_, "reading blob", [&](soci::session& sql) {
    sql << "SELECT encode(bytes, 'hex') FROM blobs WHERE sha256 = :s", soci::use(name),
        soci::into(hex);
    found = sql.got_data();
  });
  if (!status) return core::Fail(status.error());
  if (!found) return core::Fail(core::ErrorCode::kNotFound, "no blob " + name);
  return FromHex(hex);
}

core::Result<bool> PgBlobStore::Exists(std::string_view sha256) const {
  if (auto valid = CheckBlobName(sha256); !valid) return core::Fail(valid.error());
  std::string name(sha256);
  long long count = 0;
  auto status = OnSession(pool_, "checking blob", [&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM blobs WHERE sha256 = :s", soci::use(name), soci::into(count);
  });
  if (!status) return core::Fail(status.error());
  return count > 0;
}

core::Status PgBlobStore::ForEach(
    const std::function<core::Status(const std::string& sha256, const std::string& bytes)>& visit)
    const {
  // Names first (64 bytes each), then one blob at a time: memory stays at one blob.
  std::vector<std::string> names;
  auto listed = OnSession(pool_, "listing blobs", [&](soci::session& sql) {
    std::string name;
    soci::statement st =
        (sql.prepare << "SELECT sha256 FROM blobs ORDER BY sha256", soci::into(name));
    st.execute();
    while (st.fetch()) names.push_back(name);
  });
  if (!listed) return listed;
  for (const std::string& name : names) {
    std::string hex;
    bool found = false;
    auto read = OnSession(pool_, "reading blob", [&](soci::session& sql) {
      sql << "SELECT encode(bytes, 'hex') FROM blobs WHERE sha256 = :s", soci::use(name),
          soci::into(hex);
      found = sql.got_data();
    });
    if (!read) return read;
    if (!found) continue;  // never deleted today; tolerate it anyway
    auto bytes = FromHex(hex);
    if (!bytes) return core::Fail(bytes.error());
    if (auto visited = visit(name, *bytes); !visited) return visited;
  }
  return core::Ok();
}

}  // namespace choral::store
