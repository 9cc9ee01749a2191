// The core EN 16931 rules (BR-nn, BR-B-nn, BR-CO-nn, BR-DEC-nn) against the official artefacts'
// verdicts on the corpus (shared/corpus/en16931/expected.jsonl): every UBL and CII file read into
// the model (en16931_corpus.h) is checked with rules::CheckCoreRules, and the ids fired compared
// with the expected ones of these families (for a unit-test fragment, only the rules in its scope).
// Mismatches are printed by rule. The whole pipeline's conformance test is tests/corpus's.
#include <iostream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "en16931_corpus.h"
#include "rules/en16931_checks.h"

namespace choral {
namespace {

bool IsCoreRule(const std::string& id) {
  static const std::regex kCore("^BR-(\\d\\d|B-\\d\\d|CO-\\d\\d|DEC-\\d\\d)$");
  return std::regex_match(id, kCore);
}

struct Mismatches {
  std::map<std::string, std::vector<std::string>> missing;  // rule -> files it should fire on
  std::map<std::string, std::vector<std::string>> extra;    // rule -> files it should not
  std::map<std::string, std::vector<std::string>> count;    // rule -> files, wrong count
  int files = 0;
  int differing = 0;
};

void Print(const char* what, const std::map<std::string, std::vector<std::string>>& by_rule) {
  for (const auto& [rule, files] : by_rule) {
    std::cout << what << " " << rule << " (" << files.size() << "):";
    for (size_t i = 0; i < files.size() && i < 6; ++i) std::cout << " " << files[i];
    std::cout << "\n";
  }
}

TEST(En16931CoreCorpus, FiresWhatTheOfficialArtefactsFire) {
  Mismatches mismatches;
  const bool found = en16931_corpus::ForEachXmlFile([&](const en16931_corpus::CorpusFile& corpus) {
    const std::string& file = corpus.file;
    auto in_scope = [&](const std::string& id) { return IsCoreRule(id) && corpus.Compared(id); };
    std::map<std::string, int> want;
    for (const auto& [id, n] : corpus.expected) {
      if (in_scope(id)) want[id] = n;
    }
    invoice::Findings findings;
    rules::CheckCoreRules(corpus.model, corpus.syntax, findings);
    std::map<std::string, int> got;
    for (const auto& finding : findings) {
      if (in_scope(finding.rule)) ++got[finding.rule];
    }
    ++mismatches.files;
    bool differs = false;
    for (const auto& [id, n] : want) {
      if (!got.count(id)) {
        mismatches.missing[id].push_back(file);
        differs = true;
      } else if (got[id] != n) {
        mismatches.count[id].push_back(file + "(" + std::to_string(got[id]) + "/" +
                                       std::to_string(n) + ")");
      }
    }
    for (const auto& [id, n] : got) {
      if (!want.count(id)) {
        mismatches.extra[id].push_back(file);
        differs = true;
      }
    }
    if (differs) ++mismatches.differing;
  });
  ASSERT_TRUE(found) << "no " << en16931_corpus::CorpusDir() << "/expected.jsonl";
  Print("MISSING", mismatches.missing);
  Print("EXTRA", mismatches.extra);
  Print("COUNT", mismatches.count);
  std::cout << mismatches.files << " files, " << mismatches.differing
            << " with a different set of core rule ids\n";
  EXPECT_EQ(mismatches.differing, 0);
}

}  // namespace
}  // namespace choral
