// In-process PDF reading with poppler-cpp (text with boxes, scan detection, attachments, page
// rendering). It trusts the PDF library not to crash or hang: use it on trusted bytes, in tests,
// fuzzers and benchmarks, and inside choral-pdf-worker. Untrusted uploads go through pdf::Reader.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "pdf/text.h"

namespace choral::pdf {

// Fewer characters than this on a page: the page has no text layer.
inline constexpr int kMinTextCharsPerPage = 20;

// Reads every page of the PDF in `bytes`: words in reading order (see pdf/reading_order.h), page
// sizes (crop box, after the page's /Rotate), image coverage, embedded files, and is_scanned:
// true when every page has fewer than kMinTextCharsPerPage characters, or carries only a little
// text (a stamp, a header line) while images cover most of it.
// Errors:
//   kMalformedInput   empty, not a PDF ("not a PDF: ..."), truncated (no %%EOF marker near the
//                     end), or poppler cannot read it; no pages
//   kUnsupported      password-protected
//   kInvalidArgument  more than `max_pages` pages ("the PDF has 250 pages; the limit is 200")
// Thread-safe (each call has its own poppler document). Never throws (std::bad_alloc aside, which
// the worker turns into a clear error).
core::Result<DocumentText> ExtractText(std::string_view bytes, int max_pages = 200);

// Only what structured-invoice validation needs, without reading any page's content: the page
// count, the embedded files and the XMP metadata (`pages` stays empty, is_scanned false). Same
// errors as ExtractText; far cheaper on a PDF with many or heavy pages.
core::Result<DocumentText> ExtractAttachments(std::string_view bytes, int max_pages = 200);

// The page (1-based) rendered at `dpi` (antialiased, white background) as PNG bytes. Same errors
// as ExtractText, plus kInvalidArgument for a page out of range, a dpi outside 10..600, or an
// image over 100 million pixels.
core::Result<std::string> RenderPagePng(std::string_view bytes, int page, int dpi,
                                        int max_pages = 200);

// The cheap checks done before any parsing (also by Reader, in the calling process): non-empty,
// "%PDF-" within the first 1024 bytes, "%%EOF" within the last 1024 bytes. kMalformedInput.
core::Status CheckPdfEnvelope(std::string_view bytes);

}  // namespace choral::pdf
