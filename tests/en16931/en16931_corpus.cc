#include "en16931_corpus.h"

#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "formats/cii_reader.h"
#include "formats/ubl_reader.h"

namespace choral::en16931_corpus {

std::string CorpusDir() {
  if (const char* verdicts = std::getenv("CHORAL_EN16931_VERDICTS_DIR")) return verdicts;
  const char* corpus = std::getenv("CHORAL_CORPUS_DIR");
  return std::string(corpus != nullptr ? corpus : CHORAL_CORPUS_DIR) + "/en16931";
}

bool ForEachXmlFile(const std::function<void(const CorpusFile&)>& visit) {
  const std::string dir = CorpusDir();
  std::ifstream expected_lines(dir + "/expected.jsonl");
  if (!expected_lines) return false;
  std::string line;
  while (std::getline(expected_lines, line)) {
    const nlohmann::json entry = nlohmann::json::parse(line);
    const std::string syntax = entry["syntax"];
    if (syntax != "ubl" && syntax != "cii") continue;
    CorpusFile corpus_file;
    corpus_file.file = entry["file"];
    pugi::xml_document document;
    if (!document.load_file((dir + "/" + corpus_file.file).c_str())) {
      ADD_FAILURE() << corpus_file.file << ": not XML";
      continue;
    }
    const bool ubl = syntax == "ubl";
    corpus_file.syntax = ubl ? rules::En16931Syntax::kUbl : rules::En16931Syntax::kCii;
    const pugi::xml_node root = document.document_element();
    corpus_file.model = ubl ? formats::ReadUbl(root) : formats::ReadCii(root);
    for (const char* flag : {"fatal", "warning"}) {
      for (const std::string rule : entry[flag]) {
        corpus_file.expected[rule] = entry["counts"].value(rule, 1);
      }
    }
    corpus_file.fragment = entry.value("kind", "") == "unit-fragment";
    if (corpus_file.fragment) {
      for (const std::string rule : entry["unit_test"]["scope"]) corpus_file.scope.insert(rule);
    }
    visit(corpus_file);
  }
  return true;
}

}  // namespace choral::en16931_corpus
