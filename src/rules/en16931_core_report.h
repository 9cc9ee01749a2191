// What the core rule families (BR-nn and BR-B-nn, BR-CO-nn, BR-DEC-nn) share: the artefacts' flag
// and message of each rule, per syntax, and the helper that appends a finding. Internal to rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "invoice/semantic_invoice.h"
#include "invoice/validation_finding.h"
#include "rules/en16931_rules.h"

namespace choral::rules {

// One rule as the official artefacts report it (svrl:failed-assert): its flag and text in the UBL
// and the CII artefact (they differ for a few rules, BR-51's flag among them).
struct CoreRuleText {
  std::string_view id;
  invoice::FindingFlag ubl_flag;
  invoice::FindingFlag cii_flag;
  std::string_view ubl_text;
  std::string_view cii_text;  // empty: the same as ubl_text
};

// The rule's row; aborts on an id that is not in the table (a bug).
const CoreRuleText& CoreRule(std::string_view id);

// Appends the findings of one syntax's artefact.
class CoreReport {
 public:
  CoreReport(En16931Syntax syntax, invoice::Findings& out) : syntax_(syntax), out_(out) {}

  En16931Syntax syntax() const { return syntax_; }
  bool ubl() const { return syntax_ == En16931Syntax::kUbl; }
  bool cii() const { return syntax_ == En16931Syntax::kCii; }

  // Reports `id` at the rule context's element unless `holds`.
  void Check(std::string_view id, bool holds, invoice::SourceOffset context);
  void Fail(std::string_view id, invoice::SourceOffset context) { Check(id, false, context); }

 private:
  En16931Syntax syntax_;
  invoice::Findings& out_;
};

// The families, each appending its findings (called by CheckCoreRules).
void CheckBusinessRules(const invoice::SemanticInvoice& invoice,
                        CoreReport& report);  // BR-nn, BR-B
void CheckConditionRules(const invoice::SemanticInvoice& invoice, CoreReport& report);  // BR-CO
void CheckDecimalRules(const invoice::SemanticInvoice& invoice, CoreReport& report);    // BR-DEC

}  // namespace choral::rules
