// PLACEHOLDERS (remove at merge): stand-ins for the formats and rules parts other branches write
// (ubl/cii: StructuredDocument; xsd: XsdValidator; br/vat: the EN 16931 rule families), so that
// the validator, `choral validate` and the portal page link and run before those land. They find
// nothing: every invoice that parses is "valid".
#include <pugixml.hpp>

#include "formats/structured_document.h"
#include "formats/xsd_validator.h"
#include "rules/en16931_checks.h"

namespace choral::formats {

std::string_view SyntaxName(Syntax syntax) { return syntax == Syntax::kUbl ? "ubl" : "cii"; }

struct StructuredDocument::Impl {
  Syntax syntax = Syntax::kUbl;
  std::string profile;
  invoice::SemanticInvoice invoice;
};

core::Result<StructuredDocument> StructuredDocument::Parse(std::string_view xml,
                                                           const XmlLimits& limits) {
  if (xml.size() > limits.max_bytes)
    return core::Fail(core::ErrorCode::kInvalidArgument, "too large");
  if (xml.find("<!DOCTYPE") != std::string_view::npos) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "a DOCTYPE is not allowed");
  }
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  if (!parsed) return core::Fail(core::ErrorCode::kMalformedInput, parsed.description());
  std::string root = doc.document_element().name();
  auto impl = std::make_unique<Impl>();
  if (root.find("CrossIndustryInvoice") != std::string::npos) {
    impl->syntax = Syntax::kCii;
  } else if (root.find("Invoice") == std::string::npos &&
             root.find("CreditNote") == std::string::npos) {
    return core::Fail(core::ErrorCode::kUnsupported, "not an invoice: " + root);
  }
  return StructuredDocument(std::move(impl));
}

StructuredDocument::StructuredDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StructuredDocument::StructuredDocument(StructuredDocument&&) noexcept = default;
StructuredDocument& StructuredDocument::operator=(StructuredDocument&&) noexcept = default;
StructuredDocument::~StructuredDocument() = default;
Syntax StructuredDocument::syntax() const { return impl_->syntax; }
const std::string& StructuredDocument::profile() const { return impl_->profile; }
const invoice::SemanticInvoice& StructuredDocument::invoice() const { return impl_->invoice; }
invoice::Findings StructuredDocument::CheckSyntaxRules() const { return {}; }
void StructuredDocument::Locate(invoice::Findings&) const {}

struct XsdValidator::Impl {};
core::Result<XsdValidator> XsdValidator::Load(const std::string& schema_dir) {
  return core::Fail(core::ErrorCode::kNotFound,
                    "no XSD validator yet (placeholder): " + schema_dir);
}
XsdValidator::XsdValidator(XsdValidator&&) noexcept = default;
XsdValidator& XsdValidator::operator=(XsdValidator&&) noexcept = default;
XsdValidator::~XsdValidator() = default;
invoice::Findings XsdValidator::Validate(std::string_view, Syntax) const { return {}; }

}  // namespace choral::formats

namespace choral::rules {

void CheckCoreRules(const invoice::SemanticInvoice&, En16931Syntax, invoice::Findings&) {}
void CheckVatCategoryRules(const invoice::SemanticInvoice&, En16931Syntax, invoice::Findings&) {}
void CheckCodeListRules(const invoice::SemanticInvoice&, En16931Syntax, invoice::Findings&) {}

}  // namespace choral::rules
