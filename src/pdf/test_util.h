// Helpers shared by the pdf module's tests: reading corpus files and crafting hostile PDFs.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdlib.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

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

// Waits until `pid` (a child of this process, not reaped) has become a zombie.
inline void WaitUntilDead(int pid) {
  for (int i = 0; i < 1000; ++i) {
    std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
    size_t paren = stat.rfind(')');
    if (paren == std::string::npos || stat.substr(paren + 2, 1) == "Z") return;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

// Workers spawned while this lives sleep `ms` before each document (the variable is inherited
// at spawn time; workers already running are not affected). Not thread-safe: create it before
// starting threads that may spawn workers.
class DelayedWorker {
 public:
  explicit DelayedWorker(int ms) {
    setenv("CHORAL_PDF_WORKER_TEST_DELAY_MS", std::to_string(ms).c_str(), 1);
  }
  ~DelayedWorker() { unsetenv("CHORAL_PDF_WORKER_TEST_DELAY_MS"); }
  DelayedWorker(const DelayedWorker&) = delete;
  DelayedWorker& operator=(const DelayedWorker&) = delete;
};

// The process ids of this process's children that run choral-pdf-worker, zombies included (a
// worker killed but not yet reaped still counts): what the kernel sees, not what a pool says.
inline std::vector<int> WorkerChildren() {
  std::vector<int> pids;
  const std::string parent = std::to_string(getpid());
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so parse from ')'.
    std::string stat = ReadFile(entry.path() / "stat");
    size_t open = stat.find('(');
    size_t close = stat.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));
    std::string state, ppid;
    rest >> state >> ppid;
    // The kernel keeps 15 characters of the name: "choral-pdf-work".
    if (ppid == parent && stat.substr(open + 1, close - open - 1).starts_with("choral-pdf")) {
      pids.push_back(std::stoi(name));
    }
  }
  return pids;
}

// A copy of `pdf` protected by a user password (AES-256), made with libqpdf.
std::string EncryptForTest(const std::string& pdf);

// A copy of `pdf` with these files (name, bytes) attached, made with libqpdf.
std::string AttachForTest(const std::string& pdf,
                          const std::vector<std::pair<std::string, std::string>>& files);

// A copy of `pdf` whose catalog's /Metadata stream holds `xmp`, made with libqpdf.
std::string WithXmpForTest(const std::string& pdf, const std::string& xmp);

// A copy of `pdf` whose page tree claims `count` pages (/Pages /Count), made with libqpdf.
std::string WithPageCountForTest(const std::string& pdf, long long count);

}  // namespace choral::pdf::testing
