// Libxml2Document: hostile XML bytes parsed by libxml2 into a tree for XSD validation, with every
// door closed that libxml2 would otherwise open: no network, no DTD (a DOCTYPE stops the parse
// before its internal subset is read, so no entity is ever declared, let alone expanded), no
// entity substitution, libxml2's default (not "huge") size limits, and XmlLimits' size and depth.
// Internal to formats: XsdValidator uses it.
#pragma once

#include <string_view>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "formats/structured_document.h"
#include "invoice/validation_finding.h"

namespace choral::formats {

// Calls xmlInitParser once, from whichever thread comes first, and turns off libxml2's network
// access for the whole process (Choral never wants libxml2 to fetch anything). Thread-safe.
void InitLibxml2();

// For its lifetime, libxml2's complaints that belong to no context (encoding conversion, I/O,
// the files a schema includes) go to `handler` instead of stderr, on this thread only (libxml2
// keeps that handler per thread); the previous handler is put back after.
class ScopedLibxml2ErrorHandler {
 public:
  ScopedLibxml2ErrorHandler(void* context, xmlStructuredErrorFunc handler);
  ~ScopedLibxml2ErrorHandler();
  ScopedLibxml2ErrorHandler(const ScopedLibxml2ErrorHandler&) = delete;
  ScopedLibxml2ErrorHandler& operator=(const ScopedLibxml2ErrorHandler&) = delete;

 private:
  xmlStructuredErrorFunc saved_handler_;
  void* saved_context_;
};

class Libxml2Document {
 public:
  // The tree, or an empty document and fatal findings: XSD-TOO-LARGE, XSD-DOCTYPE-REFUSED,
  // XSD-TOO-DEEP, or XML-NOT-WELL-FORMED naming libxml2's complaint and its line.
  static Libxml2Document Parse(std::string_view xml, const XmlLimits& limits,
                               invoice::Findings& problems);

  Libxml2Document(Libxml2Document&& other) noexcept : doc_(other.doc_) { other.doc_ = nullptr; }
  Libxml2Document& operator=(Libxml2Document&& other) noexcept;
  Libxml2Document(const Libxml2Document&) = delete;
  Libxml2Document& operator=(const Libxml2Document&) = delete;
  ~Libxml2Document();

  xmlDocPtr get() const { return doc_; }  // null when the parse failed
  xmlNodePtr root() const { return doc_ ? xmlDocGetRootElement(doc_) : nullptr; }

 private:
  explicit Libxml2Document(xmlDocPtr doc) : doc_(doc) {}
  xmlDocPtr doc_ = nullptr;
};

}  // namespace choral::formats
