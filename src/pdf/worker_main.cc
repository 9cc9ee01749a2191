// choral-pdf-worker: parses untrusted PDFs for pdf::Reader, in a process of its own under memory
// and CPU limits, so that a hostile file can at worst kill this process. Reads request frames on
// stdin, writes one response frame per request on stdout (pdf/wire.h), until stdin closes.
// Usage: choral-pdf-worker --memory-limit=BYTES --cpu-seconds=N
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <signal.h>
#include <string>
#include <thread>
#include <unistd.h>

#include <sys/resource.h>

#include "pdf/extract.h"
#include "pdf/wire.h"

#if defined(__SANITIZE_ADDRESS__)
#define CHORAL_WORKER_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CHORAL_WORKER_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(CHORAL_WORKER_ADDRESS_SANITIZER)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif

namespace {

using choral::core::Error;
using choral::core::ErrorCode;
namespace wire = choral::pdf::wire;

// Frames built at start-up, while memory is plentiful: once the limit is hit, building them
// might itself fail. The signal handler may only use them with write().
std::string* out_of_memory_frame = nullptr;

// Set when any allocation fails. poppler does not always check: depending on where the limit is
// hit it aborts, crashes on a null pointer, or renders a 1x1 image as if nothing were wrong. So
// the allocator itself tells us, and a document during which an allocation failed is answered
// with "ran out of memory" whatever poppler made of it.
volatile sig_atomic_t allocation_failed = 0;

}  // namespace

#if !defined(CHORAL_WORKER_ADDRESS_SANITIZER)
// glibc lets a program interpose malloc, free, calloc and realloc (glibc manual, "Replacing
// malloc"); these forward to glibc's own allocator and only note failures. Not under
// AddressSanitizer, which interposes them itself (and where no memory limit is set anyway).
extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void __libc_free(void*);

void* malloc(size_t size) {
  void* p = __libc_malloc(size);
  if (p == nullptr && size != 0) allocation_failed = 1;
  return p;
}
void* calloc(size_t count, size_t size) {
  void* p = __libc_calloc(count, size);
  if (p == nullptr && count != 0 && size != 0) allocation_failed = 1;
  return p;
}
void* realloc(void* old, size_t size) {
  void* p = __libc_realloc(old, size);
  if (p == nullptr && size != 0) allocation_failed = 1;
  return p;
}
void free(void* p) { __libc_free(p); }
}
#endif

