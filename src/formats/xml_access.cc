#include "formats/xml_access.h"

#include "core/date.h"
#include "core/xml_text.h"

namespace choral::formats::xml {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Digits(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

// xs:date's lexical form, YYYY-MM-DD with an optional time zone (Z, +hh:mm, -hh:mm).
std::optional<core::Date> ParseXsDate(std::string_view text) {
  if (text.size() < 10 || !IsDigit(text[0]) || !IsDigit(text[1]) || !IsDigit(text[2]) ||
      !IsDigit(text[3]) || text[4] != '-' || !IsDigit(text[5]) || !IsDigit(text[6]) ||
      text[7] != '-' || !IsDigit(text[8]) || !IsDigit(text[9])) {
    return std::nullopt;
  }
  std::string_view zone = text.substr(10);
  bool zone_ok = zone.empty() || zone == "Z" ||
                 (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && IsDigit(zone[1]) &&
                  IsDigit(zone[2]) && zone[3] == ':' && IsDigit(zone[4]) && IsDigit(zone[5]));
  if (!zone_ok) return std::nullopt;
  auto date = core::Date::FromYmd(Digits(text.substr(0, 4)), Digits(text.substr(5, 2)),
                                  Digits(text.substr(8, 2)));
  if (!date) return std::nullopt;
  return *date;
}

// UN/CEFACT format 102: CCYYMMDD.
std::optional<core::Date> ParseCcyymmdd(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
  }
  auto date = core::Date::FromYmd(Digits(text.substr(0, 4)), Digits(text.substr(4, 2)),
                                  Digits(text.substr(6, 2)));
  if (!date) return std::nullopt;
  return *date;
}

void AppendText(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    switch (child.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        out += child.value();
        break;
      case pugi::node_element:
        AppendText(child, out);
        break;
      default:
        break;
    }
  }
}

}  // namespace

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local_name) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && LocalName(child) == local_name) return child;
  }
  return {};
}

pugi::xml_node Path(const pugi::xml_node& node, std::string_view path) {
  pugi::xml_node current = node;
  while (current && !path.empty()) {
    size_t slash = path.find('/');
    current = Child(current, path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return current;
}

std::string StringValue(const pugi::xml_node& node) {
  // The usual case, one text child, without building the string twice.
  pugi::xml_node first = node.first_child();
  if (first && !first.next_sibling() &&
      (first.type() == pugi::node_pcdata || first.type() == pugi::node_cdata)) {
    return first.value();
  }
  std::string out;
  AppendText(node, out);
  return out;
}

std::string Trimmed(std::string_view text) { return std::string(core::TrimXmlSpace(text)); }

std::string_view NamespaceOf(const pugi::xml_node& element) {
  std::string_view name = element.name();
  size_t colon = name.find(':');
  std::string attribute = colon == std::string_view::npos
                              ? std::string("xmlns")
                              : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node node = element; node && node.type() == pugi::node_element;
       node = node.parent()) {
    if (pugi::xml_attribute declared = node.attribute(attribute.c_str())) return declared.value();
  }
  return {};
}

invoice::SourceOffset OffsetOf(const pugi::xml_node& node) {
  ptrdiff_t offset = node.offset_debug();
  return offset < 0 ? invoice::kNoSource : static_cast<invoice::SourceOffset>(offset);
}

std::optional<std::string> Text(const pugi::xml_node& node) {
  if (!node) return std::nullopt;
  return StringValue(node);
}

std::optional<std::string> Attribute(const pugi::xml_node& node, const char* name) {
  pugi::xml_attribute attribute = node.attribute(name);
  if (!attribute) return std::nullopt;
  return std::string(attribute.value());
}

std::optional<invoice::DecimalText> Decimal(const pugi::xml_node& node) {
  if (!node) return std::nullopt;
  invoice::DecimalText decimal;
  decimal.text = StringValue(node);
  decimal.value = invoice::ParseXsDecimal(decimal.text);
  decimal.currency = Attribute(node, "currencyID");
  decimal.source = OffsetOf(node);
  return decimal;
}

std::optional<invoice::DateText> Date(const pugi::xml_node& node, bool ccyymmdd) {
  if (!node) return std::nullopt;
  invoice::DateText date;
  date.text = StringValue(node);
  std::string trimmed = Trimmed(date.text);
  date.value = ccyymmdd ? ParseCcyymmdd(trimmed) : ParseXsDate(trimmed);
  if (ccyymmdd) date.format = Attribute(node, "format");
  date.source = OffsetOf(node);
  return date;
}

std::optional<invoice::Identifier> Identifier(const pugi::xml_node& node,
                                              const char* scheme_attribute,
                                              const char* version_attribute) {
  if (!node) return std::nullopt;
  invoice::Identifier id;
  id.value = StringValue(node);
  id.scheme = Attribute(node, scheme_attribute);
  if (version_attribute != nullptr) id.scheme_version = Attribute(node, version_attribute);
  id.source = OffsetOf(node);
  return id;
}

}  // namespace choral::formats::xml
