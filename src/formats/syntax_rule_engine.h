// Runs one syntax's rule set (syntax_rule_table.h) over a document the way the artefact's
// compiled schematron does: each element is the context of the highest-priority rule template
// that matches it, and of no other; each assert of that template that fails is a finding located
// at the context element. Plain path asserts are counted generically (one trie descent per
// context); the others are hand-written CustomAsserts. Internal to formats.
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "core/result.h"
#include "core/xml_text.h"
#include "formats/syntax_path.h"
#include "formats/syntax_rule_table.h"
#include "invoice/validation_finding.h"

namespace choral::formats::syntax {

// Whether an assert's test holds at `context`.
using AssertTest = bool (*)(const ElementIndex& index, int context);

// A hand-written assert: `test` is the artefact's test text it implements, checked against the
// table so that an updated artefact cannot silently change an assert under it.
struct CustomAssert {
  std::string_view id;
  std::string_view test;
  AssertTest holds;
};

class RuleEngine {
 public:
  // kInvalidArgument listing what does not compile: a match pattern or path outside the subset,
  // a custom assert missing, unknown or with another test text.
  static core::Result<RuleEngine> Compile(const RuleSet& rules,
                                          std::span<const NamedPredicate> predicates,
                                          std::span<const CustomAssert> customs);

  // Thread-safe (const): the findings for the document `root` belongs to.
  invoice::Findings Check(const pugi::xml_node& root) const;

 private:
  struct CompiledTemplate {
    MatchPattern pattern;
    PathTrie trie;  // the template's plain path asserts that start at the context
    int first_assert = 0;
    int end_assert = 0;
  };
  explicit RuleEngine(const RuleSet& rules);

  const RuleSet* rules_;
  std::unique_ptr<Vocabulary> vocabulary_;
  std::vector<CompiledTemplate> templates_;
  // By interned local name (the last entry: names no rule uses), the templates that may match
  // an element of that name, highest priority first.
  std::vector<std::vector<int>> candidates_;
  PathTrie document_trie_;           // the plain path asserts that start with "//"
  std::vector<bool> from_document_;  // by assert
  std::vector<AssertTest> custom_;   // by assert; null for plain path asserts
};

// Navigation helpers for hand-written asserts and predicates (names by namespace index and
// local name; the namespace indexes are those of the rule set's namespaces table).
struct Name {
  int ns;
  std::string_view local;
};
inline bool Is(const ElementIndex& index, int element, Name name) {
  return index[element].ns == name.ns && index[element].local_name == name.local;
}
// The elements `steps` selects from `context`, in document order.
std::vector<int> Select(const ElementIndex& index, int context, std::initializer_list<Name> steps);
bool Exists(const ElementIndex& index, int context, std::initializer_list<Name> steps);
// The XPath string value of an element: all its descendant text, concatenated.
std::string StringValue(const ElementIndex& index, int element);
using core::NormalizeSpace;
// XPath's cast of a string to xs:boolean: "true"/"1" and "false"/"0", surrounding whitespace
// ignored; nullopt when the cast fails (a pattern predicate then does not match).
std::optional<bool> CastToBoolean(std::string_view text);
bool EndsWith(std::string_view text, std::string_view suffix);
// Whether an ancestor of `element` is `name`.
bool HasAncestor(const ElementIndex& index, int element, Name name);

}  // namespace choral::formats::syntax