namespace {

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// Returns false at end of input (the parent closed the pipe) or on a short read.
bool ReadAll(int fd, char* data, size_t size) {
  while (size > 0) {
    ssize_t n = read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

void SendPayload(const std::string& payload) {
  std::string frame = wire::FrameHeader(static_cast<uint32_t>(payload.size())) + payload;
  if (!WriteAll(STDOUT_FILENO, frame.data(), frame.size())) _exit(1);
}

[[noreturn]] void DieOutOfMemory() {
  WriteAll(STDOUT_FILENO, out_of_memory_frame->data(), out_of_memory_frame->size());
  _exit(3);
}

// A crash (abort, null pointer) after a failed allocation is running out of memory: say so.
// Only async-signal-safe calls here: write, signal, raise, _exit.
void OnCrash(int signal_number) {
  if (allocation_failed) DieOutOfMemory();
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

void InstallCrashHandlers() {
  // An alternate stack, so that a stack overflow (deep recursion on a hostile file) still runs
  // the handler.
  static char alternate_stack[64 * 1024];
  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  sigaltstack(&stack, nullptr);
  struct sigaction action {};
  action.sa_handler = OnCrash;
  action.sa_flags = SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  for (int s : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) sigaction(s, &action, nullptr);
}

long ArgValue(int argc, char** argv, const char* name, long fallback) {
  size_t len = strlen(name);
  for (int i = 1; i < argc; ++i) {
    if (strncmp(argv[i], name, len) == 0 && argv[i][len] == '=') return atol(argv[i] + len + 1);
  }
  return fallback;
}

// RLIMIT_CPU counts the whole life of the process: before each document, allow `seconds` more.
void AllowCpuSeconds(long seconds) {
  struct rusage usage;
  if (getrusage(RUSAGE_SELF, &usage) != 0) return;
  rlimit cpu;
  cpu.rlim_cur = static_cast<rlim_t>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + seconds + 1);
  cpu.rlim_max = RLIM_INFINITY;
  setrlimit(RLIMIT_CPU, &cpu);
}

std::string Handle(const wire::Request& request) {
  // Tests make the worker slow on purpose to prove the parent's deadline (never set in
  // production; the parent's environment is not the uploader's to choose).
  if (const char* delay = getenv("CHORAL_PDF_WORKER_TEST_DELAY_MS")) {
    std::this_thread::sleep_for(std::chrono::milliseconds(atol(delay)));
  }
  if (request.operation == wire::Operation::kReadText ||
      request.operation == wire::Operation::kReadAttachments) {
    auto text = request.operation == wire::Operation::kReadText
                    ? choral::pdf::ExtractText(request.pdf, request.max_pages)
                    : choral::pdf::ExtractAttachments(request.pdf, request.max_pages);
    if (!text) return wire::EncodeError(text.error());
    return wire::EncodeBody(wire::EncodeDocumentText(*text));
  }
  auto png = choral::pdf::RenderPagePng(request.pdf, request.page, request.dpi, request.max_pages);
  if (!png) return wire::EncodeError(png.error());
  return wire::EncodeBody(*png);
}

}  // namespace

int main(int argc, char** argv) {
  long memory_limit = ArgValue(argc, argv, "--memory-limit", 512L << 20);
  long cpu_seconds = ArgValue(argc, argv, "--cpu-seconds", 20);

  // Limits first, before reading a byte of input. No core dumps of uploaded documents.
  rlimit core{0, 0};
  setrlimit(RLIMIT_CORE, &core);
  // AddressSanitizer reserves terabytes of address space: under it, only the deadline holds.
  if (!kAddressSanitizer && memory_limit > 0) {
    rlimit as{static_cast<rlim_t>(memory_limit), static_cast<rlim_t>(memory_limit)};
    setrlimit(RLIMIT_AS, &as);
  }
  // Whatever descriptors the parent leaked into us (it may be a busy server) are closed.
  close_range(3, ~0U, 0);

  out_of_memory_frame = new std::string;
  {
    std::string payload = wire::EncodeError(Error{
        ErrorCode::kUnavailable,
        "reading the PDF ran out of memory (limit " + std::to_string(memory_limit >> 20) + " MB)"});
    *out_of_memory_frame = wire::FrameHeader(static_cast<uint32_t>(payload.size())) + payload;
  }
  InstallCrashHandlers();
  std::set_new_handler(nullptr);  // operator new throws std::bad_alloc, caught below

  for (;;) {
    char header[wire::kFrameHeaderSize];
    if (!ReadAll(STDIN_FILENO, header, sizeof header)) return 0;
    try {
      std::string payload(wire::ParseFrameHeader(header), '\0');
      if (!ReadAll(STDIN_FILENO, payload.data(), payload.size())) return 1;
      AllowCpuSeconds(cpu_seconds);
      auto request = wire::DecodeRequest(payload);
      std::string response = request ? Handle(*request) : wire::EncodeError(request.error());
      if (allocation_failed) DieOutOfMemory();
      SendPayload(response);
    } catch (const std::bad_alloc&) {
      // The heap may be in any state after this: answer and let the parent start a fresh worker.
      DieOutOfMemory();
    } catch (const std::exception& e) {
      SendPayload(wire::EncodeError(
          Error{ErrorCode::kInternal, std::string("the PDF reader failed: ") + e.what()}));
    }
  }
}
