// The VAT category (BR-S/Z/E/AE/IC/G/O/AF/AG-*) and code-list (BR-CL-*) rules against the
// official artefacts' verdicts: on every UBL and CII XML file of shared/corpus/en16931/
// expected.jsonl, the rules of those families Choral fires are the ones the artefacts fired (for a
// unit-test fragment, those of its scope). Mismatches are printed by rule.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "en16931_corpus.h"
#include "rules/en16931_checks.h"

namespace choral {
namespace {

bool InFamilies(const std::string& rule) {
  static const std::regex kFamilies("^BR-(S|Z|E|AE|IC|G|O|AF|AG|CL)-[0-9]+$");
  return std::regex_match(rule, kFamilies);
}

TEST(VatAndCodeListConformance, FiresTheArtefactsRulesOnEveryCorpusFile) {
  int compared = 0, agreeing = 0, counts_agreeing = 0;
  std::map<std::string, int> count_mismatches;  // rule -> files where the number of firings differs
  std::map<std::string, std::vector<std::string>> mismatches;  // rule -> "+file" / "-file"
  const bool found = en16931_corpus::ForEachXmlFile([&](const en16931_corpus::CorpusFile& corpus) {
    const std::string& file = corpus.file;
    invoice::Findings findings;
    rules::CheckVatCategoryRules(corpus.model, corpus.syntax, findings);
    rules::CheckCodeListRules(corpus.model, corpus.syntax, findings);

    auto counts = [&](const std::string& rule) {
      return InFamilies(rule) && corpus.Compared(rule);
    };
    std::set<std::string> fired, expected;  // NOLINT(readability-isolate-declaration)
    for (const auto& finding : findings) {
      if (counts(finding.rule)) fired.insert(finding.rule);
    }
    // How many times each rule fired (a finer figure than the comparison, not asserted).
    std::map<std::string, int> fired_counts, expected_counts;
    for (const auto& finding : findings) {
      if (counts(finding.rule)) fired_counts[finding.rule]++;
    }
    for (const auto& [rule, count] : corpus.expected) {
      if (!counts(rule)) continue;
      expected.insert(rule);
      expected_counts[rule] = count;
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
      return;
    }
    for (const auto& rule : fired) {
      if (!expected.contains(rule)) mismatches[rule].push_back("+" + file);
    }
    for (const auto& rule : expected) {
      if (!fired.contains(rule)) mismatches[rule].push_back("-" + file);
    }
  });
  ASSERT_TRUE(found) << "no " << en16931_corpus::CorpusDir() << "/expected.jsonl";
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
  EXPECT_EQ(agreeing, compared);
}

}  // namespace
}  // namespace choral
