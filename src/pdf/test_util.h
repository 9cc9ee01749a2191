// Helpers shared by the pdf module's tests: reading corpus files and crafting hostile PDFs.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace choral::pdf::testing {

// shared/corpus/pdf, as configured by CMake (CHORAL_CORPUS_DIR).
inline std::filesystem::path CorpusDir() {
  return std::filesystem::path(CHORAL_CORPUS_DIR) / "pdf";
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string ReadCorpus(const std::string& relative) {
  return ReadFile(CorpusDir() / relative);
}

// A copy of `pdf` protected by a user password (AES-256), made with libqpdf.
std::string EncryptForTest(const std::string& pdf);

}  // namespace choral::pdf::testing
