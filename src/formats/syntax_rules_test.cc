// The syntax rules against the official artefacts' verdicts: every UBL and CII XML file of
// shared/corpus/en16931/expected.jsonl must fire exactly the UBL-* / CII-* rules the artefacts
// fired (for unit-test fragments, those of the test's scope). Also: both rule sets compile, with
// every custom assert implemented.
#include "formats/syntax_rules.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "formats/syntax_rule_sets.h"

namespace choral::formats {
namespace {

std::string CorpusDir() {
  const char* from_env = std::getenv("CHORAL_CORPUS_DIR");
  return from_env != nullptr ? from_env : CHORAL_CORPUS_DIR;
}

bool IsSyntaxRule(const std::string& rule) {
  return rule.starts_with("UBL-") || rule.starts_with("CII-");
}

std::string Join(const std::set<std::string>& rules) {
  std::string out;
  for (const std::string& rule : rules) out += (out.empty() ? "" : " ") + rule;
  return out.empty() ? "-" : out;
}

enum class Root { kUbl, kCii, kOther };

Root RootKind(const pugi::xml_node& element) {
  const std::string_view name = element.name();
  const std::string_view local = name.substr(name.find(':') + 1);
  if (local == "Invoice" || local == "CreditNote") return Root::kUbl;
  if (local == "CrossIndustryInvoice") return Root::kCii;
  return Root::kOther;
}

TEST(SyntaxRuleSets, CompileWithEveryAssertImplemented) {
  auto ubl = syntax::CompileUblRules();
  EXPECT_TRUE(ubl.has_value()) << (ubl ? "" : ubl.error().message);
  auto cii = syntax::CompileCiiRules();
  EXPECT_TRUE(cii.has_value()) << (cii ? "" : cii.error().message);
}

TEST(SyntaxRuleSets, TablesHoldEveryArtefactAssert) {
  std::map<std::string, int> families;
  for (const auto* rules : {&syntax::kUblRuleSet, &syntax::kCiiRuleSet}) {
    for (const syntax::RuleAssert& rule : rules->asserts) {
      families[std::string(rule.id.substr(0, rule.id.rfind('-')))]++;
    }
  }
  EXPECT_EQ(families["UBL-CR"], 678);
  EXPECT_EQ(families["UBL-SR"], 54);
  EXPECT_EQ(families["UBL-DT"], 24);
  EXPECT_EQ(families["CII-SR"], 482);
  EXPECT_EQ(families["CII-DT"], 101);
}

TEST(SyntaxRuleSets, NamespaceIndexesMatchTheTables) {
  auto prefix = [](const syntax::RuleSet& rules, int index) {
    return std::string(rules.namespaces[index].prefix);
  };
  EXPECT_EQ(prefix(syntax::kUblRuleSet, syntax::kUblInvoiceNamespace), "ubl");
  EXPECT_EQ(prefix(syntax::kUblRuleSet, syntax::kUblCreditNoteNamespace), "cn");
  EXPECT_EQ(prefix(syntax::kUblRuleSet, syntax::kUblCacNamespace), "cac");
  EXPECT_EQ(prefix(syntax::kUblRuleSet, syntax::kUblCbcNamespace), "cbc");
  EXPECT_EQ(prefix(syntax::kCiiRuleSet, syntax::kCiiRsmNamespace), "rsm");
  EXPECT_EQ(prefix(syntax::kCiiRuleSet, syntax::kCiiRamNamespace), "ram");
  EXPECT_EQ(prefix(syntax::kCiiRuleSet, syntax::kCiiUdtNamespace), "udt");
}

// The conformance comparison. Factur-X PDFs are left to the PDF reader's tests, unless
// CHORAL_FACTURX_XML_DIR names a folder holding their extracted XML as <file>.xml.
// CHORAL_SYNTAX_EXPECTED may name another expected.jsonl (same fields, files relative to its
// folder), e.g. the artefacts' verdicts on generated variants of the corpus.
TEST(SyntaxRulesConformance, FiresTheArtefactsSyntaxRulesOnEveryCorpusFile) {
  const char* other_expected = std::getenv("CHORAL_SYNTAX_EXPECTED");
  const std::string expected_path = other_expected != nullptr
                                        ? std::string(other_expected)
                                        : CorpusDir() + "/en16931/expected.jsonl";
  const std::string corpus = expected_path.substr(0, expected_path.rfind('/'));
  std::ifstream expected_lines(expected_path);
  ASSERT_TRUE(expected_lines) << "no " << expected_path;
  const char* facturx_dir = std::getenv("CHORAL_FACTURX_XML_DIR");

  int compared = 0, agreeing = 0, skipped = 0;
  int strict_compared = 0, strict_agreeing = 0, count_mismatches = 0;
  double seconds = 0;
  size_t syntax_rules_expected = 0;
  std::string line;
  while (std::getline(expected_lines, line)) {
    const nlohmann::json entry = nlohmann::json::parse(line);
    const std::string file = entry["file"];
    if (entry.contains("error")) {  // the artefacts stopped on a dynamic error: no verdict
      ++skipped;
      continue;
    }
    std::string path = corpus + "/" + file;
    if (file.ends_with(".pdf")) {
      if (facturx_dir == nullptr) {
        ++skipped;
        continue;
      }
      path = std::string(facturx_dir) + "/" + file + ".xml";
    }
    pugi::xml_document document;
    if (!document.load_file(path.c_str())) {
      ++skipped;
      continue;
    }
    const Root root = RootKind(document.document_element());
    if (root == Root::kOther) {
      ++skipped;
      continue;
    }

    const auto start = std::chrono::steady_clock::now();
    const invoice::Findings findings =
        root == Root::kUbl ? CheckUblSyntaxRules(document) : CheckCiiSyntaxRules(document);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::set<std::string> fired;
    std::map<std::string, int> fired_counts;
    for (const auto& finding : findings) {
      fired.insert(finding.rule);
      fired_counts[finding.rule]++;
    }
    std::set<std::string> expected;
    for (const char* flag : {"fatal", "warning"}) {
      for (const std::string rule : entry[flag]) {
        if (IsSyntaxRule(rule)) expected.insert(rule);
      }
    }
    syntax_rules_expected += expected.size();

    // Every file, every syntax rule: a stricter figure than the comparison.
    ++strict_compared;
    if (fired == expected) ++strict_agreeing;
    for (const std::string& rule : expected) {
      const int expected_count = entry["counts"].value(rule, 0);
      if (fired.contains(rule) && fired_counts[rule] != expected_count) {
        ++count_mismatches;
        std::printf("COUNT %s %s: %d fired, %d expected\n", file.c_str(), rule.c_str(),
                    fired_counts[rule], expected_count);
      }
    }

    std::set<std::string> wanted = expected, got = fired;
    if (entry.value("kind", "") == "unit-fragment") {
      std::set<std::string> scope;
      for (const std::string rule : entry["unit_test"]["scope"]) scope.insert(rule);
      std::erase_if(wanted, [&](const std::string& rule) { return !scope.contains(rule); });
      std::erase_if(got, [&](const std::string& rule) { return !scope.contains(rule); });
    }
    ++compared;
    if (wanted == got) {
      ++agreeing;
      continue;
    }
    std::set<std::string> missing, extra;
    for (const std::string& rule : wanted) {
      if (!got.contains(rule)) missing.insert(rule);
    }
    for (const std::string& rule : got) {
      if (!wanted.contains(rule)) extra.insert(rule);
    }
    std::printf("MISMATCH %s missing: %s extra: %s\n", file.c_str(), Join(missing).c_str(),
                Join(extra).c_str());
  }
  std::printf(
      "syntax rules: %d/%d files agree with the artefacts (%d skipped: PDFs, other roots); "
      "all syntax rules on every file: %d/%d agree; %d finding-count differences; "
      "%zu expected syntax rule ids; %.1f us per file\n",
      agreeing, compared, skipped, strict_agreeing, strict_compared, count_mismatches,
      syntax_rules_expected, compared > 0 ? seconds * 1e6 / compared : 0.0);
  if (other_expected == nullptr) {
    EXPECT_GT(compared, 1000);
  }
  EXPECT_EQ(agreeing, compared);
}

}  // namespace
}  // namespace choral::formats
