// The path matcher behind the syntax rules: namespace resolution by URI, child paths and their
// trie, match patterns, and the engine's one-template-per-node rule.
#include "formats/syntax_path.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "formats/syntax_rule_engine.h"

namespace choral::formats::syntax {
namespace {

constexpr NamespaceBinding kNamespaces[] = {
    {"a", "urn:a"},
    {"b", "urn:b"},
};

pugi::xml_document Parse(const char* xml) {
  pugi::xml_document document;
  EXPECT_TRUE(document.load_string(xml)) << xml;
  return document;
}

// Counts the nodes `path` selects from the document element.
int CountFromRoot(const char* xml, const char* path_text) {
  Vocabulary vocabulary(kNamespaces);
  auto path = ParseChildPath(path_text, vocabulary);
  EXPECT_TRUE(path.has_value()) << path_text;
  if (!path) return -1;
  PathTrie trie;
  trie.Add(*path, 0);
  const pugi::xml_document document = Parse(xml);
  const ElementIndex index(document, vocabulary);
  std::vector<int> counts(1, 0);
  if (path->from_document) {
    trie.CountFromDocument(index, counts);
  } else {
    trie.Count(index, 0, counts);
  }
  return counts[0];
}

TEST(ElementIndex, ResolvesPrefixesAndDefaultNamespacesByUri) {
  Vocabulary vocabulary(kNamespaces);
  vocabulary.Intern("Root");
  vocabulary.Intern("Child");
  const pugi::xml_document document =
      Parse(R"(<Root xmlns="urn:a" xmlns:x="urn:b"><x:Child/><Child xmlns="urn:b"><Child/></Child>)"
            R"(<y:Child xmlns:y="urn:other"/><Other/><z:Child/></Root>)");
  const ElementIndex index(document, vocabulary);
  ASSERT_EQ(index.size(), 7);
  EXPECT_EQ(index[0].ns, 0);
  EXPECT_EQ(index[0].local, vocabulary.Find("Root"));
  EXPECT_EQ(index[1].ns, 1);  // x: is urn:b
  EXPECT_EQ(index[2].ns, 1);  // default redeclared
  EXPECT_EQ(index[3].ns, 1);  // inherited
  EXPECT_EQ(index[3].parent, 2);
  EXPECT_EQ(index[4].ns, kOtherNamespace);
  EXPECT_EQ(index[5].ns, 0);  // back in the root's default namespace
  EXPECT_EQ(index[5].local, kUnknownLocal);
  EXPECT_EQ(index[6].ns, kOtherNamespace);  // unbound prefix
  EXPECT_EQ(index[0].first_child, 1);
  EXPECT_EQ(index[1].next_sibling, 2);
  EXPECT_EQ(index[2].next_sibling, 4);
}

TEST(ChildPath, CountsChildrenWhateverThePrefix) {
  const char* xml =
      R"(<p:R xmlns:p="urn:a" xmlns:q="urn:b"><q:X><q:Y/><q:Y/></q:X><X xmlns="urn:b"><Y/></X>)"
      R"(<q:Z><q:Y k="1"/></q:Z></p:R>)";
  EXPECT_EQ(CountFromRoot(xml, "b:X/b:Y"), 3);
  EXPECT_EQ(CountFromRoot(xml, "b:X"), 2);
  EXPECT_EQ(CountFromRoot(xml, "a:X"), 0);  // same local name, other namespace
  EXPECT_EQ(CountFromRoot(xml, "(b:X|b:Z)/b:Y"), 4);
  EXPECT_EQ(CountFromRoot(xml, "b:Z/b:Y/@k"), 1);
  EXPECT_EQ(CountFromRoot(xml, "b:X/b:Y/@k"), 0);
  EXPECT_EQ(CountFromRoot(xml, "//b:Y"), 4);
  EXPECT_EQ(CountFromRoot(xml, "//@k"), 1);
  EXPECT_EQ(CountFromRoot(xml, "b:Y"), 0);  // children only
}

TEST(ChildPath, RefusesWhatIsNotInTheSubset) {
  Vocabulary vocabulary(kNamespaces);
  EXPECT_FALSE(ParseChildPath("a:X[a:Y = '1']", vocabulary).has_value());
  EXPECT_FALSE(ParseChildPath("c:X", vocabulary).has_value());
  EXPECT_FALSE(ParseChildPath("X", vocabulary).has_value());
  EXPECT_FALSE(ParseChildPath("@k/a:X", vocabulary).has_value());
  EXPECT_FALSE(ParseChildPath("ancestor::a:X", vocabulary).has_value());
  EXPECT_FALSE(ParseChildPath("", vocabulary).has_value());
}

TEST(PathTrie, CountsManyPathsInOneDescent) {
  Vocabulary vocabulary(kNamespaces);
  PathTrie trie;
  const char* paths[] = {"b:X", "b:X/b:Y", "b:X/b:Y/@k", "b:Z", "@top"};
  for (int slot = 0; slot < 5; ++slot) trie.Add(*ParseChildPath(paths[slot], vocabulary), slot);
  const pugi::xml_document document =
      Parse(R"(<R xmlns="urn:a" top="1"><X xmlns="urn:b"><Y k=""/><Y/></X></R>)");
  const ElementIndex index(document, vocabulary);
  std::vector<int> counts(5, 0);
  trie.Count(index, 0, counts);
  EXPECT_EQ(counts, (std::vector<int>{1, 2, 1, 0, 1}));
}

bool HasFlag(const ElementIndex& index, int element) { return index.HasAttribute(element, "flag"); }
constexpr NamedPredicate kPredicates[] = {{"@flag", HasFlag}};

bool Matches(const char* pattern_text, const char* xml, int element) {
  Vocabulary vocabulary(kNamespaces);
  auto pattern = ParseMatchPattern(pattern_text, vocabulary, kPredicates);
  EXPECT_TRUE(pattern.has_value()) << pattern_text;
  const pugi::xml_document document = Parse(xml);
  const ElementIndex index(document, vocabulary);
  return pattern && pattern->Matches(index, element);
}

TEST(MatchPattern, MatchesNamesParentsRootsAndPredicates) {
  // Elements: 0 R, 1 X, 2 Y, 3 Y (flag), 4 Z
  const char* xml = R"(<R xmlns="urn:a"><X><Y/><Y flag="1"/></X><b:Z xmlns:b="urn:b"/></R>)";
  EXPECT_TRUE(Matches("a:Y", xml, 2));
  EXPECT_TRUE(Matches("a:X/a:Y", xml, 2));
  EXPECT_FALSE(Matches("a:R/a:Y", xml, 2));
  EXPECT_TRUE(Matches("/a:R/a:X/a:Y", xml, 2));
  EXPECT_FALSE(Matches("/a:X/a:Y", xml, 2));
  EXPECT_TRUE(Matches("/a:R", xml, 0));
  EXPECT_FALSE(Matches("/a:R", xml, 1));
  EXPECT_TRUE(Matches("//a:Q | //a:X", xml, 1));
  EXPECT_TRUE(Matches("a:*", xml, 1));
  EXPECT_FALSE(Matches("a:*", xml, 4));
  EXPECT_TRUE(Matches("*", xml, 4));
  EXPECT_FALSE(Matches("a:Y[@flag]", xml, 2));
  EXPECT_TRUE(Matches("a:Y[@flag]", xml, 3));

  Vocabulary vocabulary(kNamespaces);
  EXPECT_FALSE(ParseMatchPattern("a:Y[@other]", vocabulary, kPredicates).has_value());
}

// A node is the context of its first matching template only (schematron: one rule per node and
// pattern), so the lower-priority template's assert does not fire on a shadowed node.
constexpr RuleTemplate kTemplates[] = {{2, "a:X/a:Y"}, {1, "a:Y"}};
constexpr RuleAssert kAsserts[] = {
    {"T-1", invoice::FindingFlag::kFatal, 0, AssertKind::kAbsent, "a:Forbidden", 0,
     "not(a:Forbidden)", "[T-1]"},
    {"T-2", invoice::FindingFlag::kWarning, 1, AssertKind::kCountAtMost, "a:Z", 1,
     "count(a:Z) <= 1", "[T-2]"},
};
constexpr RuleSet kRules = {kNamespaces, kTemplates, kAsserts};

TEST(RuleEngine, ANodeIsTheContextOfItsHighestPriorityTemplateOnly) {
  auto engine = RuleEngine::Compile(kRules, {}, {});
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  const pugi::xml_document document = Parse(
      R"(<R xmlns="urn:a"><X><Y><Forbidden/><Z/><Z/></Y></X><Y><Forbidden/><Z/><Z/></Y></R>)");
  const invoice::Findings findings = engine->Check(document);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule, "T-1");  // X/Y: first template; its T-2 is never asked
  EXPECT_EQ(findings[0].flag, invoice::FindingFlag::kFatal);
  EXPECT_EQ(findings[0].message, "[T-1]");
  EXPECT_EQ(findings[1].rule, "T-2");  // the other Y: the second template only
  EXPECT_EQ(findings[1].flag, invoice::FindingFlag::kWarning);
  // Located at the context element.
  EXPECT_EQ(findings[1].source,
            static_cast<int>(document.document_element().last_child().offset_debug()));
}

TEST(RuleEngine, ReportsAMissingCustomAssert) {
  constexpr RuleAssert custom[] = {
      {"T-3", invoice::FindingFlag::kFatal, 0, AssertKind::kCustom, "", 0, "a:Y = 'x'", "[T-3]"}};
  const RuleSet rules = {kNamespaces, kTemplates, custom};
  auto engine = RuleEngine::Compile(rules, {}, {});
  ASSERT_FALSE(engine.has_value());
  EXPECT_NE(engine.error().message.find("T-3: not implemented"), std::string::npos);
  const CustomAssert changed[] = {
      {"T-3", "a:Y = 'y'", [](const ElementIndex&, int) { return true; }}};
  engine = RuleEngine::Compile(rules, {}, changed);
  ASSERT_FALSE(engine.has_value());
  EXPECT_NE(engine.error().message.find("T-3: the artefact's test changed"), std::string::npos);
}

}  // namespace
}  // namespace choral::formats::syntax
