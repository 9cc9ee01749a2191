// StaticFiles: the portal's CSS, JavaScript and fonts, read from web_root/static/ once at start
// and served from memory, with a content type, an ETag and caching headers.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/request.h"

namespace choral::portal {

// Immutable after Load; thread-safe.
class StaticFiles {
 public:
  // Reads every regular file under `static_dir` (recursively; symbolic links are not followed).
  // kUnavailable naming the folder when it is missing or unreadable, or when one of
  // `required` (paths relative to it) is absent.
  static core::Result<StaticFiles> Load(const std::string& static_dir,
                                        std::initializer_list<std::string_view> required = {});

  // Builds from memory, for tests: relative path -> bytes.
  static StaticFiles FromMemory(std::map<std::string, std::string> files);

  // The response for `relative_path` (the part after "/static/"): 200 with the bytes, 304 when
  // the request's If-None-Match carries the ETag, 404 for anything not loaded at start, which
  // includes every path with "..", a leading '/', a backslash or a NUL byte.
  http::Response Serve(std::string_view relative_path, const http::Request& request) const;

  // A short hash of every file's bytes, appended as "?v=" to asset links so that browsers fetch
  // them again after an upgrade.
  const std::string& version() const { return version_; }

  // "text/css; charset=utf-8" for "x.css", ...; "application/octet-stream" when unknown.
  static std::string_view ContentType(std::string_view path);

 private:
  struct File {
    std::string bytes;
    std::string etag;  // quoted, e.g. "\"3f2a...\""
    std::string_view content_type;
  };

  std::map<std::string, File, std::less<>> files_;
  std::string version_;
};

}  // namespace choral::portal
