// Test helpers over the shared EN 16931 corpus (CHORAL_CORPUS_DIR/en16931): the files its
// expected.jsonl lists, and their bytes. Tests only.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace choral::formats::testing {

inline std::string En16931Dir() { return std::string(CHORAL_CORPUS_DIR) + "/en16931"; }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The paths (relative to En16931Dir()) of expected.jsonl's entries of that syntax and kind
// ("instance", "unit-fragment").
inline std::vector<std::string> CorpusFiles(const std::string& syntax, const std::string& kind) {
  std::vector<std::string> files;
  std::ifstream in(En16931Dir() + "/expected.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json entry = nlohmann::json::parse(line);
    if (entry.value("syntax", "") == syntax && entry.value("kind", "") == kind) {
      files.push_back(entry.at("file").get<std::string>());
    }
  }
  return files;
}

}  // namespace choral::formats::testing
