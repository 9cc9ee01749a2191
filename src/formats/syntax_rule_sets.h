// The two compiled rule sets: the generated table of each syntax with its hand-written match
// predicates and custom asserts (ubl_syntax_rules.cc, cii_syntax_rules.cc). Internal to formats;
// exposed for tests, which compile them and check every assert is implemented.
#pragma once

#include "core/result.h"
#include "formats/syntax_rule_engine.h"

namespace choral::formats::syntax {

// Indexes into kUblRuleSet.namespaces and kCiiRuleSet.namespaces, the generator's order.
inline constexpr int kUblInvoiceNamespace = 0;     // ubl
inline constexpr int kUblCreditNoteNamespace = 1;  // cn
inline constexpr int kUblCacNamespace = 2;         // cac
inline constexpr int kUblCbcNamespace = 3;         // cbc
inline constexpr int kCiiRsmNamespace = 0;         // rsm
inline constexpr int kCiiRamNamespace = 1;         // ram
inline constexpr int kCiiUdtNamespace = 2;         // udt

core::Result<RuleEngine> CompileUblRules();
core::Result<RuleEngine> CompileCiiRules();

}  // namespace choral::formats::syntax
