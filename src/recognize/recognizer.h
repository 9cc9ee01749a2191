// Recognizer: finds invoice fields in positioned text, without templates, in French first and
// English and German too. Pure: no I/O, no clock.
#pragma once

#include <memory>

#include "pdf/text.h"
#include "recognize/recognition.h"

namespace choral::recognize {

struct RecognizerOptions {
  // Values scored below this are dropped rather than reported with a low confidence.
  double min_confidence = 0.3;
};

// Thread-safe (const). The lexicon is built once at construction.
class Recognizer {
 public:
  explicit Recognizer(RecognizerOptions options = {});
  ~Recognizer();

  // An image-only document yields an empty Recognition.
  Recognition Recognize(const pdf::DocumentText& document) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace choral::recognize
