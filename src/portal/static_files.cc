#include "portal/static_files.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace choral::portal {
namespace {

namespace fs = std::filesystem;

// FNV-1a, 64 bits: enough to tell two versions of a file apart; not a security measure.
uint64_t Fnv1a(std::string_view bytes, uint64_t hash = 14695981039346656037ull) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string Hex(uint64_t value) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[i] = kDigits[value & 0xf];
    value >>= 4;
  }
  return out;
}

bool SafeRelativePath(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  if (path.find('\\') != std::string_view::npos) return false;
  if (path.find('\0') != std::string_view::npos) return false;
  // Refuse any ".." segment, even though such a path could never be in the map: the check says
  // what the map already guarantees.
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    std::string_view segment =
        path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (segment == ".." || segment == "." || segment.empty()) return false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  size_t pos = 0;
  while (pos < if_none_match.size()) {
    size_t comma = if_none_match.find(',', pos);
    std::string_view candidate = if_none_match.substr(
        pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    while (!candidate.empty() && candidate.front() == ' ') candidate.remove_prefix(1);
    while (!candidate.empty() && candidate.back() == ' ') candidate.remove_suffix(1);
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);
    if (candidate == etag) return true;
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return false;
}

}  // namespace

std::string_view StaticFiles::ContentType(std::string_view path) {
  struct Type {
    std::string_view extension;
    std::string_view content_type;
  };
  static constexpr std::array kTypes = std::to_array<Type>({
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".map", "application/json"},
      {".json", "application/json"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
  });
  for (const Type& type : kTypes) {
    if (path.ends_with(type.extension)) return type.content_type;
  }
  return "application/octet-stream";
}

core::Result<StaticFiles> StaticFiles::Load(const std::string& static_dir,
                                            std::initializer_list<std::string_view> required) {
  std::error_code ec;
  if (!fs::is_directory(static_dir, ec)) {
    return core::Fail(core::ErrorCode::kUnavailable,
                      "static assets folder " + static_dir +
                          " is missing: build the portal (it copies them there) or set web_root");
  }
  std::map<std::string, std::string> files;
  fs::recursive_directory_iterator it(static_dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      return core::Fail(core::ErrorCode::kUnavailable,
                        "cannot read static asset " + it->path().string());
    }
    files.emplace(it->path().lexically_relative(static_dir).generic_string(), bytes.str());
  }
  if (ec) {
    return core::Fail(core::ErrorCode::kUnavailable,
                      "cannot read static assets folder " + static_dir + ": " + ec.message());
  }
  for (std::string_view path : required) {
    if (!files.contains(std::string(path))) {
      return core::Fail(core::ErrorCode::kUnavailable,
                        "static asset " + std::string(path) + " is missing from " + static_dir +
                            ": build the portal (it copies them there)");
    }
  }
  return FromMemory(std::move(files));
}

StaticFiles StaticFiles::FromMemory(std::map<std::string, std::string> files) {
  StaticFiles result;
  uint64_t all = Fnv1a("");
  while (!files.empty()) {
    auto node = files.extract(files.begin());  // takes the bytes without copying them
    uint64_t hash = Fnv1a(node.mapped());
    all = Fnv1a(node.key(), all);
    all = Fnv1a(Hex(hash), all);
    File file{std::move(node.mapped()), "\"" + Hex(hash) + "\"", ContentType(node.key())};
    result.files_.emplace(std::move(node.key()), std::move(file));
  }
  result.version_ = Hex(all).substr(0, 10);
  return result;
}

http::Response StaticFiles::Serve(std::string_view relative_path,
                                  const http::Request& request) const {
  auto it = SafeRelativePath(relative_path) ? files_.find(relative_path) : files_.end();
  if (it == files_.end()) {
    return http::Response::Text("Not found\n", 404).AddHeader("Cache-Control", "no-store");
  }
  const File& file = it->second;
  http::Response response;
  if (EtagMatches(request.Header("if-none-match"), file.etag)) {
    response.status = 304;
  } else {
    response.status = 200;
    response.body = file.bytes;
    response.AddHeader("Content-Type", std::string(file.content_type));
  }
  // Links carry "?v=<version>", so a day's caching never serves an old file after an upgrade;
  // the ETag makes the revalidation after that day cheap.
  response.AddHeader("ETag", file.etag);
  response.AddHeader("Cache-Control", "public, max-age=86400");
  response.AddHeader("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace choral::portal
