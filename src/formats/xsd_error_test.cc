#include "formats/xsd_error.h"

#include <string>

#include <gtest/gtest.h>
#include <libxml/parser.h>

namespace choral::formats {
namespace {

TEST(CleanXsdMessageTest, WritesNamespacesAsTheUsualPrefixes) {
  EXPECT_EQ(CleanXsdMessage("Element '{urn:oasis:names:specification:ubl:schema:xsd:"
                            "CommonBasicComponents-2}Colour': This element is not expected. "
                            "Expected is ( {urn:oasis:names:specification:ubl:schema:xsd:"
                            "CommonAggregateComponents-2}Party ).\n"),
            "Element 'cbc:Colour': This element is not expected. Expected is ( cac:Party ).");
  EXPECT_EQ(CleanXsdMessage("Element '{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}"
                            "Invoice': Missing child element(s)."),
            "Element 'Invoice': Missing child element(s).");
  EXPECT_EQ(CleanXsdMessage("Element '{urn:un:unece:uncefact:data:standard:"
                            "ReusableAggregateBusinessInformationEntity:100}ID'"),
            "Element 'ram:ID'");
  // Unknown namespaces stay as they are.
  EXPECT_EQ(CleanXsdMessage("Element '{urn:example}x'"), "Element '{urn:example}x'");
}

TEST(CleanXsdMessageTest, CutsLongExpectedLists) {
  EXPECT_EQ(CleanXsdMessage("Expected is one of ( a, b, c, d, e, f, g, h, i, j, k )."),
            "Expected is one of ( a, b, c, d, e, f, g, h, ... (3 more) ).");
  EXPECT_EQ(CleanXsdMessage("Expected is one of ( a, b )."), "Expected is one of ( a, b ).");
}

TEST(CleanXsdMessageTest, BoundsHostileValuesAndControlCharacters) {
  std::string huge(5'000'000, 'A');
  std::string message = CleanXsdMessage("Element 'cbc:Note': '" + huge +
                                        "' is not a valid value of the atomic type 'xs:date'.");
  EXPECT_LT(message.size(), 200u);
  EXPECT_NE(message.find("...' is not a valid value of the atomic type 'xs:date'."),
            std::string::npos)
      << message;
  EXPECT_EQ(CleanXsdMessage("a\x01 b\n\n  c\t"), "a? b c");
  EXPECT_LE(CleanXsdMessage(std::string(10'000, 'x')).size(), 600u);
}

TEST(XsdRuleIdTest, MapsLibxml2Codes) {
  EXPECT_EQ(XsdRuleId(XML_SCHEMAV_ELEMENT_CONTENT, "This element is not expected."),
            "XSD-ELEMENT-NOT-EXPECTED");
  EXPECT_EQ(XsdRuleId(XML_SCHEMAV_ELEMENT_CONTENT, "Missing child element(s)."),
            "XSD-MISSING-ELEMENT");
  EXPECT_EQ(XsdRuleId(XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1, ""), "XSD-DATATYPE-INVALID");
  EXPECT_EQ(XsdRuleId(XML_SCHEMAV_CVC_COMPLEX_TYPE_4, ""), "XSD-MISSING-ATTRIBUTE");
  EXPECT_EQ(XsdRuleId(XML_SCHEMAV_CVC_ENUMERATION_VALID, ""), "XSD-VALUE-NOT-IN-LIST");
  EXPECT_EQ(XsdRuleId(XML_SCHEMAV_CVC_ELT_1, ""), "XSD-ROOT-NOT-DECLARED");
  EXPECT_EQ(XsdRuleId(XML_SCHEMAV_MISC, ""), "XSD-1879");
}

TEST(NodeXPathTest, UsesTheUsualPrefixesAndPositions) {
  const std::string xml =
      "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'"
      " xmlns:a='urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2'"
      " xmlns:b='urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2'"
      " xmlns:o='urn:other'>"
      "<a:InvoiceLine/><o:InvoiceLine/><a:InvoiceLine><b:ID b:x='1'/></a:InvoiceLine>"
      "<b:Note/></Invoice>";
  xmlDocPtr doc =
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, XML_PARSE_NONET);
  ASSERT_NE(doc, nullptr);
  xmlNodePtr root = xmlDocGetRootElement(doc);
  xmlNodePtr other = root->children->next;
  xmlNodePtr second_line = other->next;
  xmlNodePtr id = second_line->children;
  EXPECT_EQ(NodeXPath(root), "/Invoice");
  EXPECT_EQ(NodeXPath(other), "/Invoice/o:InvoiceLine");  // not a UBL namespace: its own prefix
  EXPECT_EQ(NodeXPath(second_line), "/Invoice/cac:InvoiceLine[2]");
  EXPECT_EQ(NodeXPath(id), "/Invoice/cac:InvoiceLine[2]/cbc:ID");
  EXPECT_EQ(NodeXPath(reinterpret_cast<xmlNodePtr>(id->properties)),
            "/Invoice/cac:InvoiceLine[2]/cbc:ID/@cbc:x");
  EXPECT_EQ(NodeXPath(second_line->next), "/Invoice/cbc:Note");
  EXPECT_EQ(NodeXPath(nullptr), "");
  xmlFreeDoc(doc);
}

TEST(CappedFindingsTest, KeepsTheCapAndCountsTheRest) {
  CappedFindings findings(2);
  EXPECT_TRUE(findings.Add(XsdFatal("XSD-A", "")));
  EXPECT_TRUE(findings.Add(XsdFatal("XSD-B", "")));
  EXPECT_FALSE(findings.Add(XsdFatal("XSD-C", "")));
  EXPECT_FALSE(findings.Add(XsdFatal("XSD-D", "")));
  invoice::Findings out = std::move(findings).Take();
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[2].rule, "XSD-TOO-MANY-ERRORS");
  EXPECT_EQ(out[2].message, "2 more schema errors after these 2 are not listed");
}

}  // namespace
}  // namespace choral::formats
