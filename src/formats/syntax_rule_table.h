// The syntax-bound rules of the official EN 16931 artefacts as data (syntax_rule_table.cc is
// generated from the artefacts' XSLT by scripts/extract-en16931-syntax-rules.py): for each
// syntax, the schematron pattern's rule templates and their asserts. Internal to formats.
#pragma once

#include <span>
#include <string_view>

#include "invoice/validation_finding.h"

namespace choral::formats::syntax {

struct NamespaceBinding {
  std::string_view prefix;  // as the artefact's paths spell it: "cac", "ram"...
  std::string_view uri;
};

// A schematron rule: its context, an XSLT match pattern. Templates are listed highest priority
// first; a node is the context of the first template that matches it, and of no other.
struct RuleTemplate {
  int priority;
  std::string_view match;  // "cac:InvoiceLine | cac:CreditNoteLine"
};

// How an assert's test reads; every kind but kCustom is a count of the nodes that `path`
// selects from the context (a child path without predicates, optionally starting with "//" and
// ending with "/@attribute"), compared as the test says.
enum class AssertKind {
  kAbsent,        // not(path)
  kPresent,       // (path)
  kCountAtMost,   // count(path) <= bound
  kCountExactly,  // count(path) = bound
  kCustom,        // anything else: implemented by hand, keyed by id and test
};

struct RuleAssert {
  std::string_view id;  // "UBL-CR-001"
  invoice::FindingFlag flag;
  int template_index;  // into the rule set's templates
  AssertKind kind;
  std::string_view path;  // empty for kCustom
  int bound;
  std::string_view test;     // the artefact's XPath test, verbatim
  std::string_view message;  // the artefact's text, "[UBL-CR-001]-A UBL invoice should not..."
};

struct RuleSet {
  std::span<const NamespaceBinding> namespaces;
  std::span<const RuleTemplate> templates;
  std::span<const RuleAssert> asserts;  // grouped by template, in the artefact's order
};

extern const RuleSet kUblRuleSet;  // EN16931-UBL-validation.xslt, pattern UBL-syntax
extern const RuleSet kCiiRuleSet;  // EN16931-CII-validation.xslt, pattern CII-SR/CII-DT

}  // namespace choral::formats::syntax
