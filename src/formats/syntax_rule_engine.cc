#include "formats/syntax_rule_engine.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <set>
#include <utility>

namespace choral::formats::syntax {
namespace {

bool HoldsForCount(AssertKind kind, int count, int bound) {
  switch (kind) {
    case AssertKind::kAbsent:
      return count == 0;
    case AssertKind::kPresent:
      return count > 0;
    case AssertKind::kCountAtMost:
      return count <= bound;
    case AssertKind::kCountExactly:
      return count == bound;
    case AssertKind::kCustom:
      break;
  }
  return true;
}

void SelectFrom(const ElementIndex& index, int element, const Name* step, const Name* end,
                std::vector<int>& out) {
  if (step == end) {
    out.push_back(element);
    return;
  }
  index.ForEachChild(element, [&](int child) {
    if (Is(index, child, *step)) SelectFrom(index, child, step + 1, end, out);
  });
}

bool ExistsFrom(const ElementIndex& index, int element, const Name* step, const Name* end) {
  if (step == end) return true;
  for (int c = index[element].first_child; c >= 0; c = index[c].next_sibling) {
    if (Is(index, c, *step) && ExistsFrom(index, c, step + 1, end)) return true;
  }
  return false;
}

void AppendText(pugi::xml_node node, std::string& out) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
    } else if (child.type() == pugi::node_element) {
      AppendText(child, out);
    }
  }
}

}  // namespace

RuleEngine::RuleEngine(const RuleSet& rules)
    : rules_(&rules), vocabulary_(std::make_unique<Vocabulary>(rules.namespaces)) {}

core::Result<RuleEngine> RuleEngine::Compile(const RuleSet& rules,
                                             std::span<const NamedPredicate> predicates,
                                             std::span<const CustomAssert> customs) {
  RuleEngine engine(rules);
  std::string problems;
  for (const RuleTemplate& rule_template : rules.templates) {
    auto pattern = ParseMatchPattern(rule_template.match, *engine.vocabulary_, predicates);
    if (!pattern) {
      problems += pattern.error().message + "; ";
      pattern = MatchPattern();
    }
    engine.templates_.push_back(CompiledTemplate{std::move(*pattern), PathTrie(), -1, -1});
  }
  const int assert_count = static_cast<int>(rules.asserts.size());
  engine.from_document_.assign(assert_count, false);
  engine.custom_.assign(assert_count, nullptr);
  std::set<std::string_view> used_customs;
  for (int a = 0; a < assert_count; ++a) {
    const RuleAssert& rule = rules.asserts[a];
    if (rule.template_index < 0 ||
        rule.template_index >= static_cast<int>(engine.templates_.size())) {
      problems += std::string(rule.id) + ": no such template; ";
      continue;
    }
    CompiledTemplate& owner = engine.templates_[rule.template_index];
    if (owner.first_assert < 0) owner.first_assert = a;
    if (owner.end_assert >= 0 && owner.end_assert != a) {
      problems += std::string(rule.id) + ": asserts of a template not contiguous; ";
    }
    owner.end_assert = a + 1;
    if (rule.kind == AssertKind::kCustom) {
      for (const CustomAssert& custom : customs) {
        if (custom.id != rule.id) continue;
        if (custom.test != rule.test) {
          problems += std::string(rule.id) + ": the artefact's test changed; ";
        }
        engine.custom_[a] = custom.holds;
        used_customs.insert(custom.id);
      }
      if (engine.custom_[a] == nullptr) problems += std::string(rule.id) + ": not implemented; ";
      continue;
    }
    auto path = ParseChildPath(rule.path, *engine.vocabulary_);
    if (!path) {
      problems += std::string(rule.id) + ": " + path.error().message + "; ";
      continue;
    }
    engine.from_document_[a] = path->from_document;
    (path->from_document ? engine.document_trie_ : owner.trie).Add(*path, a);
  }
  for (const CustomAssert& custom : customs) {
    if (!used_customs.contains(custom.id)) {
      problems += std::string(custom.id) + ": implemented but not a custom assert; ";
    }
  }
  for (CompiledTemplate& compiled : engine.templates_) {
    if (compiled.first_assert < 0) compiled.first_assert = compiled.end_assert = 0;
  }
  // Every name is interned by now: the vocabulary is final.
  const int locals = static_cast<int>(engine.vocabulary_->size());
  engine.candidates_.assign(locals + 1, {});
  for (int t = 0; t < static_cast<int>(engine.templates_.size()); ++t) {
    std::vector<int> names;
    bool any = false;
    engine.templates_[t].pattern.CollectLocals(names, any);
    for (int local = 0; local <= locals; ++local) {
      if (any || std::find(names.begin(), names.end(), local) != names.end()) {
        engine.candidates_[local].push_back(t);
      }
    }
  }
  if (!problems.empty()) return core::Fail(core::ErrorCode::kInvalidArgument, problems);
  return engine;
}

invoice::Findings RuleEngine::Check(const pugi::xml_node& root) const {
  invoice::Findings findings;
  const ElementIndex index(root, *vocabulary_);
  std::vector<int> counts(rules_->asserts.size(), 0);
  std::vector<int> document_counts(rules_->asserts.size(), 0);
  if (!document_trie_.empty()) document_trie_.CountFromDocument(index, document_counts);

  for (int element = 0; element < index.size(); ++element) {
    const CompiledTemplate* matched = nullptr;
    const int local = index[element].local;
    for (int t : candidates_[local == kUnknownLocal ? candidates_.size() - 1 : local]) {
      if (templates_[t].pattern.Matches(index, element)) {
        matched = &templates_[t];
        break;
      }
    }
    if (matched == nullptr) continue;
    if (!matched->trie.empty()) {
      std::fill(counts.begin() + matched->first_assert, counts.begin() + matched->end_assert, 0);
      matched->trie.Count(index, element, counts);
    }
    for (int a = matched->first_assert; a < matched->end_assert; ++a) {
      const RuleAssert& rule = rules_->asserts[a];
      const bool holds =
          custom_[a] != nullptr
              ? custom_[a](index, element)
              : HoldsForCount(rule.kind, from_document_[a] ? document_counts[a] : counts[a],
                              rule.bound);
      if (holds) continue;
      invoice::ValidationFinding finding;
      finding.rule = std::string(rule.id);
      finding.flag = rule.flag;
      finding.message = std::string(rule.message);
      finding.source = static_cast<invoice::SourceOffset>(index[element].node.offset_debug());
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

std::vector<int> Select(const ElementIndex& index, int context, std::initializer_list<Name> steps) {
  std::vector<int> out;
  SelectFrom(index, context, steps.begin(), steps.end(), out);
  return out;
}

bool Exists(const ElementIndex& index, int context, std::initializer_list<Name> steps) {
  return ExistsFrom(index, context, steps.begin(), steps.end());
}

std::string StringValue(const ElementIndex& index, int element) {
  std::string out;
  AppendText(index[element].node, out);
  return out;
}

std::optional<bool> CastToBoolean(std::string_view text) {
  text = core::TrimXmlSpace(text);
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return std::nullopt;
}

bool EndsWith(std::string_view text, std::string_view suffix) { return text.ends_with(suffix); }

bool HasAncestor(const ElementIndex& index, int element, Name name) {
  for (int e = index[element].parent; e >= 0; e = index[e].parent) {
    if (Is(index, e, name)) return true;
  }
  return false;
}

}  // namespace choral::formats::syntax
