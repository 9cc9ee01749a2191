#include "pdf/extract.h"

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>
#include <png.h>
#include <tuple>
#include <utility>
#include <vector>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-embedded-file.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include "pdf/image_coverage.h"
#include "pdf/reading_order.h"

namespace choral::pdf {
namespace {

using core::ErrorCode;
using core::Fail;

// A page with little text under a big picture is a scan with a stamp or a header line added.
constexpr double kScanImageCoverage = 0.5;
constexpr int kScanMaxCharsUnderImage = 200;
constexpr double kMaxRenderPixels = 100e6;

// poppler prints every syntax error of a hostile file to stderr; the caller gets our Error.
void SilencePoppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string ToUtf8(const poppler::ustring& text) {
  poppler::byte_array utf8 = text.to_utf8();
  return std::string(utf8.begin(), utf8.end());
}

int CountCodePoints(std::string_view utf8) {
  return static_cast<int>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// poppler's text_box is a word, but a glyph mapped to several characters can carry a space
// ("📞 +33"); Word promises no spaces, so such a box is split and its width shared out by
// character count.
void AddWords(std::string text, const Box& box, bool upright, bool space_after,
              std::vector<RawWord>* out) {
  if (std::none_of(text.begin(), text.end(), IsSpace)) {
    if (!text.empty()) out->push_back(RawWord{std::move(text), box, upright, space_after});
    return;
  }
  double total = std::max(CountCodePoints(text), 1);
  size_t pos = 0;
  int before = 0;  // code points before `pos`
  std::vector<RawWord> parts;
  while (pos < text.size()) {
    size_t start = pos;
    while (start < text.size() && IsSpace(text[start])) ++start;
    before += static_cast<int>(start - pos);
    if (start == text.size()) break;
    size_t end = start;
    while (end < text.size() && !IsSpace(text[end])) ++end;
    std::string part = text.substr(start, end - start);
    int n = CountCodePoints(part);
    Box b = box;
    if (upright) {
      b.x0 = box.x0 + box.width() * before / total;
      b.x1 = box.x0 + box.width() * (before + n) / total;
    }
    parts.push_back(RawWord{std::move(part), b, upright, true});
    before += n;
    pos = end;
  }
  if (!parts.empty()) parts.back().space_after = space_after;
  for (auto& p : parts) out->push_back(std::move(p));
}

struct Loaded {
  std::unique_ptr<poppler::document> document;
  int page_count = 0;
};

core::Result<Loaded> Load(std::string_view bytes, int max_pages) {
  if (core::Status envelope = CheckPdfEnvelope(bytes); !envelope) return Fail(envelope.error());
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Fail(ErrorCode::kInvalidArgument, "the PDF is too large to read");
  }
  SilencePoppler();
  // load_from_raw_data does not copy: `bytes` outlives the document.
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (document == nullptr) {
    return Fail(ErrorCode::kMalformedInput, "the PDF is corrupt and cannot be read");
  }
  if (document->is_locked()) {
    return Fail(ErrorCode::kUnsupported,
                "the PDF is password-protected: deposit it without protection");
  }
  int pages = document->pages();
  if (pages <= 0) return Fail(ErrorCode::kMalformedInput, "the PDF has no pages");
  if (pages > max_pages) {
    return Fail(ErrorCode::kInvalidArgument, "the PDF has " + std::to_string(pages) +
                                                 " pages; the limit is " +
                                                 std::to_string(max_pages));
  }
  return Loaded{std::move(document), pages};
}

// Width and height as displayed: the crop box, turned by the page's /Rotate.
std::pair<double, double> DisplayedSize(const poppler::page& page) {
  poppler::rectf rect = page.page_rect(poppler::crop_box);
  poppler::page::orientation_enum o = page.orientation();
  if (o == poppler::page::landscape || o == poppler::page::seascape) {
    return {rect.height(), rect.width()};
  }
  return {rect.width(), rect.height()};
}

void ReadAttachmentsAndMetadata(const poppler::document& document, DocumentText& result) {
  if (document.has_embedded_files()) {
    // The objects belong to the document (poppler-cpp deletes them with it). A name written as
    // UTF-16 (some ZUGFeRD producers do) comes back cut at its first NUL byte: just the byte
    // order mark. Callers that look for a file by name must be ready for that.
    for (poppler::embedded_file* file : document.embedded_files()) {
      if (file == nullptr || !file->is_valid()) continue;
      poppler::byte_array data = file->data();
      result.embedded_files.push_back(
          EmbeddedFile{file->name(), file->mime_type(), std::string(data.begin(), data.end())});
    }
  }
  result.xmp_metadata = ToUtf8(document.metadata());
}

}  // namespace

core::Status CheckPdfEnvelope(std::string_view bytes) {
  if (bytes.empty()) return Fail(ErrorCode::kMalformedInput, "not a PDF: the file is empty");
  // ISO 32000-1 7.5.2 puts the header first; readers accept it within the first 1024 bytes.
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) {
    return Fail(ErrorCode::kMalformedInput, "not a PDF: the file does not start with %PDF-");
  }
  // 7.5.5: the last line is %%EOF. Without it the file was cut short (a failed upload); poppler
  // would rebuild what it can and silently lose the rest.
  std::string_view tail = bytes.size() > 1024 ? bytes.substr(bytes.size() - 1024) : bytes;
  if (tail.find("%%EOF") == std::string_view::npos) {
    return Fail(ErrorCode::kMalformedInput,
                "the PDF is truncated (no end-of-file marker): deposit the complete file");
  }
  return core::Ok();
}

