#include "store/sqlite_functions.h"

#include <string>
#include <string_view>

#include <soci/sqlite3/soci-sqlite3.h>

#include "core/decimal.h"
#include "core/search_fold.h"

namespace choral::store {
namespace {

int CompareBytes(std::string_view a, std::string_view b) {
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int CompareDecimals(void* /*unused*/, int a_size, const void* a_bytes, int b_size,
                    const void* b_bytes) {
  std::string_view a(static_cast<const char*>(a_bytes), static_cast<size_t>(a_size));
  std::string_view b(static_cast<const char*>(b_bytes), static_cast<size_t>(b_size));
  auto x = core::Decimal::Parse(a);
  auto y = core::Decimal::Parse(b);
  if (x && y) {
    auto order = *x <=> *y;
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
  }
  if (x) return -1;
  if (y) return 1;
  return CompareBytes(a, b);
}

// SOCI's header puts SQLite's API in namespace sqlite_api; SQLITE_TRANSIENT names this type.
using sqlite_api::sqlite3_destructor_type;

void Fold(sqlite_api::sqlite3_context* context, int /*argc*/, sqlite_api::sqlite3_value** argv) {
  const unsigned char* text = sqlite_api::sqlite3_value_text(argv[0]);
  if (text == nullptr) {
    sqlite_api::sqlite3_result_null(context);
    return;
  }
  std::string folded = core::FoldForSearch(
      std::string_view(reinterpret_cast<const char*>(text),
                       static_cast<size_t>(sqlite_api::sqlite3_value_bytes(argv[0]))));
  sqlite_api::sqlite3_result_text(context, folded.data(), static_cast<int>(folded.size()),
                                  SQLITE_TRANSIENT);
}

}  // namespace

void InstallSqliteFunctions(soci::session& sql) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  int rc = sqlite3_create_collation_v2(backend->conn_, kDecimalCollation, SQLITE_UTF8, nullptr,
                                       CompareDecimals, nullptr);
  if (rc != SQLITE_OK) throw soci::soci_error("cannot install the decimal collation");
  rc = sqlite3_create_function_v2(backend->conn_, kFoldFunction, 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, Fold, nullptr,
                                  nullptr, nullptr);
  if (rc != SQLITE_OK) throw soci::soci_error("cannot install the search folding function");
}

}  // namespace choral::store
