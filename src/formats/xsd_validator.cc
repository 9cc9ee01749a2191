#include "formats/xsd_validator.h"

#include <filesystem>
#include <memory>
#include <utility>

#include <libxml/xmlschemas.h>

#include "formats/libxml2_document.h"
#include "formats/xsd_error.h"

namespace choral::formats {
namespace {

// The FNFE-MPE fr-rfe folder layout.
constexpr const char* kUblInvoiceSchema = "UBL/1xsd_UBL2.1/maindoc/UBL-Invoice-2.1.xsd";
constexpr const char* kUblCreditNoteSchema = "UBL/1xsd_UBL2.1/maindoc/UBL-CreditNote-2.1.xsd";
constexpr const char* kCiiSchema = "CII/1xsd-CII_D22B_uncoupled/CrossIndustryInvoice_100pD22B.xsd";

// Enough for a person to fix a document in rounds; a hostile file cannot make more.
constexpr size_t kMaxFindingsPerDocument = 100;

struct SchemaFree {
  void operator()(xmlSchemaPtr schema) const { xmlSchemaFree(schema); }
};
using SchemaPtr = std::unique_ptr<xmlSchema, SchemaFree>;

struct ParserCtxtFree {
  void operator()(xmlSchemaParserCtxtPtr ctxt) const { xmlSchemaFreeParserCtxt(ctxt); }
};
struct ValidCtxtFree {
  void operator()(xmlSchemaValidCtxtPtr ctxt) const { xmlSchemaFreeValidCtxt(ctxt); }
};

// The first schema error, for the kMalformedInput message; the others are usually its echoes.
void KeepFirstSchemaError(void* user_data, xmlErrorPtr error) {
  auto* first = static_cast<std::string*>(user_data);
  if (error == nullptr || error->level < XML_ERR_ERROR || !first->empty()) return;
  *first = CleanXsdMessage(error->message ? error->message : "");
  if (error->file != nullptr) {
    *first += " (" + std::string(error->file) + " line " + std::to_string(error->line) + ")";
  }
}

core::Result<SchemaPtr> CompileSchema(const std::filesystem::path& path) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(path, ignored)) {
    return core::Fail(core::ErrorCode::kNotFound, "XSD schema not found: " + path.string());
  }
  std::string first_error;
  // The schema parser reads every included file with a parser of its own, whose complaints go
  // to the thread's structured handler: catch them there too, then put back what was set.
  SchemaPtr schema;
  {
    ScopedLibxml2ErrorHandler included_file_errors(&first_error, KeepFirstSchemaError);
    std::unique_ptr<xmlSchemaParserCtxt, ParserCtxtFree> ctxt(xmlSchemaNewParserCtxt(path.c_str()));
    if (ctxt != nullptr) {
      xmlSchemaSetParserStructuredErrors(ctxt.get(), KeepFirstSchemaError, &first_error);
      schema.reset(xmlSchemaParse(ctxt.get()));
    }
  }
  if (schema == nullptr) {
    return core::Fail(core::ErrorCode::kMalformedInput,
                      "XSD schema " + path.string() + " does not compile: " +
                          (first_error.empty() ? "unknown error" : first_error));
  }
  return schema;
}

void CollectValidationError(void* user_data, xmlErrorPtr error) {
  if (error == nullptr || error->level < XML_ERR_ERROR) return;
  static_cast<CappedFindings*>(user_data)->Add(XsdFinding(*error));
}

}  // namespace

struct XsdValidator::Impl {
  // Compiled once, then only read: libxml2 validation contexts share them across threads.
  SchemaPtr ubl_invoice;
  SchemaPtr ubl_credit_note;
  SchemaPtr cii;

  xmlSchemaPtr SchemaFor(Syntax syntax, const xmlNode* root) const {
    if (syntax == Syntax::kCii) return cii.get();
    // Both UBL documents are Syntax::kUbl: the root element says which schema applies.
    bool credit_note = root != nullptr && xmlStrEqual(root->name, BAD_CAST "CreditNote");
    return credit_note ? ubl_credit_note.get() : ubl_invoice.get();
  }
};

core::Result<XsdValidator> XsdValidator::Load(const std::string& schema_dir) {
  InitLibxml2();
  const std::filesystem::path dir(schema_dir);
  auto impl = std::make_unique<Impl>();
  for (auto [file, slot] : {std::pair{kUblInvoiceSchema, &impl->ubl_invoice},
                            std::pair{kUblCreditNoteSchema, &impl->ubl_credit_note},
                            std::pair{kCiiSchema, &impl->cii}}) {
    auto schema = CompileSchema(dir / file);
    if (!schema) return core::Fail(std::move(schema.error()));
    *slot = std::move(*schema);
  }
  return XsdValidator(std::move(impl));
}

XsdValidator::XsdValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XsdValidator::XsdValidator(XsdValidator&&) noexcept = default;
XsdValidator& XsdValidator::operator=(XsdValidator&&) noexcept = default;
XsdValidator::~XsdValidator() = default;

invoice::Findings XsdValidator::Validate(std::string_view xml, Syntax syntax) const {
  invoice::Findings problems;
  Libxml2Document doc = Libxml2Document::Parse(xml, XmlLimits{}, problems);
  if (doc.get() == nullptr) return problems;

  CappedFindings findings(kMaxFindingsPerDocument);
  std::unique_ptr<xmlSchemaValidCtxt, ValidCtxtFree> ctxt(
      xmlSchemaNewValidCtxt(impl_->SchemaFor(syntax, doc.root())));
  if (ctxt == nullptr) {
    return {XsdFatal("XSD-INTERNAL", "out of memory starting the schema validation")};
  }
  xmlSchemaSetValidStructuredErrors(ctxt.get(), CollectValidationError, &findings);
  ScopedLibxml2ErrorHandler contextless_errors(&findings, CollectValidationError);
  int result = xmlSchemaValidateDoc(ctxt.get(), doc.get());
  if (result != 0 && findings.empty()) {
    // libxml2 said no without saying why (result < 0 is its own failure).
    findings.Add(XsdFatal(result < 0 ? "XSD-INTERNAL" : "XSD-" + std::to_string(result),
                          "the schema validation failed without a message (libxml2 code " +
                              std::to_string(result) + ")"));
  }
  return std::move(findings).Take();
}

}  // namespace choral::formats
