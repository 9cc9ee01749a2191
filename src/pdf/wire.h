// The bytes exchanged between pdf::Reader and choral-pdf-worker over pipes: length-prefixed
// frames carrying a request (operation, limits, the PDF) or a response (DocumentText, PNG bytes,
// or an Error). Both ends are built from this one file, so the format has no versioning.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "pdf/text.h"

namespace choral::pdf::wire {

// A frame is a 4-byte little-endian payload length, then the payload.
inline constexpr size_t kFrameHeaderSize = 4;
std::string FrameHeader(uint32_t payload_size);
uint32_t ParseFrameHeader(const char header[kFrameHeaderSize]);

// kReadAttachments: ExtractAttachments (page count, embedded files and XMP; no page content).
enum class Operation : uint8_t { kReadText = 1, kRenderPng = 2, kReadAttachments = 3 };

struct Request {
  Operation operation = Operation::kReadText;
  int32_t max_pages = 200;
  int32_t page = 1;  // kRenderPng only
  int32_t dpi = 72;  // kRenderPng only
  // Not owned: the caller's bytes when encoding, a view into the payload when decoded.
  std::string_view pdf;
};

std::string EncodeRequest(const Request& request);
// kMalformedInput when `payload` is not a request this code wrote. The result's `pdf` points into
// `payload`, which must outlive it.
core::Result<Request> DecodeRequest(std::string_view payload);

// A response is either an Error or a body: EncodeDocumentText's bytes or the PNG bytes.
std::string EncodeError(const core::Error& error);
std::string EncodeBody(std::string_view body);
// The body, or the Error the worker sent; kInternal when `payload` is not a response (a worker
// gone wrong cannot make the parent read out of bounds or allocate without limit).
core::Result<std::string> DecodeResponse(std::string_view payload);

std::string EncodeDocumentText(const DocumentText& document);
core::Result<DocumentText> DecodeDocumentText(std::string_view bytes);

}  // namespace choral::pdf::wire
