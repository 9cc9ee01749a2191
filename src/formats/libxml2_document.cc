#include "formats/libxml2_document.h"

#include <climits>
#include <mutex>
#include <string>

#include <libxml/SAX2.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlIO.h>

#include "formats/xsd_error.h"

namespace choral::formats {
namespace {

// libxml2's own limits stay on (no XML_PARSE_HUGE: names, attribute values, 256 levels); no
// XML_PARSE_NOENT (entities are never substituted), no XML_PARSE_DTDLOAD / DTDATTR / DTDVALID (no
// DTD is read), XML_PARSE_NONET (nothing fetched). BIG_LINES keeps line numbers past 65535 right.
constexpr int kParseOptions =
    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;

// What the SAX hooks learn during one parse; reached through the parser context's _private.
struct ParseState {
  const XmlLimits* limits = nullptr;
  invoice::Findings* problems = nullptr;
  bool stopped = false;  // we stopped the parser: libxml2's later complaints are noise
  bool first_error_seen = false;
};

ParseState& StateOf(void* ctx) {
  return *static_cast<ParseState*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
}

void Stop(xmlParserCtxtPtr ctxt, ParseState& state, invoice::ValidationFinding finding) {
  finding.line = xmlSAX2GetLineNumber(ctxt);
  state.problems->push_back(std::move(finding));
  state.stopped = true;
  xmlStopParser(ctxt);
}

// Called on "<!DOCTYPE name ...", before the internal subset "[...]" is parsed: stopping here
// means no entity (XXE, billion laughs) is even declared.
void RefuseDoctype(void* ctx, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
                   const xmlChar* /*system_id*/) {
  Stop(static_cast<xmlParserCtxtPtr>(ctx), StateOf(ctx),
       XsdFatal("XSD-DOCTYPE-REFUSED",
                "the document has a DOCTYPE declaration; invoices must not (a DTD could declare "
                "entities that read files or expand without end), remove it"));
}

void StartElementWithinDepth(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                             const xmlChar* uri, int nb_namespaces, const xmlChar** namespaces,
                             int nb_attributes, int nb_defaulted, const xmlChar** attributes) {
  auto ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  ParseState& state = StateOf(ctx);
  // nameNr counts the open ancestors of this element.
  if (ctxt->nameNr + 1 > state.limits->max_depth) {
    Stop(ctxt, state,
         XsdFatal("XSD-TOO-DEEP", "elements nest more than " +
                                      std::to_string(state.limits->max_depth) +
                                      " levels deep; an invoice nests about 8"));
    return;
  }
  xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                        nb_defaulted, attributes);
}

// Well-formedness, namespace and encoding errors. The first one is what a person fixes first;
// later ones are often its echoes, so only the first is reported.
void RecordParseError(ParseState& state, xmlErrorPtr error) {
  if (state.stopped || error == nullptr || error->level < XML_ERR_ERROR) return;
  if (state.first_error_seen) return;
  state.first_error_seen = true;
  invoice::ValidationFinding finding = XsdFinding(*error);
  finding.rule = "XML-NOT-WELL-FORMED";
  state.problems->push_back(std::move(finding));
}

void OnParseError(void* ctx, xmlErrorPtr error) { RecordParseError(StateOf(ctx), error); }

// Encoding conversion errors are raised with no parser context.
void OnContextlessError(void* state, xmlErrorPtr error) {
  RecordParseError(*static_cast<ParseState*>(state), error);
}

}  // namespace

ScopedLibxml2ErrorHandler::ScopedLibxml2ErrorHandler(void* context, xmlStructuredErrorFunc handler)
    : saved_handler_(xmlStructuredError), saved_context_(xmlStructuredErrorContext) {
  xmlSetStructuredErrorFunc(context, handler);
}

ScopedLibxml2ErrorHandler::~ScopedLibxml2ErrorHandler() {
  xmlSetStructuredErrorFunc(saved_context_, saved_handler_);
}

void InitLibxml2() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    // Belt and braces over XML_PARSE_NONET: schema includes and anything else libxml2 resolves
    // never go to the network (the schemas are local files).
    xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
  });
}

Libxml2Document Libxml2Document::Parse(std::string_view xml, const XmlLimits& limits,
                                       invoice::Findings& problems) {
  InitLibxml2();
  if (xml.size() > limits.max_bytes || xml.size() > static_cast<size_t>(INT_MAX)) {
    problems.push_back(XsdFatal(
        "XSD-TOO-LARGE", "the document is " + std::to_string(xml.size()) + " bytes; at most " +
                             std::to_string(limits.max_bytes) + " bytes are accepted"));
    return Libxml2Document(nullptr);
  }
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(xml.data(), static_cast<int>(xml.size()));
  if (ctxt == nullptr) {
    problems.push_back(
        XsdFatal("XML-NOT-WELL-FORMED", "the document cannot be read (empty, or out of memory)"));
    return Libxml2Document(nullptr);
  }
  ParseState state{.limits = &limits, .problems = &problems};
  ScopedLibxml2ErrorHandler contextless_errors(&state, OnContextlessError);
  ctxt->_private = &state;
  xmlCtxtUseOptions(ctxt, kParseOptions);
  // Whatever libxml2's process-wide defaults say, this parse reads no DTD and substitutes
  // nothing.
  ctxt->replaceEntities = 0;
  ctxt->loadsubset = 0;
  ctxt->validate = 0;
  ctxt->sax->internalSubset = RefuseDoctype;
  ctxt->sax->externalSubset = nullptr;
  ctxt->sax->startElementNs = StartElementWithinDepth;
  ctxt->sax->serror = OnParseError;

  xmlParseDocument(ctxt);
  xmlDocPtr doc = ctxt->myDoc;
  ctxt->myDoc = nullptr;
  bool ok = !state.stopped && ctxt->wellFormed && ctxt->nsWellFormed && doc != nullptr &&
            doc->intSubset == nullptr && doc->extSubset == nullptr &&
            xmlDocGetRootElement(doc) != nullptr;
  if (!ok && problems.empty()) {
    problems.push_back(XsdFatal(
        "XML-NOT-WELL-FORMED",
        "the document is not well-formed XML (libxml2 error " + std::to_string(ctxt->errNo) + ")"));
  }
  xmlFreeParserCtxt(ctxt);
  if (!ok) {
    if (doc != nullptr) xmlFreeDoc(doc);
    return Libxml2Document(nullptr);
  }
  return Libxml2Document(doc);
}

Libxml2Document& Libxml2Document::operator=(Libxml2Document&& other) noexcept {
  if (this != &other) {
    if (doc_ != nullptr) xmlFreeDoc(doc_);
    doc_ = other.doc_;
    other.doc_ = nullptr;
  }
  return *this;
}

Libxml2Document::~Libxml2Document() {
  if (doc_ != nullptr) xmlFreeDoc(doc_);
}

}  // namespace choral::formats
