// InvoiceExtraction: what Choral reads from a supplier's PDF — the fields recognised on its pages
// and, when it carries a Factur-X / ZUGFeRD XML, that XML's values and where the two disagree.
// Shared by `choral extract` and the portal's deposit form.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "formats/invoice_summary.h"
#include "pdf/reader_pool.h"
#include "recognize/recognizer.h"

namespace choral::platform {

// A page's size in PDF points: a preview places the found values' boxes with it.
struct PageSize {
  double width = 0, height = 0;
};

struct InvoiceExtraction {
  int pages = 0;
  std::vector<PageSize> page_sizes;  // of the pages read, in order
  bool is_scanned = false;
  recognize::Recognition recognition;               // values read on the visible pages only
  std::optional<formats::InvoiceSummary> embedded;  // the embedded XML's values, if any
  std::string embedded_error;  // why an embedded XML could not be read, "" otherwise
  // Fields found both on the page and in the embedded XML with different values.
  std::vector<recognize::Field> disagreements;
};

// The embedded XML's value of `field`, if it has one.
std::optional<std::string> EmbeddedValue(const formats::InvoiceSummary& summary,
                                         recognize::Field field);

// Thread-safe: each Extract borrows a worker from the pool for the time of its read.
class InvoiceExtractor {
 public:
  // `readers` must outlive the extractor; it may be shared with others.
  explicit InvoiceExtractor(pdf::ReaderPool& readers,
                            recognize::RecognizerOptions recognizer_options = {});

  // The pdf::ReaderPool's errors for a PDF that cannot be read (kResourceExhausted when every
  // worker stayed busy); never an error for a PDF that can be read but holds no recognisable
  // invoice (its fields are simply absent).
  core::Result<InvoiceExtraction> Extract(std::string_view pdf_bytes) const;

  // The page (1-based) as PNG at `dpi`, read by a worker of the pool (its errors).
  core::Result<std::string> RenderPagePng(std::string_view pdf_bytes, int page, int dpi) const;

 private:
  pdf::ReaderPool& readers_;
  recognize::Recognizer recognizer_;
};

}  // namespace choral::platform
