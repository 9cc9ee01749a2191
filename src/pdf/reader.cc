#include "pdf/reader.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include <sys/wait.h>

#include "pdf/extract.h"
#include "pdf/wire.h"

extern char** environ;

namespace choral::pdf {
namespace {

using core::ErrorCode;
using core::Fail;
using Clock = std::chrono::steady_clock;

std::string FormatMegabytes(size_t bytes) {
  char text[32];
  double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  if (mb == std::floor(mb)) {
    std::snprintf(text, sizeof text, "%.0f MB", mb);
  } else {
    std::snprintf(text, sizeof text, "%.1f MB", mb);
  }
  return text;
}

std::string FormatDuration(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + " s";
  return std::to_string(d.count()) + " ms";
}

bool IsExecutable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

// ReaderOptions::worker_path, else beside the running executable (an installed choral), else
// build/src/pdf seen from build/src/cli (a choral run from the build tree), else the path CMake
// compiled in (tests).
std::string FindWorker(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path dir = self.parent_path();
    for (const auto& candidate :
         {dir / "choral-pdf-worker", dir / ".." / "pdf" / "choral-pdf-worker"}) {
      if (IsExecutable(candidate.string())) return candidate.string();
    }
  }
#ifdef CHORAL_PDF_WORKER_BUILD_PATH
  if (IsExecutable(CHORAL_PDF_WORKER_BUILD_PATH)) return CHORAL_PDF_WORKER_BUILD_PATH;
#endif
  return "choral-pdf-worker";  // not found: the spawn error names it
}

// Writing to a pipe whose reader died raises SIGPIPE, which would kill the whole server. We do
// not change the process-wide disposition (not a library's call to make); instead SIGPIPE is
// blocked in this thread for the duration of the writes, and one raised by them is consumed
// before unblocking (it is thread-directed, so it is pending on this thread only).
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigset_t pipe_set;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old_mask_);
  }
  ~SigpipeGuard() {
    if (got_epipe_ && !was_pending_) {
      sigset_t pipe_set;
      sigemptyset(&pipe_set);
      sigaddset(&pipe_set, SIGPIPE);
      timespec zero{0, 0};
      while (sigtimedwait(&pipe_set, nullptr, &zero) < 0 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  }
  void GotEpipe() { got_epipe_ = true; }

 private:
  sigset_t old_mask_;
  bool was_pending_ = false;
  bool got_epipe_ = false;
};

// How an exchange with the worker ended, when it did not produce a response.
enum class Failure { kNone, kDeadline, kWorkerGone };

}  // namespace

struct Reader::Impl {
  ReaderOptions options;
  std::string worker_path;
  pid_t pid = -1;
  int to_worker = -1;    // the worker's stdin
  int from_worker = -1;  // the worker's stdout

  ~Impl() { Stop(); }

  void CloseFds() {
    if (to_worker >= 0) close(to_worker);
    if (from_worker >= 0) close(from_worker);
    to_worker = from_worker = -1;
  }

