#include "http/multipart.h"

#include <algorithm>
#include <cctype>

namespace choral::http {
namespace {

using core::ErrorCode;

constexpr size_t kMaxHeaderBytes = 8 * 1024;  // one part's header section
constexpr size_t kMaxFieldNameBytes = 100;

core::Error Malformed(std::string message) {
  return core::Error{ErrorCode::kMalformedInput, "multipart body: " + std::move(message)};
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The parameters after the first ';' of a header value ("form-data; name=\"a\""), names
// lower-cased. nullopt when a quoted string does not end.
struct HeaderValue {
  std::string type;  // lower-cased
  std::vector<std::pair<std::string, std::string>> params;

  const std::string* Param(std::string_view name) const {
    for (const auto& [key, value] : params) {
      if (key == name) return &value;
    }
    return nullptr;
  }
};

std::optional<HeaderValue> ParseHeaderValue(std::string_view text) {
  HeaderValue out;
  size_t semi = text.find(';');
  out.type = Lower(Trim(text.substr(0, semi)));
  size_t i = semi == std::string_view::npos ? text.size() : semi + 1;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ';')) ++i;
    if (i >= text.size()) break;
    size_t eq = text.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string name = Lower(Trim(text.substr(i, eq - i)));
    i = eq + 1;
    std::string value;
    if (i < text.size() && text[i] == '"') {
      ++i;
      bool closed = false;
      while (i < text.size()) {
        char c = text[i++];
        if (c == '\\' && i < text.size()) {
          value.push_back(text[i++]);
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value.push_back(c);
        }
      }
      if (!closed) return std::nullopt;
    } else {
      size_t end = text.find(';', i);
      value = std::string(Trim(text.substr(i, end == std::string_view::npos ? end : end - i)));
      i = end == std::string_view::npos ? text.size() : end;
    }
    out.params.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

bool ValidBoundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ') return false;
  static constexpr std::string_view kSpecials = "'()+_,-./:=? ";
  return std::all_of(boundary.begin(), boundary.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           kSpecials.find(c) != std::string_view::npos;
  });
}

}  // namespace

core::Result<std::string> Multipart::Boundary(std::string_view content_type) {
  auto value = ParseHeaderValue(content_type);
  if (!value || value->type != "multipart/form-data") {
    return core::Fail(Malformed("Content-Type is not multipart/form-data"));
  }
  const std::string* boundary = value->Param("boundary");
  if (boundary == nullptr || !ValidBoundary(*boundary)) {
    return core::Fail(Malformed("Content-Type has no valid boundary"));
  }
  return *boundary;
}

core::Result<Multipart> Multipart::Parse(std::string_view content_type, std::string_view body,
                                         MultipartLimits limits) {
  auto boundary = Boundary(content_type);
  if (!boundary) return core::Fail(boundary.error());
  const std::string first = "--" + *boundary;
  const std::string delimiter = "\r\n--" + *boundary;

  if (!body.starts_with(first)) return core::Fail(Malformed("does not start with the boundary"));
  size_t pos = first.size();
  Multipart multipart;
  while (true) {
    // After a delimiter: "--" closes the body, CRLF starts a part.
    if (body.substr(pos, 2) == "--") return multipart;
    if (body.substr(pos, 2) != "\r\n") {
      return core::Fail(Malformed("boundary not followed by CRLF"));
    }
    pos += 2;
    if (multipart.parts_.size() >= limits.max_parts) {
      return core::Fail(Malformed("more than " + std::to_string(limits.max_parts) + " parts"));
    }

    size_t headers_end = body.find("\r\n\r\n", pos);
    // A part with no header at all starts directly with the blank line.
    bool no_headers = body.substr(pos, 2) == "\r\n";
    if (!no_headers &&
        (headers_end == std::string_view::npos || headers_end - pos > kMaxHeaderBytes)) {
      return core::Fail(Malformed("part headers do not end"));
    }
    std::string_view headers = no_headers ? "" : body.substr(pos, headers_end - pos);
    pos = no_headers ? pos + 2 : headers_end + 4;

    MultipartPart part;
    bool has_disposition = false;
    while (!headers.empty()) {
      size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? "" : headers.substr(eol + 2);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) return core::Fail(Malformed("bad part header line"));
      std::string name = Lower(Trim(line.substr(0, colon)));
      std::string_view value = Trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        auto disposition = ParseHeaderValue(value);
        if (!disposition || disposition->type != "form-data") {
          return core::Fail(Malformed("part's Content-Disposition is not form-data"));
        }
        const std::string* field = disposition->Param("name");
        if (field == nullptr || field->empty() || field->size() > kMaxFieldNameBytes) {
          return core::Fail(Malformed("part's Content-Disposition has no valid name"));
        }
        part.name = *field;
        if (const std::string* filename = disposition->Param("filename")) {
          part.filename = *filename;
        }
        has_disposition = true;
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    if (!has_disposition) return core::Fail(Malformed("part has no Content-Disposition"));

    size_t end = body.find(delimiter, pos);
    if (end == std::string_view::npos) {
      return core::Fail(Malformed("part \"" + part.name + "\" has no closing boundary"));
    }
    if (end - pos > limits.max_part_bytes) {
      return core::Fail(ErrorCode::kInvalidArgument,
                        "multipart body: part \"" + part.name + "\" is larger than " +
                            std::to_string(limits.max_part_bytes) + " bytes");
    }
    part.body = std::string(body.substr(pos, end - pos));
    multipart.parts_.push_back(std::move(part));
    pos = end + delimiter.size();
  }
}

const MultipartPart* Multipart::Find(std::string_view name) const {
  for (const MultipartPart& part : parts_) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

const std::string& Multipart::Get(std::string_view name) const {
  static const std::string kEmpty;
  const MultipartPart* part = Find(name);
  return part == nullptr ? kEmpty : part->body;
}

}  // namespace choral::http
