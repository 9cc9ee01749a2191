// en16931_verdicts: the rule ids Choral's EN 16931 validation fires on each XML file named on the
// command line (or, one path a line, in the file after "@"), as JSON lines in the peer's format
// ({"file", "syntax", "fatal": [...], "warning": [...], "counts": {...}}), for
// scripts/differential-en16931.py to compare with the official artefacts. A tool, not a test.
//
// It runs what platform::InvoiceValidator runs after the schema: StructuredDocument::Parse, the
// syntax rules, then rules::CheckEn16931. The schema is left out on purpose: the peer (the
// artefacts' schematron on SaxonJS) does no XSD validation either. A file Choral cannot read
// gets {"error": "..."} instead of the rule lists.
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "formats/structured_document.h"
#include "rules/en16931_rules.h"

namespace {

using choral::formats::StructuredDocument;
using choral::formats::Syntax;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

nlohmann::json Verdict(const std::string& path) {
  nlohmann::json line = {{"file", path}};
  auto document = StructuredDocument::Parse(ReadBytes(path));
  if (!document) {
    line["error"] = document.error().message;
    return line;
  }
  line["syntax"] = std::string(choral::formats::SyntaxName(document->syntax()));
  choral::invoice::Findings findings = document->CheckSyntaxRules();
  choral::invoice::Findings business = choral::rules::CheckEn16931(
      document->invoice(), document->syntax() == Syntax::kUbl ? choral::rules::En16931Syntax::kUbl
                                                              : choral::rules::En16931Syntax::kCii);
  findings.insert(findings.end(), business.begin(), business.end());
  std::set<std::string> fatal, warning;
  std::map<std::string, int> counts;
  for (const auto& finding : findings) {
    (finding.flag == choral::invoice::FindingFlag::kFatal ? fatal : warning).insert(finding.rule);
    ++counts[finding.rule];
  }
  line["fatal"] = fatal;
  line["warning"] = warning;
  line["counts"] = counts;
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (!arg.empty() && arg[0] == '@') {
      std::ifstream list(arg.substr(1));
      for (std::string path; std::getline(list, path);) {
        if (!path.empty()) paths.push_back(path);
      }
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: en16931_verdicts FILE.xml... | @LIST\n";
    return 2;
  }
  for (const auto& path : paths) std::cout << Verdict(path).dump() << '\n';
  return 0;
}