  // SIGKILL and reap: an idle worker has nothing to finish, a stuck one must not linger.
  void Stop() {
    CloseFds();
    if (pid > 0) {
      kill(pid, SIGKILL);
      while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
      }
      pid = -1;
    }
  }

  // The worker's exit status after it closed its stdout (EOF or EPIPE). It has exited or is
  // about to: wait briefly, then make sure.
  int Reap() {
    CloseFds();
    int status = 0;
    if (pid > 0) {
      for (int i = 0; i < 100; ++i) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR)) {
          pid = -1;
          return status;
        }
        usleep(1000);
      }
      kill(pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      pid = -1;
    }
    return status;
  }

  core::Status Start() {
    int in_pipe[2], out_pipe[2];
    // O_CLOEXEC: another thread spawning a process at the same time must not inherit them.
    if (pipe2(in_pipe, O_CLOEXEC) != 0) {
      return Fail(ErrorCode::kUnavailable,
                  std::string("cannot start the PDF reader: ") + std::strerror(errno));
    }
    if (pipe2(out_pipe, O_CLOEXEC) != 0) {
      int saved = errno;
      close(in_pipe[0]);
      close(in_pipe[1]);
      return Fail(ErrorCode::kUnavailable,
                  std::string("cannot start the PDF reader: ") + std::strerror(saved));
    }
    // Bigger pipes: fewer wake-ups for a 10 MB request (best effort).
    fcntl(in_pipe[1], F_SETPIPE_SZ, 1 << 20);
    fcntl(out_pipe[0], F_SETPIPE_SZ, 1 << 20);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    // The child starts with no blocked signals and default dispositions (our caller may ignore
    // SIGPIPE or block signals in this thread).
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    // The CPU limit is a backstop for a worker whose parent is gone; the deadline is the rule.
    long cpu_seconds = static_cast<long>(options.timeout.count() / 1000) + 2;
    std::string memory_arg = "--memory-limit=" + std::to_string(options.memory_limit_bytes);
    std::string cpu_arg = "--cpu-seconds=" + std::to_string(cpu_seconds);
    std::vector<char*> argv = {worker_path.data(), memory_arg.data(), cpu_arg.data(), nullptr};
    pid_t child = -1;
    // posix_spawn, not fork: the caller is multi-threaded.
    int error =
        posix_spawn(&child, worker_path.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(in_pipe[0]);
    close(out_pipe[1]);
    if (error != 0) {
      close(in_pipe[1]);
      close(out_pipe[0]);
      return Fail(ErrorCode::kUnavailable,
                  "cannot start the PDF reader " + worker_path + ": " + std::strerror(error));
    }
    pid = child;
    to_worker = in_pipe[1];
    from_worker = out_pipe[0];
    fcntl(to_worker, F_SETFL, fcntl(to_worker, F_GETFL) | O_NONBLOCK);
    fcntl(from_worker, F_SETFL, fcntl(from_worker, F_GETFL) | O_NONBLOCK);
    return core::Ok();
  }

  // True when the worker process is still there (it may have been killed while idle).
  bool Alive() {
    if (pid <= 0) return false;
    int status;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == 0) return true;
    // ECHILD: the program ignores SIGCHLD, so children are reaped by the kernel; ask directly.
    if (r < 0 && errno == ECHILD && kill(pid, 0) == 0) return true;
    pid = -1;
    CloseFds();
    return false;
  }

  // Waits for `fd` to be ready for `events` until `deadline`. False on timeout.
  static bool WaitFor(int fd, short events, Clock::time_point deadline) {
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() < 0) return false;
      pollfd p{fd, events, 0};
      int r = poll(&p, 1, static_cast<int>(std::min<long long>(left.count() + 1, 1 << 30)));
      if (r > 0) return true;  // ready, or an error/hang-up the next read/write reports
      if (r < 0 && errno != EINTR) return false;
    }
  }

  Failure Write(const std::string& data, Clock::time_point deadline, bool* wrote_any) {
    SigpipeGuard guard;
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = write(to_worker, data.data() + done, data.size() - done);
      if (n > 0) {
        done += static_cast<size_t>(n);
        *wrote_any = true;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) {
        if (!WaitFor(to_worker, POLLOUT, deadline)) return Failure::kDeadline;
        continue;
      }
      if (n < 0 && errno == EPIPE) guard.GotEpipe();
      return Failure::kWorkerGone;
    }
    return Failure::kNone;
  }

  Failure Read(char* data, size_t size, Clock::time_point deadline) {
    size_t done = 0;
    while (done < size) {
      ssize_t n = read(from_worker, data + done, size - done);
      if (n > 0) {
        done += static_cast<size_t>(n);
        continue;
      }
      if (n == 0) return Failure::kWorkerGone;
      if (errno == EINTR) continue;
      if (errno != EAGAIN) return Failure::kWorkerGone;
      if (!WaitFor(from_worker, POLLIN, deadline)) return Failure::kDeadline;
    }
    return Failure::kNone;
  }

  core::Error DescribeFailure(Failure failure) {
    if (failure == Failure::kDeadline) {
      Stop();
      return {ErrorCode::kUnavailable,
              "the PDF took longer than " + FormatDuration(options.timeout) + " to read"};
    }
    int status = Reap();
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
      return {ErrorCode::kUnavailable,
              "the PDF took longer than " + FormatDuration(options.timeout) + " to read"};
    }
    return {ErrorCode::kUnavailable, "the PDF reader crashed"};
  }

  // Sends one request and returns the response body, or the worker's Error, or kUnavailable.
  core::Result<std::string> Call(const wire::Request& request) {
    std::string payload = wire::EncodeRequest(request);
    std::string header_out = wire::FrameHeader(static_cast<uint32_t>(payload.size()));

    // A worker that died while idle is replaced once, before it has seen this document.
    for (int attempt = 0;; ++attempt) {
      bool fresh = !Alive();
      if (fresh) {
        if (auto started = Start(); !started) return Fail(started.error());
      }
      Clock::time_point deadline = Clock::now() + options.timeout;
      bool wrote_any = false;
      Failure failure = Write(header_out, deadline, &wrote_any);
      if (failure == Failure::kNone) failure = Write(payload, deadline, &wrote_any);
      if (failure == Failure::kWorkerGone && !wrote_any && !fresh && attempt == 0) {
        Reap();
        continue;
      }
      if (failure != Failure::kNone) return Fail(DescribeFailure(failure));

      char header[wire::kFrameHeaderSize];
      failure = Read(header, sizeof header, deadline);
      if (failure != Failure::kNone) return Fail(DescribeFailure(failure));
      uint32_t size = wire::ParseFrameHeader(header);
      // A worker under its memory limit cannot build more than that; anything bigger is a
      // worker gone wrong, and we will not allocate for it.
      if (size > options.memory_limit_bytes + (1u << 20)) {
        Stop();
        return Fail(ErrorCode::kUnavailable, "the PDF reader crashed");
      }
      std::string response(size, '\0');
      failure = Read(response.data(), response.size(), deadline);
      if (failure != Failure::kNone) return Fail(DescribeFailure(failure));
      auto body = wire::DecodeResponse(response);
      // After running out of memory the worker exits: reap it now rather than on the next call.
      if (!body && body.error().code == ErrorCode::kUnavailable) Reap();
      return body;
    }
  }

  core::Status CheckSize(std::string_view bytes) {
    if (bytes.size() > options.max_bytes) {
      return Fail(ErrorCode::kInvalidArgument, "the PDF is " + FormatMegabytes(bytes.size()) +
                                                   "; the limit is " +
                                                   FormatMegabytes(options.max_bytes));
    }
    return CheckPdfEnvelope(bytes);
  }
};

