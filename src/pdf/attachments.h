// The files embedded in a PDF and its XMP packet, read with qpdf: what structured-invoice
// validation needs from a Factur-X / ZUGFeRD PDF, without loading the document's pages.
#pragma once

#include <string_view>

#include "core/result.h"
#include "pdf/text.h"

namespace choral::pdf {

// The page count, the embedded files (the /Names /EmbeddedFiles tree, in its key order; each
// named by its /UF, else /F, decoded to UTF-8, its bytes the decoded /EF stream; those `filter`
// keeps, see AttachmentFilter in pdf/text.h) and the XMP
// metadata packet (the catalog's /Metadata stream, decoded; "" when absent). `pages` stays empty,
// is_scanned false. Only the objects on the way are parsed (qpdf resolves the cross-reference
// table lazily), so the cost does not grow with the pages' content. Errors as ExtractText's
// (pdf/extract.h): kMalformedInput (not a PDF, truncated, unreadable, no pages), kUnsupported
// (password-protected), kInvalidArgument (more than `max_pages` pages).
// Like extract.h, meant for trusted bytes or inside choral-pdf-worker. Thread-safe (each call has
// its own qpdf document). Never throws but std::bad_alloc.
core::Result<DocumentText> ExtractAttachments(std::string_view bytes, int max_pages = 200,
                                              AttachmentFilter filter = AttachmentFilter::kAll);

}  // namespace choral::pdf
