// Small read helpers over pugixml for the structured-invoice readers: children by local name
// (producers choose their own prefixes), the XPath string value of an element, and the model's
// text, decimal, date and identifier values with their source offsets. Internal to formats.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "invoice/semantic_invoice.h"

namespace choral::formats::xml {

// The name without its prefix: "cbc:ID" -> "ID".
std::string_view LocalName(const pugi::xml_node& node);

// The namespace URI bound to an element's prefix (or the default namespace), looked up through
// the element and its ancestors (the nearest declaration wins, as in XML Namespaces).
std::string_view NamespaceOf(const pugi::xml_node& element);

// The first child element with that local name; an empty node when there is none.
pugi::xml_node Child(const pugi::xml_node& node, std::string_view local_name);
// Follows "A/B/C" through first children with those local names.
pugi::xml_node Path(const pugi::xml_node& node, std::string_view path);

// Calls `visit(child)` for every child element with that local name, in document order.
template <typename Visit>
void ForEachChild(const pugi::xml_node& node, std::string_view local_name, Visit&& visit) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && LocalName(child) == local_name) visit(child);
  }
}

// XPath's string(): the text of every descendant, in order, as written (not trimmed).
std::string StringValue(const pugi::xml_node& node);
// The same without surrounding XML whitespace (what normalize-space leaves of a code's edges).
std::string Trimmed(std::string_view text);

invoice::SourceOffset OffsetOf(const pugi::xml_node& node);

// Absent when the element (or attribute) is absent; the text as written otherwise, "" included.
std::optional<std::string> Text(const pugi::xml_node& node);
std::optional<std::string> Attribute(const pugi::xml_node& node, const char* name);

// An xs:decimal element: its text, exact value, @currencyID and offset.
std::optional<invoice::DecimalText> Decimal(const pugi::xml_node& node);
// A date element; `ccyymmdd` for CII's format 102, ISO YYYY-MM-DD (xs:date) otherwise.
std::optional<invoice::DateText> Date(const pugi::xml_node& node, bool ccyymmdd);
// An identifier with its scheme attribute (`scheme_attribute`, e.g. "schemeID" or "listID") and,
// when named, its version attribute.
std::optional<invoice::Identifier> Identifier(const pugi::xml_node& node,
                                              const char* scheme_attribute = "schemeID",
                                              const char* version_attribute = nullptr);

}  // namespace choral::formats::xml