core::Result<DocumentText> ExtractText(std::string_view bytes, int max_pages) {
  core::Result<Loaded> loaded = Load(bytes, max_pages);
  if (!loaded) return Fail(loaded.error());
  poppler::document& document = *loaded->document;

  DocumentText result;
  result.page_count = loaded->page_count;
  std::vector<int> chars_per_page;
  for (int i = 0; i < loaded->page_count; ++i) {
    std::unique_ptr<poppler::page> page(document.create_page(i));
    if (page == nullptr) {
      return Fail(ErrorCode::kMalformedInput,
                  "the PDF is corrupt: page " + std::to_string(i + 1) + " cannot be read");
    }
    Page out;
    out.number = i + 1;
    std::tie(out.width, out.height) = DisplayedSize(*page);

    std::vector<RawWord> raw;
    for (const poppler::text_box& box : page->text_list()) {
      poppler::rectf r = box.bbox();
      AddWords(ToUtf8(box.text()), Box{r.x(), r.y(), r.x() + r.width(), r.y() + r.height()},
               box.rotation() == 0, box.has_space_after(), &raw);
    }
    int chars = 0;
    for (const RawWord& w : raw) chars += CountCodePoints(w.text);
    chars_per_page.push_back(chars);
    out.words = OrderWords(std::move(raw));
    result.pages.push_back(std::move(out));
  }

  // Measuring images means parsing the file a second time (with qpdf): do it only when a page
  // has too little text for the text alone to say it is native, as a scan's pages do.
  bool needs_coverage = std::any_of(chars_per_page.begin(), chars_per_page.end(),
                                    [](int chars) { return chars < kScanMaxCharsUnderImage; });
  std::vector<double> coverage;
  if (needs_coverage) coverage = ImageCoverage(bytes, max_pages);
  bool all_pages_image_like = !result.pages.empty();
  for (size_t i = 0; i < result.pages.size(); ++i) {
    Page& page = result.pages[i];
    page.image_coverage = !needs_coverage ? -1.0 : i < coverage.size() ? coverage[i] : 0.0;
    int chars = chars_per_page[i];
    bool image_like = chars < kMinTextCharsPerPage || (page.image_coverage >= kScanImageCoverage &&
                                                       chars < kScanMaxCharsUnderImage);
    all_pages_image_like = all_pages_image_like && image_like;
  }
  result.is_scanned = all_pages_image_like;

  ReadAttachmentsAndMetadata(document, result);
  return result;
}

core::Result<DocumentText> ExtractAttachments(std::string_view bytes, int max_pages) {
  core::Result<Loaded> loaded = Load(bytes, max_pages);
  if (!loaded) return Fail(loaded.error());
  DocumentText result;
  result.page_count = loaded->page_count;
  ReadAttachmentsAndMetadata(*loaded->document, result);
  return result;
}

core::Result<std::string> RenderPagePng(std::string_view bytes, int page_number, int dpi,
                                        int max_pages) {
  if (dpi < 10 || dpi > 600) {
    return Fail(ErrorCode::kInvalidArgument,
                "the resolution must be between 10 and 600 dpi, not " + std::to_string(dpi));
  }
  core::Result<Loaded> loaded = Load(bytes, max_pages);
  if (!loaded) return Fail(loaded.error());
  if (page_number < 1 || page_number > loaded->page_count) {
    return Fail(ErrorCode::kInvalidArgument, "page " + std::to_string(page_number) +
                                                 " does not exist: the PDF has " +
                                                 std::to_string(loaded->page_count) + " pages");
  }
  std::unique_ptr<poppler::page> page(loaded->document->create_page(page_number - 1));
  if (page == nullptr) {
    return Fail(ErrorCode::kMalformedInput,
                "the PDF is corrupt: page " + std::to_string(page_number) + " cannot be read");
  }
  auto [width, height] = DisplayedSize(*page);
  double pixels = (width * dpi / 72.0) * (height * dpi / 72.0);
  if (!(pixels <= kMaxRenderPixels)) {
    return Fail(ErrorCode::kInvalidArgument, "page " + std::to_string(page_number) +
                                                 " is too large to render at " +
                                                 std::to_string(dpi) + " dpi");
  }
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_rgb24);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid() || image.format() != poppler::image::format_rgb24) {
    return Fail(ErrorCode::kMalformedInput,
                "page " + std::to_string(page_number) + " of the PDF cannot be rendered");
  }

  // libpng's simplified API: no setjmp error handling to get wrong.
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(image.width());
  png.height = static_cast<png_uint_32>(image.height());
  png.format = PNG_FORMAT_RGB;
  const auto* pixels_data = reinterpret_cast<const unsigned char*>(image.const_data());
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&png, nullptr, &size, 0, pixels_data, image.bytes_per_row(),
                                 nullptr)) {
    return Fail(ErrorCode::kInternal, std::string("PNG encoding failed: ") + png.message);
  }
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&png, out.data(), &size, 0, pixels_data, image.bytes_per_row(),
                                 nullptr)) {
    return Fail(ErrorCode::kInternal, std::string("PNG encoding failed: ") + png.message);
  }
  out.resize(size);
  return out;
}

}  // namespace choral::pdf
