#include "formats/structured_document.h"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "formats/corpus_for_test.h"
#include "formats/ubl_reader.h"

namespace choral::formats {
namespace {

using testing::En16931Dir;
using testing::ReadFile;

constexpr const char* kUblOpen =
    R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" )"
    R"(xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" )"
    R"(xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)";

std::string Ubl(const std::string& body) { return std::string(kUblOpen) + body + "</Invoice>"; }

core::Error ParseError(const std::string& xml, const XmlLimits& limits = {}) {
  auto document = StructuredDocument::Parse(xml, limits);
  EXPECT_FALSE(document);
  return document ? core::Error{} : document.error();
}

TEST(StructuredDocumentTest, SniffsTheSyntaxFromTheRootAndItsNamespace) {
  auto ubl = StructuredDocument::Parse(Ubl("<cbc:ID>F-1</cbc:ID>"));
  ASSERT_TRUE(ubl) << ubl.error().ToString();
  EXPECT_EQ(ubl->syntax(), Syntax::kUbl);
  EXPECT_EQ(ubl->invoice().number, "F-1");

  auto credit_note = StructuredDocument::Parse(
      R"(<cn:CreditNote xmlns:cn="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" )"
      R"(xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)"
      "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode></cn:CreditNote>");
  ASSERT_TRUE(credit_note) << credit_note.error().ToString();
  EXPECT_EQ(credit_note->syntax(), Syntax::kUbl);
  EXPECT_EQ(credit_note->invoice().type_code, "381");

  auto cii = StructuredDocument::Parse(ReadFile(En16931Dir() + "/cii/akretion/factur-x-basic.xml"));
  ASSERT_TRUE(cii) << cii.error().ToString();
  EXPECT_EQ(cii->syntax(), Syntax::kCii);
  EXPECT_EQ(SyntaxName(cii->syntax()), "cii");
  EXPECT_TRUE(cii->invoice().number);

  core::Error other = ParseError("<Order xmlns='urn:example'/>");
  EXPECT_EQ(other.code, core::ErrorCode::kUnsupported);
  EXPECT_NE(other.message.find("\"Order\""), std::string::npos) << other.message;
  // The right name in the wrong namespace is not UBL.
  EXPECT_EQ(ParseError("<Invoice xmlns='urn:example'/>").code, core::ErrorCode::kUnsupported);
}

TEST(StructuredDocumentTest, ParsesEveryXmlFileOfTheCorpus) {
  int parsed = 0;
  for (const char* syntax : {"ubl", "cii"}) {
    for (const char* kind : {"instance", "unit-fragment"}) {
      for (const std::string& file : testing::CorpusFiles(syntax, kind)) {
        auto document = StructuredDocument::Parse(ReadFile(En16931Dir() + "/" + file));
        ASSERT_TRUE(document) << file << ": " << document.error().ToString();
        EXPECT_EQ(SyntaxName(document->syntax()), syntax) << file;
        ++parsed;
      }
    }
  }
  EXPECT_GE(parsed, 1270);
}

TEST(StructuredDocumentTest, TheModelIsTheReadersModel) {
  std::string xml = ReadFile(En16931Dir() + "/ubl/cen-testfiles/Invoice-Max_content.xml");
  auto document = StructuredDocument::Parse(xml);
  ASSERT_TRUE(document) << document.error().ToString();
  pugi::xml_document direct;
  direct.load_buffer(xml.data(), xml.size());
  // Same sources too: offsets are into the bytes as given.
  EXPECT_EQ(document->invoice(), ReadUbl(direct.document_element()));
}

std::string XxeDocument() {
  return "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "
         "\"file:///etc/passwd\">]>\n" +
         Ubl("<cbc:ID>&xxe;</cbc:ID>");
}

std::string BillionLaughs() {
  std::string dtd = "<!DOCTYPE Invoice [<!ENTITY lol0 \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    std::string previous = "&lol" + std::to_string(i - 1) + ";";
    dtd += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) dtd += previous;
    dtd += "\">";
  }
  return dtd + "]>" + Ubl("<cbc:ID>&lol9;</cbc:ID>");
}

