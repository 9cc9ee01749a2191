// en16931_verdicts: the rule ids Choral's EN 16931 validation fires on each XML file named on the
// command line (or, one path a line, in the file after "@"), as JSON lines in the peer's format
// ({"file", "syntax", "fatal": [...], "warning": [...], "counts": {...}}), for
// scripts/differential-en16931.py to compare with the official artefacts. A tool, not a test.
//
//   en16931_verdicts [--xsd SCHEMA_DIR] FILE.xml... | @LIST
//
// It runs what platform::InvoiceValidator runs after the schema: StructuredDocument::Parse, the
// syntax rules, then rules::CheckEn16931. The schema's findings are left out of the lists, as the
// peer (the artefacts' schematron on SaxonJS) does no XSD validation; with --xsd (the fr-rfe
// folder) each line says whether the file is "schema_valid", so that the comparison can tell the
// invoices the official order would have stopped at the schema. A file Choral cannot read gets
// {"error": "..."} instead of the rule lists.
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "formats/structured_document.h"
#include "formats/xsd_validator.h"
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

nlohmann::json Verdict(const std::string& path, const choral::formats::XsdValidator* xsd) {
  nlohmann::json line = {{"file", path}};
  std::string bytes = ReadBytes(path);
  auto document = StructuredDocument::Parse(bytes);
  if (!document) {
    line["error"] = document.error().message;
    return line;
  }
  line["syntax"] = std::string(choral::formats::SyntaxName(document->syntax()));
  if (xsd != nullptr) line["schema_valid"] = xsd->Validate(bytes, document->syntax()).empty();
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
  std::optional<choral::formats::XsdValidator> xsd;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--xsd" && i + 1 < argc) {
      auto loaded = choral::formats::XsdValidator::Load(argv[++i]);
      if (!loaded) {
        std::cerr << "en16931_verdicts: " << loaded.error().message << '\n';
        return 2;
      }
      xsd.emplace(std::move(*loaded));
    } else if (!arg.empty() && arg[0] == '@') {
      std::ifstream list(arg.substr(1));
      for (std::string path; std::getline(list, path);) {
        if (!path.empty()) paths.push_back(path);
      }
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: en16931_verdicts [--xsd SCHEMA_DIR] FILE.xml... | @LIST\n";
    return 2;
  }
  for (const auto& path : paths) std::cout << Verdict(path, xsd ? &*xsd : nullptr).dump() << '\n';
  return 0;
}
