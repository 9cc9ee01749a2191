// The core EN 16931 rules (BR-nn, BR-B-nn, BR-CO-nn, BR-DEC-nn) against the official artefacts'
// verdicts on the corpus (shared/corpus/en16931/expected.jsonl): every UBL and CII file is read
// with pugixml and the formats readers (ReadUbl / ReadCii, by the root element), checked with
// rules::CheckCoreRules, and the ids fired compared with the expected ones of these families (for a
// unit-test fragment, only the rules in its scope). Mismatches are printed by rule. The whole
// pipeline's conformance test lives in platform.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "formats/cii_reader.h"
#include "formats/ubl_reader.h"
#include "rules/en16931_checks.h"

namespace choral {
namespace {

// CHORAL_EN16931_VERDICTS_DIR points the test at another directory of files with an expected.jsonl
// of the same shape (e.g. the peer validator's verdicts on generated variants).
const std::string kCorpus = std::getenv("CHORAL_EN16931_VERDICTS_DIR")
                                ? std::getenv("CHORAL_EN16931_VERDICTS_DIR")
                                : std::string(CHORAL_CORPUS_DIR) + "/en16931";

bool IsCoreRule(const std::string& id) {
  static const std::regex kCore("^BR-(\\d\\d|B-\\d\\d|CO-\\d\\d|DEC-\\d\\d)$");
  return std::regex_match(id, kCore);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
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
  std::ifstream expected_lines(kCorpus + "/expected.jsonl");
  ASSERT_TRUE(expected_lines) << kCorpus;
  Mismatches mismatches;
  std::string line;
  while (std::getline(expected_lines, line)) {
    const nlohmann::json expected = nlohmann::json::parse(line);
    const std::string syntax = expected["syntax"];
    if (syntax != "ubl" && syntax != "cii") continue;
    const std::string file = expected["file"];
    std::set<std::string> scope;
    const bool fragment = expected.value("kind", "") == "unit-fragment";
    if (fragment) {
      for (const auto& id : expected["unit_test"]["scope"]) scope.insert(id.get<std::string>());
    }
    auto in_scope = [&](const std::string& id) {
      return IsCoreRule(id) && (!fragment || scope.count(id));
    };
    std::map<std::string, int> want;
    for (const char* flag : {"fatal", "warning"}) {
      for (const auto& id : expected[flag]) {
        if (in_scope(id)) want[id] = expected["counts"].value(id.get<std::string>(), 1);
      }
    }
    const std::string xml = ReadFile(kCorpus + "/" + file);
    pugi::xml_document document;
    ASSERT_TRUE(document.load_buffer(xml.data(), xml.size(), pugi::parse_default)) << file;
    const pugi::xml_node root = document.document_element();
    const bool cii =
        std::string_view(root.name()).find("CrossIndustryInvoice") != std::string_view::npos;
    invoice::Findings findings;
    rules::CheckCoreRules(cii ? formats::ReadCii(root) : formats::ReadUbl(root),
                          cii ? rules::En16931Syntax::kCii : rules::En16931Syntax::kUbl, findings);
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
  }
  Print("MISSING", mismatches.missing);
  Print("EXTRA", mismatches.extra);
  Print("COUNT", mismatches.count);
  std::cout << mismatches.files << " files, " << mismatches.differing
            << " with a different set of core rule ids\n";
  EXPECT_EQ(mismatches.differing, 0);
}

}  // namespace
}  // namespace choral
