// The VAT category (BR-S/Z/E/AE/IC/G/O/AF/AG-*) and code-list (BR-CL-*) rules against the
// official artefacts' verdicts: on every UBL and CII XML file of shared/corpus/en16931/
// expected.jsonl, the rules of those families Choral fires are the ones the artefacts fired (for a
// unit-test fragment, those of its scope). Mismatches are printed by rule.
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "formats/cii_reader.h"
#include "formats/ubl_reader.h"
#include "rules/en16931_checks.h"

namespace choral {
namespace {

std::string CorpusDir() {
  const char* from_env = std::getenv("CHORAL_CORPUS_DIR");
  return from_env != nullptr ? from_env : CHORAL_CORPUS_DIR;
}

bool InFamilies(const std::string& rule) {
  static const std::regex kFamilies("^BR-(S|Z|E|AE|IC|G|O|AF|AG|CL)-[0-9]+$");
  return std::regex_match(rule, kFamilies);
}

bool IsUblRoot(const pugi::xml_node& root) {
  std::string_view name = root.name();
  name = name.substr(name.find(':') + 1);
  return name == "Invoice" || name == "CreditNote";
}

TEST(VatAndCodeListConformance, FiresTheArtefactsRulesOnEveryCorpusFile) {
  const std::string corpus = CorpusDir() + "/en16931";
  std::ifstream expected_lines(corpus + "/expected.jsonl");
  ASSERT_TRUE(expected_lines) << "no " << corpus << "/expected.jsonl";

  int compared = 0, agreeing = 0, unreadable = 0, counts_agreeing = 0;
  std::map<std::string, int> count_mismatches;  // rule -> files where the number of firings differs
  std::map<std::string, std::vector<std::string>> mismatches;  // rule -> "+file" / "-file"
  std::string line;
  while (std::getline(expected_lines, line)) {
    const nlohmann::json entry = nlohmann::json::parse(line);
    const std::string file = entry["file"];
    const std::string syntax = entry["syntax"];
    if (syntax != "ubl" && syntax != "cii") continue;  // Factur-X PDFs: the PDF reader's tests
    // The readers straight over pugixml (formats::StructuredDocument adds the XSD and limits).
    pugi::xml_document document;
    if (!document.load_file((corpus + "/" + file).c_str())) {
      ++unreadable;
      ADD_FAILURE() << file << ": not XML";
      continue;
    }
    const pugi::xml_node root = document.document_element();
    const bool ubl = IsUblRoot(root);
    const invoice::SemanticInvoice model = ubl ? formats::ReadUbl(root) : formats::ReadCii(root);
    const rules::En16931Syntax rule_syntax =
        ubl ? rules::En16931Syntax::kUbl : rules::En16931Syntax::kCii;
    invoice::Findings findings;
    rules::CheckVatCategoryRules(model, rule_syntax, findings);
    rules::CheckCodeListRules(model, rule_syntax, findings);

    std::set<std::string> scope;
    const bool fragment = entry.value("kind", "") == "unit-fragment";
    if (fragment) {
      for (const std::string rule : entry["unit_test"]["scope"]) scope.insert(rule);
    }
    auto counts = [&](const std::string& rule) {
      return InFamilies(rule) && (!fragment || scope.contains(rule));
    };
    std::set<std::string> fired, expected;  // NOLINT(readability-isolate-declaration)
    for (const auto& finding : findings) {
      if (counts(finding.rule)) fired.insert(finding.rule);
    }
    for (const char* flag : {"fatal", "warning"}) {
      for (const std::string rule : entry[flag]) {
        if (counts(rule)) expected.insert(rule);
      }
    }
    // How many times each rule fired (a finer figure than the comparison, not asserted).
    std::map<std::string, int> fired_counts, expected_counts;
    for (const auto& finding : findings) {
      if (counts(finding.rule)) fired_counts[finding.rule]++;
    }
    for (const auto& [rule, count] : entry["counts"].items()) {
      if (counts(rule)) expected_counts[rule] = count.get<int>();
    }
    if (fired_counts == expected_counts) {
      ++counts_agreeing;
    } else {
      for (const auto& [rule, count] : fired_counts) {
        if (expected_counts[rule] != count) {
          count_mismatches[rule]++;
          if (std::getenv("CHORAL_PRINT_COUNTS") != nullptr) {
            std::printf("  %s: %s fired %d times, %d expected\n", file.c_str(), rule.c_str(), count,
                        expected_counts[rule]);
          }
        }
      }
    }
    ++compared;
    if (fired == expected) {
      ++agreeing;
      continue;
    }
    for (const auto& rule : fired) {
      if (!expected.contains(rule)) mismatches[rule].push_back("+" + file);
    }
    for (const auto& rule : expected) {
      if (!fired.contains(rule)) mismatches[rule].push_back("-" + file);
    }
  }
  for (const auto& [rule, files] : mismatches) {
    std::string list;
    for (size_t i = 0; i < files.size() && i < 8; ++i) list += " " + files[i];
    std::printf("%-10s %3zu mismatch(es) (+ fired, not expected; - expected, not fired):%s%s\n",
                rule.c_str(), files.size(), list.c_str(), files.size() > 8 ? " ..." : "");
  }
  std::printf("VAT category and code-list rules: %d/%d corpus XML files agree with the artefacts\n",
              agreeing, compared);
  std::printf("and fire as many times on %d/%d (count mismatches by rule:", counts_agreeing,
              compared);
  for (const auto& [rule, files] : count_mismatches) std::printf(" %s:%d", rule.c_str(), files);
  std::printf(")\n");
  EXPECT_EQ(unreadable, 0);
  EXPECT_EQ(agreeing, compared);
}

}  // namespace
}  // namespace choral