Reader::Reader(ReaderOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->worker_path = FindWorker(impl_->options.worker_path);
}

Reader::~Reader() = default;

core::Result<DocumentText> Reader::ReadText(std::string_view pdf_bytes) {
  if (auto checked = impl_->CheckSize(pdf_bytes); !checked) return Fail(checked.error());
  wire::Request request;
  request.operation = wire::Operation::kReadText;
  request.max_pages = impl_->options.max_pages;
  request.pdf = pdf_bytes;
  auto body = impl_->Call(request);
  if (!body) return Fail(body.error());
  return wire::DecodeDocumentText(*body);
}

core::Result<DocumentText> Reader::ReadAttachments(std::string_view pdf_bytes) {
  if (auto checked = impl_->CheckSize(pdf_bytes); !checked) return Fail(checked.error());
  wire::Request request;
  request.operation = wire::Operation::kReadAttachments;
  request.max_pages = impl_->options.max_pages;
  request.pdf = pdf_bytes;
  auto body = impl_->Call(request);
  if (!body) return Fail(body.error());
  return wire::DecodeDocumentText(*body);
}

core::Result<std::string> Reader::RenderPagePng(std::string_view pdf_bytes, int page, int dpi) {
  if (dpi < 10 || dpi > 600) {
    return Fail(ErrorCode::kInvalidArgument,
                "the resolution must be between 10 and 600 dpi, not " + std::to_string(dpi));
  }
  if (auto checked = impl_->CheckSize(pdf_bytes); !checked) return Fail(checked.error());
  wire::Request request;
  request.operation = wire::Operation::kRenderPng;
  request.max_pages = impl_->options.max_pages;
  request.page = page;
  request.dpi = dpi;
  request.pdf = pdf_bytes;
  return impl_->Call(request);
}

int Reader::worker_pid() const { return impl_->pid > 0 ? impl_->pid : 0; }

}  // namespace choral::pdf
