// Multipart: a small, strict reader of multipart/form-data bodies (RFC 7578), for the portal's
// file uploads. The whole body is in memory already (the server bounds its size); parts are
// copied out of it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace choral::http {

struct MultipartLimits {
  size_t max_parts = 20;
  size_t max_part_bytes = 10 * 1024 * 1024;  // each part's body
};

struct MultipartPart {
  std::string name;                     // Content-Disposition's name
  std::optional<std::string> filename;  // present for file inputs (may be "")
  std::string content_type;             // as sent, "" when absent
  std::string body;
};

// The fields of one multipart/form-data body. A repeated name keeps its first part for Get/Find.
class Multipart {
 public:
  // The boundary of a "multipart/form-data; boundary=..." Content-Type (quoted or not).
  // kMalformedInput when the type is another one or the boundary is missing or invalid
  // (RFC 2046: 1..70 characters).
  static core::Result<std::string> Boundary(std::string_view content_type);

  // Parses `body` sent with `content_type`. kMalformedInput naming the problem for a missing
  // boundary, a part without a Content-Disposition form-data name, headers that do not end, a
  // missing closing delimiter, more than limits.max_parts parts; kInvalidArgument naming the
  // field when a part's body is larger than limits.max_part_bytes.
  static core::Result<Multipart> Parse(std::string_view content_type, std::string_view body,
                                       MultipartLimits limits = {});

  // The first part named `name`, or null.
  const MultipartPart* Find(std::string_view name) const;
  // The first part's body named `name`, or "" when absent.
  const std::string& Get(std::string_view name) const;
  bool Has(std::string_view name) const { return Find(name) != nullptr; }

  const std::vector<MultipartPart>& parts() const { return parts_; }

 private:
  std::vector<MultipartPart> parts_;
};

}  // namespace choral::http
