#include "store/file_blob_store.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <sys/stat.h>

#include "store/sha256.h"

namespace choral::store {
namespace {

namespace fs = std::filesystem;

core::Error Unavailable(const std::string& what, int error_number) {
  return {core::ErrorCode::kUnavailable, what + ": " + std::strerror(error_number)};
}

// fsync on a folder makes the entries created or renamed in it durable (POSIX leaves a rename
// in the page cache otherwise).
core::Status SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return core::Fail(Unavailable("cannot open blob folder " + dir.string(), errno));
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  if (rc != 0) return core::Fail(Unavailable("cannot sync blob folder " + dir.string(), saved));
  return core::Ok();
}

// Creates `dir` and its missing parents up to `root`'s parent, syncing each parent that gained
// an entry, so the new folders survive a power cut too.
core::Status MakeDirectories(const fs::path& root, const fs::path& dir) {
  std::vector<fs::path> missing;
  for (fs::path p = dir; !fs::exists(p); p = p.parent_path()) {
    missing.push_back(p);
    if (p == root || !p.has_parent_path() || p.parent_path() == p) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0750) != 0 && errno != EEXIST) {
      return core::Fail(Unavailable("cannot create blob folder " + it->string(), errno));
    }
    if (auto synced = SyncDirectory(it->parent_path()); !synced) return synced;
  }
  return core::Ok();
}

core::Status WriteAll(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return core::Fail(Unavailable("cannot write blob " + path.string(), errno));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return core::Ok();
}

}  // namespace

fs::path FileBlobStore::PathOf(std::string_view sha256) const {
  return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256.substr(2, 2)) /
         std::string(sha256);
}

core::Result<std::string> FileBlobStore::Put(std::string_view bytes) {
  std::string sha256 = Sha256Hex(bytes);
  fs::path path = PathOf(sha256);
  std::error_code ec;
  if (fs::exists(path, ec)) return sha256;  // idempotent: same name, same bytes
  fs::path dir = path.parent_path();
  if (auto made = MakeDirectories(root_, dir); !made) return core::Fail(made.error());

  // Write under a unique temporary name, sync, then rename: a reader (or a crash) never sees a
  // half-written blob under its final name.
  static std::atomic<uint64_t> counter{0};
  fs::path temp = dir / (".tmp-" + sha256 + "-" + std::to_string(::getpid()) + "-" +
                         std::to_string(counter.fetch_add(1)));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return core::Fail(Unavailable("cannot create blob file " + temp.string(), errno));
  core::Status written = WriteAll(fd, bytes, temp);
  if (written && ::fsync(fd) != 0) {
    written = core::Fail(Unavailable("cannot sync blob file " + temp.string(), errno));
  }
  if (::close(fd) != 0 && written) {
    written = core::Fail(Unavailable("cannot close blob file " + temp.string(), errno));
  }
  if (!written) {
    ::unlink(temp.c_str());
    return core::Fail(written.error());
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int saved = errno;
    ::unlink(temp.c_str());
    return core::Fail(Unavailable("cannot rename blob file to " + path.string(), saved));
  }
  if (auto synced = SyncDirectory(dir); !synced) return core::Fail(synced.error());
  return sha256;
}

core::Result<std::string> FileBlobStore::Get(std::string_view sha256) const {
  if (auto valid = CheckBlobName(sha256); !valid) return core::Fail(valid.error());
  return ReadFile(PathOf(sha256), sha256);
}

core::Result<std::string> FileBlobStore::ReadFile(const fs::path& path, std::string_view sha256) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      return core::Fail(core::ErrorCode::kNotFound, "no blob " + std::string(sha256));
    }
    return core::Fail(Unavailable("cannot read blob " + path.string(), errno));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return core::Fail(Unavailable("cannot read blob " + path.string(), errno));
  return std::move(bytes).str();
}

core::Result<bool> FileBlobStore::Exists(std::string_view sha256) const {
  if (auto valid = CheckBlobName(sha256); !valid) return core::Fail(valid.error());
  std::error_code ec;
  bool exists = fs::exists(PathOf(sha256), ec);
  if (ec) return core::Fail(core::ErrorCode::kUnavailable, "cannot check blob: " + ec.message());
  return exists;
}

core::Status FileBlobStore::ForEach(
    const std::function<core::Status(const std::string& sha256, const std::string& bytes)>& visit)
    const {
  std::error_code ec;
  if (!fs::exists(root_, ec)) return core::Ok();  // no blob written yet
  fs::recursive_directory_iterator it(root_, ec), end;
  if (ec) {
    return core::Fail(core::ErrorCode::kUnavailable,
                      "cannot list blob folder " + root_.string() + ": " + ec.message());
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      return core::Fail(core::ErrorCode::kUnavailable,
                        "cannot list blob folder " + root_.string() + ": " + ec.message());
    }
    if (!it->is_regular_file()) continue;
    std::string name = it->path().filename().string();
    if (!IsSha256Hex(name)) continue;  // temporary files of a Put in progress
    // Read what is there, not PathOf(name): a blob moved to another folder is still checked.
    auto bytes = ReadFile(it->path(), name);
    if (!bytes) return core::Fail(bytes.error());
    if (auto visited = visit(name, *bytes); !visited) return visited;
  }
  return core::Ok();
}

}  // namespace choral::store
