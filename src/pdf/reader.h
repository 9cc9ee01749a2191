// Reader: turns untrusted PDF bytes into DocumentText (or a PNG of a page) without letting a
// hostile file crash or hang the caller: parsing runs in a worker process under limits.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "pdf/text.h"

namespace choral::pdf {

struct ReaderOptions {
  size_t max_bytes = 10 * 1024 * 1024;             // larger files are refused before parsing
  int max_pages = 200;                             // more pages are refused
  std::chrono::milliseconds timeout{10000};        // wall-clock per document; the worker is killed
  size_t memory_limit_bytes = 512u * 1024 * 1024;  // address-space limit of the worker
  // The worker executable (choral-pdf-worker). Empty: <dir of /proc/self/exe>/choral-pdf-worker
  // (installed beside choral), else <dir>/../pdf/choral-pdf-worker (choral run from
  // build/src/cli), else the path the build compiled in (tests, benchmarks).
  std::string worker_path;
};

// Thread-compatible: one Reader per thread (each keeps its own worker process alive between
// documents, and starts a new one after a crash or a timeout).
//
// The worker is started with posix_spawn (safe in a multi-threaded server), under RLIMIT_AS =
// memory_limit_bytes, RLIMIT_CPU as a backstop and no core dumps; it serves one document after
// another over pipes. Size and "%PDF-" checks happen here, before any worker is involved.
// SIGPIPE from a dead worker is blocked and consumed in the calling thread only; the process's
// signal dispositions are left alone. The destructor kills and reaps the worker.
class Reader {
 public:
  explicit Reader(ReaderOptions options = {});
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Errors, each with a message a user can act on:
  //   kInvalidArgument  too large ("the PDF is 12.3 MB; the limit is 10 MB"), too many pages
  //   kMalformedInput   not a PDF, corrupt or truncated
  //   kUnsupported      encrypted (password-protected)
  //   kUnavailable      the parse overran its time or memory limit, or the worker died
  core::Result<DocumentText> ReadText(std::string_view pdf_bytes);

  // Only the page count, embedded files and XMP metadata (pdf::ExtractAttachments): what a
  // Factur-X check needs, without reading the pages' text. Same errors as ReadText.
  core::Result<DocumentText> ReadAttachments(std::string_view pdf_bytes);

  // The page (1-based) rendered to PNG at `dpi`; same errors, plus kInvalidArgument for a page
  // out of range or a dpi outside 10..600.
  core::Result<std::string> RenderPagePng(std::string_view pdf_bytes, int page, int dpi);

  // The process id of the live worker, or 0 when none is running (for tests and monitoring).
  int worker_pid() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace choral::pdf
