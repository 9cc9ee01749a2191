#include "pdf/text_report.h"

#include <cairo.h>
#include <memory>

#include <cairo-pdf.h>

namespace choral::pdf {
namespace {

constexpr double kPageWidth = 595.276, kPageHeight = 841.890;  // A4 in points
constexpr double kMargin = 56.0;
constexpr double kIndentStep = 12.0;

struct StyleMetrics {
  double size;
  bool bold;
  double space_before;
};

StyleMetrics MetricsOf(ReportLine::Style style) {
  switch (style) {
    case ReportLine::Style::kTitle:
      return {18, true, 0};
    case ReportLine::Style::kHeading:
      return {12, true, 10};
    case ReportLine::Style::kBody:
      return {10, false, 2};
    case ReportLine::Style::kSmall:
      return {8.5, false, 0};
  }
  return {10, false, 2};
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Splits `text` into lines no wider than `width` at the current font, breaking at spaces (a word
// longer than the line stays whole: it overflows rather than being cut mid-character).
std::vector<std::string> Wrap(cairo_t* cr, const std::string& text, double width) {
  std::vector<std::string> out;
  std::string line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t space = text.find(' ', start);
    std::string word =
        text.substr(start, space == std::string::npos ? std::string::npos : space - start);
    std::string candidate = line.empty() ? word : line + " " + word;
    cairo_text_extents_t extents;
    cairo_text_extents(cr, candidate.c_str(), &extents);
    if (extents.x_advance > width && !line.empty()) {
      out.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
    if (space == std::string::npos) break;
    start = space + 1;
  }
  out.push_back(line);
  return out;
}

}  // namespace

core::Result<std::string> WriteTextReport(const std::vector<ReportLine>& lines,
                                          std::string_view title) {
  std::string bytes;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create_for_stream(Append, &bytes, kPageWidth, kPageHeight),
      &cairo_surface_destroy);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 std::string(title).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Choral");
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()),
                                                             &cairo_destroy);
  cairo_t* cr = context.get();
  double y = kMargin;
  for (const ReportLine& line : lines) {
    StyleMetrics m = MetricsOf(line.style);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           m.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, m.size);
    const double x = kMargin + line.indent * kIndentStep;
    const double leading = m.size * 1.35;
    y += m.space_before;
    for (const std::string& part : Wrap(cr, line.text, kPageWidth - kMargin - x)) {
      if (y + leading > kPageHeight - kMargin) {
        cairo_show_page(cr);
        y = kMargin;
      }
      y += leading;
      cairo_move_to(cr, x, y);
      cairo_show_text(cr, part.c_str());
    }
  }
  cairo_show_page(cr);
  context.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return core::Fail(core::ErrorCode::kInternal,
                      std::string("cannot draw the PDF report: ") +
                          cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return bytes;
}

}  // namespace choral::pdf
