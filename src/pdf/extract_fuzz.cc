// libFuzzer target: ExtractText (poppler + qpdf + our reading order) on arbitrary bytes. Seed
// corpus: shared/corpus/pdf/. A crash in our code is a bug to fix; one inside poppler or qpdf is
// what choral-pdf-worker contains, and goes to their trackers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pdf/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto text = choral::pdf::ExtractText(bytes, 50);
  if (text) {
    // Invariants the rest of Choral relies on.
    for (const auto& page : text->pages) {
      for (const auto& word : page.words) {
        if (word.text.empty() || word.text.find(' ') != std::string_view::npos) __builtin_trap();
      }
      if (!page.words.empty() && !page.words.back().ends_line) __builtin_trap();
    }
  }
  return 0;
}
