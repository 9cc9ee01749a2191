#include "pdf/wire.h"

#include <cstring>
#include <utility>

namespace choral::pdf::wire {
namespace {

using core::ErrorCode;
using core::Fail;

// Fixed-width little-endian fields; doubles as their IEEE-754 bits. Both ends run on the same
// machine, but a fixed layout keeps the decoder's bounds checks simple.
class Writer {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  void F64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
  }
  void Bytes(std::string_view v) {
    U32(static_cast<uint32_t>(v.size()));
    out_.append(v);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Every read checks the remaining size; counts are checked against it before any reserve.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return ok_ && pos_ == in_.size(); }
  size_t remaining() const { return in_.size() - pos_; }

  uint8_t U8() {
    if (!Need(1)) return 0;
    return static_cast<uint8_t>(in_[pos_++]);
  }
  uint32_t U32() {
    if (!Need(4)) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
      v |= static_cast<uint32_t>(static_cast<uint8_t>(in_[pos_++])) << (8 * i);
    return v;
  }
  double F64() {
    if (!Need(8)) return 0;
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i)
      bits |= static_cast<uint64_t>(static_cast<uint8_t>(in_[pos_++])) << (8 * i);
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  std::string_view View() {
    uint32_t n = U32();
    if (!Need(n)) return {};
    std::string_view v = in_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  std::string Bytes() { return std::string(View()); }
  // A count of items each at least `min_item_size` bytes long.
  uint32_t Count(size_t min_item_size) {
    uint32_t n = U32();
    if (ok_ && n > remaining() / min_item_size) ok_ = false;
    return ok_ ? n : 0;
  }

 private:
  bool Need(size_t n) {
    if (!ok_ || n > remaining()) ok_ = false;
    return ok_;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void PutBox(Writer& w, const Box& b) {
  w.F64(b.x0);
  w.F64(b.y0);
  w.F64(b.x1);
  w.F64(b.y1);
}

Box GetBox(Reader& r) {
  Box b;
  b.x0 = r.F64();
  b.y0 = r.F64();
  b.x1 = r.F64();
  b.y1 = r.F64();
  return b;
}

constexpr uint8_t kResponseError = 0;
constexpr uint8_t kResponseBody = 1;

}  // namespace

std::string FrameHeader(uint32_t payload_size) {
  Writer w;
  w.U32(payload_size);
  return w.Take();
}

uint32_t ParseFrameHeader(const char header[kFrameHeaderSize]) {
  return Reader(std::string_view(header, kFrameHeaderSize)).U32();
}

std::string EncodeRequest(const Request& request) {
  Writer w;
  w.U8(static_cast<uint8_t>(request.operation));
  w.U32(static_cast<uint32_t>(request.max_pages));
  w.U32(static_cast<uint32_t>(request.page));
  w.U32(static_cast<uint32_t>(request.dpi));
  w.Bytes(request.pdf);
  return w.Take();
}

core::Result<Request> DecodeRequest(std::string_view payload) {
  Reader r(payload);
  Request request;
  uint8_t op = r.U8();
  request.max_pages = static_cast<int32_t>(r.U32());
  request.page = static_cast<int32_t>(r.U32());
  request.dpi = static_cast<int32_t>(r.U32());
  request.pdf = r.View();
  if (!r.done() || (op != static_cast<uint8_t>(Operation::kReadText) &&
                    op != static_cast<uint8_t>(Operation::kRenderPng) &&
                    op != static_cast<uint8_t>(Operation::kReadAttachments))) {
    return Fail(ErrorCode::kMalformedInput, "not a PDF worker request");
  }
  request.operation = static_cast<Operation>(op);
  return request;
}

std::string EncodeError(const core::Error& error) {
  Writer w;
  w.U8(kResponseError);
  w.U8(static_cast<uint8_t>(error.code));
  w.Bytes(error.message);
  return w.Take();
}

std::string EncodeBody(std::string_view body) {
  Writer w;
  w.U8(kResponseBody);
  w.Bytes(body);
  return w.Take();
}

core::Result<std::string> DecodeResponse(std::string_view payload) {
  Reader r(payload);
  uint8_t kind = r.U8();
  if (kind == kResponseBody) {
    std::string body = r.Bytes();
    if (r.done()) return body;
  } else if (kind == kResponseError) {
    uint8_t code = r.U8();
    std::string message = r.Bytes();
    if (r.done() && code <= static_cast<uint8_t>(ErrorCode::kInternal)) {
      return Fail(static_cast<ErrorCode>(code), std::move(message));
    }
  }
  return Fail(ErrorCode::kInternal, "the PDF reader sent a response that cannot be read");
}

std::string EncodeDocumentText(const DocumentText& document) {
  Writer w;
  w.U32(static_cast<uint32_t>(document.page_count));
  w.U8(document.is_scanned ? 1 : 0);
  w.U32(static_cast<uint32_t>(document.pages.size()));
  for (const Page& page : document.pages) {
    w.U32(static_cast<uint32_t>(page.number));
    w.F64(page.width);
    w.F64(page.height);
    w.F64(page.image_coverage);
    w.U32(static_cast<uint32_t>(page.words.size()));
    for (const Word& word : page.words) {
      w.Bytes(word.text);
      PutBox(w, word.box);
      w.U8(word.ends_line ? 1 : 0);
    }
  }
  w.U32(static_cast<uint32_t>(document.embedded_files.size()));
  for (const EmbeddedFile& file : document.embedded_files) {
    w.Bytes(file.name);
    w.Bytes(file.mime_type);
    w.Bytes(file.bytes);
  }
  w.Bytes(document.xmp_metadata);
  return w.Take();
}

core::Result<DocumentText> DecodeDocumentText(std::string_view bytes) {
  Reader r(bytes);
  DocumentText document;
  document.page_count = static_cast<int>(r.U32());
  document.is_scanned = r.U8() != 0;
  uint32_t pages = r.Count(4 + 3 * 8 + 4);
  document.pages.reserve(pages);
  for (uint32_t i = 0; i < pages && r.ok(); ++i) {
    Page page;
    page.number = static_cast<int>(r.U32());
    page.width = r.F64();
    page.height = r.F64();
    page.image_coverage = r.F64();
    uint32_t words = r.Count(4 + 4 * 8 + 1);
    page.words.reserve(words);
    for (uint32_t j = 0; j < words && r.ok(); ++j) {
      Word word;
      word.text = r.Bytes();
      word.box = GetBox(r);
      word.ends_line = r.U8() != 0;
      page.words.push_back(std::move(word));
    }
    document.pages.push_back(std::move(page));
  }
  uint32_t files = r.Count(3 * 4);
  for (uint32_t i = 0; i < files && r.ok(); ++i) {
    EmbeddedFile file;
    file.name = r.Bytes();
    file.mime_type = r.Bytes();
    file.bytes = r.Bytes();
    document.embedded_files.push_back(std::move(file));
  }
  document.xmp_metadata = r.Bytes();
  if (!r.done()) {
    return Fail(ErrorCode::kInternal, "the PDF reader sent a text that cannot be read");
  }
  return document;
}

}  // namespace choral::pdf::wire