TEST(StructuredDocumentTest, RefusesAnyDoctype) {
  for (const std::string& xml :
       {XxeDocument(), BillionLaughs(), "<!-- a comment first -->\n<!DOCTYPE Invoice>" + Ubl(""),
        "<?xml version='1.0'?><?pi x?><!DOCTYPE Invoice SYSTEM 'http://example.com/x.dtd'>" +
            Ubl("")}) {
    core::Error error = ParseError(xml);
    EXPECT_EQ(error.code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.message, "a DOCTYPE is not allowed (XML external entities)");
  }
  // In UTF-16 the byte scan does not see it; the parsed tree does.
  std::string utf8 = "<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + Ubl("");
  std::string utf16 = "\xFF\xFE";
  for (char c : utf8) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  EXPECT_EQ(ParseError(utf16).message, "a DOCTYPE is not allowed (XML external entities)");
  // A DOCTYPE inside a comment is no DOCTYPE.
  EXPECT_TRUE(StructuredDocument::Parse("<!-- <!DOCTYPE x> -->" + Ubl("")));
}

TEST(StructuredDocumentTest, RefusesA100MegabyteInputFast) {
  std::string huge = Ubl("<cbc:Note>" + std::string(100 * 1024 * 1024, 'a') + "</cbc:Note>");
  auto start = std::chrono::steady_clock::now();
  core::Error error = ParseError(huge);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(error.code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(error.message.find("bytes allowed"), std::string::npos) << error.message;
  EXPECT_LT(elapsed, std::chrono::milliseconds(50));
}

TEST(StructuredDocumentTest, RefusesTooDeepNesting) {
  auto nested = [](int depth) {
    std::string body;
    for (int i = 1; i < depth; ++i) body += "<cac:X>";
    for (int i = 1; i < depth; ++i) body += "</cac:X>";
    return Ubl(body);
  };
  EXPECT_TRUE(StructuredDocument::Parse(nested(64)));
  core::Error error = ParseError(nested(65));
  EXPECT_EQ(error.code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(error.message.find("64 deep"), std::string::npos) << error.message;
  // A hostile depth is refused, not a stack overflow.
  EXPECT_EQ(ParseError(nested(200000)).code, core::ErrorCode::kInvalidArgument);
  XmlLimits shallow;
  shallow.max_depth = 3;
  EXPECT_EQ(ParseError(Ubl("<cac:A><cac:B><cac:C/></cac:B></cac:A>"), shallow).code,
            core::ErrorCode::kInvalidArgument);
}

TEST(StructuredDocumentTest, MalformedXmlGivesLineAndColumn) {
  core::Error error = ParseError(std::string(kUblOpen) + "\n<cbc:ID>1</cbc:Note>\n</Invoice>");
  EXPECT_EQ(error.code, core::ErrorCode::kMalformedInput);
  EXPECT_EQ(error.message.rfind("line 2, column ", 0), 0u) << error.message;
  EXPECT_EQ(ParseError("").code, core::ErrorCode::kMalformedInput);
  EXPECT_EQ(ParseError("%PDF-1.7").code, core::ErrorCode::kMalformedInput);
}

TEST(StructuredDocumentTest, DetectsTheProfileFromBt24) {
  const std::pair<const char*, const char*> kCases[] = {
      {"cii/akretion/factur-x-minimum.xml", "MINIMUM"},
      {"cii/akretion/factur-x-basicwl.xml", "BASIC WL"},
      {"cii/akretion/factur-x-basic.xml", "BASIC"},
      {"cii/akretion/factur-x-en16931.xml", "EN16931"},
      {"cii/akretion/factur-x-extended.xml", "EXTENDED"},
      {"cii/zugferd-corpus/XRECHNUNG_Einfach.cii.xml", "XRECHNUNG"},
      {"ubl/zugferd-corpus/XRECHNUNG_Einfach.ubl.xml", "XRECHNUNG"},
      {"ubl/cen-testfiles/Invoice-Max_content.xml", "PEPPOL"},
      {"ubl/akretion/ubl-21-extended-ctc-fr.xml", "EXTENDED"},
      {"ubl/zugferd-corpus/EN16931_Einfach.ubl.xml", "PEPPOL"},
      {"ubl/cen-examples/guide-example1.xml", "EN16931"},
  };
  for (const auto& [file, profile] : kCases) {
    SCOPED_TRACE(file);
    auto document = StructuredDocument::Parse(ReadFile(En16931Dir() + "/" + file));
    ASSERT_TRUE(document) << document.error().ToString();
    EXPECT_EQ(document->profile(), profile);
  }
  auto unknown = StructuredDocument::Parse(Ubl("<cbc:CustomizationID>urn:x</cbc:CustomizationID>"));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->profile(), "");
}

TEST(StructuredDocumentTest, LocateGivesTheXPathAndLine) {
  std::string xml =
      Ubl("\n<cac:InvoiceLine><cbc:ID>1</cbc:ID>"
          "<cbc:LineExtensionAmount currencyID='EUR'>10</cbc:LineExtensionAmount></cac:InvoiceLine>"
          "\n<cac:InvoiceLine><cbc:ID>2</cbc:ID>"
          "\n<cbc:LineExtensionAmount currencyID='EUR'>20</cbc:LineExtensionAmount>"
          "</cac:InvoiceLine>\n<cac:LegalMonetaryTotal/>");
  auto document = StructuredDocument::Parse(xml);
  ASSERT_TRUE(document) << document.error().ToString();
  const invoice::SemanticInvoice& inv = document->invoice();
  ASSERT_EQ(inv.lines.size(), 2u);

  invoice::Findings findings(5);
  findings[0].source = inv.lines[1].net_amount->source;
  findings[1].source = inv.lines[0].source;
  findings[2].source = inv.totals->source;
  findings[3].source = inv.source;
  findings[4].source = invoice::kNoSource;  // built in memory: left alone
  document->Locate(findings);
  EXPECT_EQ(findings[0].xpath, "/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount");
  EXPECT_EQ(findings[0].line, 4);
  EXPECT_EQ(findings[1].xpath, "/Invoice/cac:InvoiceLine[1]");
  EXPECT_EQ(findings[1].line, 2);
  EXPECT_EQ(findings[2].xpath, "/Invoice/cac:LegalMonetaryTotal");
  EXPECT_EQ(findings[2].line, 5);
  EXPECT_EQ(findings[3].xpath, "/Invoice");
  EXPECT_EQ(findings[3].line, 1);
  EXPECT_EQ(findings[4].xpath, "");
  EXPECT_EQ(findings[4].line, 0);
}

TEST(StructuredDocumentTest, SyntaxRuleFindingsAreLocated) {
  auto document = StructuredDocument::Parse(
      ReadFile(En16931Dir() + "/ubl/akretion/ubl-21-extended-ctc-fr.xml"));
  ASSERT_TRUE(document) << document.error().ToString();
  invoice::Findings findings = document->CheckSyntaxRules();
  ASSERT_FALSE(findings.empty());
  bool has_cr_026 = false;
  for (const invoice::ValidationFinding& finding : findings) {
    has_cr_026 = has_cr_026 || finding.rule == "UBL-CR-026";
    EXPECT_EQ(finding.xpath.rfind("/Invoice", 0), 0u) << finding.rule << " " << finding.xpath;
    EXPECT_GT(finding.line, 0) << finding.rule;
  }
  EXPECT_TRUE(has_cr_026);
}

}  // namespace
}  // namespace choral::formats
