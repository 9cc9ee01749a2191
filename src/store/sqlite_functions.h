// What Choral adds to each SQLite connection so that the same searches mean the same on SQLite
// and PostgreSQL:
// - the collation `choral_decimal` compares decimal strings (the invoices' amounts) as exact
//   numbers: SQLite's CAST(... AS NUMERIC) goes through double for fractions, and an amount
//   filter must never round a cent (PostgreSQL has an exact NUMERIC);
// - the function `choral_fold(text)` is core::FoldForSearch (PostgreSQL spells it with nested
//   REPLACE calls, which overflow SQLite's parser stack).
#pragma once

#include <soci/soci.h>

namespace choral::store {

inline constexpr const char* kDecimalCollation = "choral_decimal";
inline constexpr const char* kFoldFunction = "choral_fold";

// Installs both on `sql`, which must be a SQLite session. Throws soci::soci_error when SQLite
// refuses (out of memory). Texts that are not decimals sort after all numbers, among themselves
// by bytes, so the collation's order stays total. choral_fold(NULL) is NULL.
void InstallSqliteFunctions(soci::session& sql);

}  // namespace choral::store
