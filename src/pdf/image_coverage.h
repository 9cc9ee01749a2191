// How much of each page images cover: what tells a scanned page (one big picture) from a native
// one (text and a logo). poppler-cpp lists no images, so qpdf reads the content streams.
#pragma once

#include <string_view>
#include <vector>

namespace choral::pdf {

// One fraction in [0, 1] per page, in page order, for at most `max_pages` pages: the part of the
// page's crop box covered by the images it paints (image XObjects, inline images, and images
// inside form XObjects), measured on a coarse grid. Empty when qpdf cannot read the file or it is
// encrypted with a user password; a page whose content cannot be parsed gets 0. Never throws.
// Thread-safe: each call builds its own qpdf document.
std::vector<double> ImageCoverage(std::string_view pdf_bytes, int max_pages);

}  // namespace choral::pdf
