// The text of a PDF as recognition needs it: words with their boxes, page by page, in reading
// order, plus what tells a scan from a native PDF, and the files embedded in it.
#pragma once

#include <string>
#include <vector>

namespace choral::pdf {

// A rectangle in PDF points (1/72 inch), origin at the TOP-LEFT of the page, y growing down.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  friend bool operator==(const Box&, const Box&) = default;
};

// One word as drawn on the page: a run of non-space characters (UTF-8).
struct Word {
  std::string text;
  Box box;
  // True when the next word in reading order starts a new line (so line structure survives
  // without a separate type).
  bool ends_line = false;
  friend bool operator==(const Word&, const Word&) = default;
};

struct Page {
  int number = 1;                // 1-based
  double width = 0, height = 0;  // points
  std::vector<Word> words;       // reading order: top to bottom, left to right within a line
  // Fraction of the page area covered by images (0..1), to tell scans from native pages; -1 when
  // not measured because every page of the document has plenty of text (it cannot be a scan).
  double image_coverage = 0;
};

// A file attached to the PDF (Factur-X and ZUGFeRD carry their XML this way).
struct EmbeddedFile {
  std::string name;       // e.g. "factur-x.xml"
  std::string mime_type;  // may be empty
  std::string bytes;
};

struct DocumentText {
  int page_count = 0;
  std::vector<Page> pages;  // every page, or the first max_pages when the options say so
  // No text layer, or text far too thin for the page while images cover it: an image-only
  // (scanned) PDF. Never silently treated as an empty invoice.
  bool is_scanned = false;
  std::vector<EmbeddedFile> embedded_files;
  // The document's XMP metadata packet (UTF-8 XML), "" when it has none. Factur-X names its
  // profile there (fx:ConformanceLevel).
  std::string xmp_metadata;
};

}  // namespace choral::pdf
