// libFuzzer target: StructuredDocument::Parse (pugixml, then the UBL or CII reader), the syntax
// rules and Locate on arbitrary bytes, and the XSD validation (libxml2, our SAX hooks and message
// cleaning) of the same bytes. Seed corpus: the XML of shared/corpus/en16931/. A crash in our
// code is a bug to fix, and the input that found it becomes a test.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "formats/structured_document.h"
#include "formats/xsd_validator.h"

namespace {

using choral::formats::Syntax;
using choral::formats::XsdValidator;

const XsdValidator& Xsd() {
  static const XsdValidator* validator = [] {
    auto loaded = XsdValidator::Load(CHORAL_XSD_DIR);
    if (!loaded) {
      std::fprintf(stderr, "%s\n", loaded.error().ToString().c_str());
      std::abort();
    }
    return new XsdValidator(std::move(*loaded));
  }();
  return *validator;
}

void CheckFindings(const choral::invoice::Findings& findings, bool xsd) {
  for (const auto& finding : findings) {
    if (finding.rule.empty() || finding.message.empty() || finding.line < 0) __builtin_trap();
    if (xsd && (finding.rule.rfind("XSD-", 0) != 0 || finding.message.size() > 600)) {
      __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto document = choral::formats::StructuredDocument::Parse(bytes);
  if (document) {
    choral::invoice::Findings findings = document->CheckSyntaxRules();
    document->Locate(findings);
    CheckFindings(findings, false);
  }
  Syntax syntax = document ? document->syntax() : (size % 2 ? Syntax::kCii : Syntax::kUbl);
  choral::invoice::Findings xsd = Xsd().Validate(bytes, syntax);
  CheckFindings(xsd, true);
  if (xsd.size() > 101) __builtin_trap();  // the per-document cap and its XSD-TOO-MANY-ERRORS
  return 0;
}
