#include "formats/xsd_validator.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace choral::formats {
namespace {

namespace fs = std::filesystem;

const fs::path kCenUbl = fs::path(CHORAL_CORPUS_DIR) / "en16931/ubl/cen-examples";
const fs::path kCenCii = fs::path(CHORAL_CORPUS_DIR) / "en16931/cii/cen-examples";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// `xml` with the first `from` replaced by `to`; fails the test when `from` is absent.
std::string Replace(std::string xml, const std::string& from, const std::string& to) {
  size_t at = xml.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) xml.replace(at, from.size(), to);
  return xml;
}

std::string Describe(const invoice::Findings& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += f.rule + " line " + std::to_string(f.line) + " " + f.xpath + ": " + f.message + "\n";
  }
  return out;
}

std::vector<fs::path> XmlFilesIn(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string ext = entry.path().extension().string();
    if (ext == ".xml" || ext == ".XML") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class XsdValidatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto start = std::chrono::steady_clock::now();
    auto loaded = XsdValidator::Load(CHORAL_XSD_DIR);
    auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
    ASSERT_TRUE(loaded) << loaded.error().ToString();
    std::printf("XsdValidator::Load (UBL Invoice, UBL CreditNote, CII D22B): %.0f ms\n",
                elapsed.count());
    validator_ = new XsdValidator(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete validator_;
    validator_ = nullptr;
  }
  static const XsdValidator& validator() { return *validator_; }

  static std::string UblExample() { return ReadFile(kCenUbl / "ubl-tc434-example1.xml"); }

 private:
  static inline XsdValidator* validator_ = nullptr;
};

TEST_F(XsdValidatorTest, EveryCenExampleValidatesWithoutFinding) {
  size_t files = 0;
  for (auto [dir, syntax] : {std::pair{kCenUbl, Syntax::kUbl}, std::pair{kCenCii, Syntax::kCii}}) {
    for (const auto& path : XmlFilesIn(dir)) {
      invoice::Findings findings = validator().Validate(ReadFile(path), syntax);
      EXPECT_TRUE(findings.empty()) << path << "\n" << Describe(findings);
      ++files;
    }
  }
  EXPECT_GE(files, 30u);
}

TEST_F(XsdValidatorTest, UnknownElementIsNotExpected) {
  // Line 16 of the example holds cbc:ID.
  std::string xml = Replace(UblExample(), "<cbc:ID>12115118</cbc:ID>",
                            "<cbc:ID>12115118</cbc:ID><cbc:Colour>red</cbc:Colour>");
  invoice::Findings findings = validator().Validate(xml, Syntax::kUbl);
  ASSERT_EQ(findings.size(), 1u) << Describe(findings);
  EXPECT_EQ(findings[0].rule, "XSD-ELEMENT-NOT-EXPECTED");
  EXPECT_EQ(findings[0].flag, invoice::FindingFlag::kFatal);
  EXPECT_EQ(findings[0].line, 16);
  EXPECT_EQ(findings[0].xpath, "/Invoice/cbc:Colour");
  // Names the element and what may stand there, in the usual prefixes.
  EXPECT_NE(findings[0].message.find("'cbc:Colour'"), std::string::npos) << findings[0].message;
  EXPECT_NE(findings[0].message.find("cbc:IssueDate"), std::string::npos) << findings[0].message;
  EXPECT_EQ(findings[0].message.find("urn:oasis"), std::string::npos) << findings[0].message;
}

TEST_F(XsdValidatorTest, BadDateIsAnInvalidDatatype) {
  std::string xml = Replace(UblExample(), "<cbc:IssueDate>2015-01-09</cbc:IssueDate>",
                            "<cbc:IssueDate>2015-13-45</cbc:IssueDate>");
  invoice::Findings findings = validator().Validate(xml, Syntax::kUbl);
  ASSERT_EQ(findings.size(), 1u) << Describe(findings);
  EXPECT_EQ(findings[0].rule, "XSD-DATATYPE-INVALID");
  EXPECT_EQ(findings[0].line, 17);
  EXPECT_EQ(findings[0].xpath, "/Invoice/cbc:IssueDate");
  EXPECT_NE(findings[0].message.find("'2015-13-45'"), std::string::npos) << findings[0].message;
  EXPECT_NE(findings[0].message.find("xs:date"), std::string::npos) << findings[0].message;
}

TEST_F(XsdValidatorTest, MissingRequiredElement) {
  // An invoice needs at least one cac:InvoiceLine, after everything else.
  std::string xml = UblExample();
  size_t first = xml.find("<cac:InvoiceLine>");
  size_t end = xml.rfind("</Invoice>");
  ASSERT_NE(first, std::string::npos);
  xml.erase(first, end - first);
  invoice::Findings findings = validator().Validate(xml, Syntax::kUbl);
  ASSERT_EQ(findings.size(), 1u) << Describe(findings);
  EXPECT_EQ(findings[0].rule, "XSD-MISSING-ELEMENT");
  // The Invoice element that lacks it; libxml2 dates an element from the end of its start tag,
  // which spans lines 7 to 14 here.
  EXPECT_EQ(findings[0].line, 14);
  EXPECT_EQ(findings[0].xpath, "/Invoice");
  EXPECT_NE(findings[0].message.find("cac:InvoiceLine"), std::string::npos) << findings[0].message;
}

TEST_F(XsdValidatorTest, RepeatedElementsAreLocatedWithTheirPosition) {
  std::string xml = UblExample();
  // The second invoice line's amount.
  size_t second = xml.find("<cac:InvoiceLine>", xml.find("<cac:InvoiceLine>") + 1);
  size_t amount = xml.find("<cbc:LineExtensionAmount currencyID=\"EUR\">", second);
  ASSERT_NE(amount, std::string::npos);
  size_t value = xml.find('>', amount) + 1;
  xml.insert(value, "x");
  invoice::Findings findings = validator().Validate(xml, Syntax::kUbl);
  ASSERT_EQ(findings.size(), 1u) << Describe(findings);
  EXPECT_EQ(findings[0].rule, "XSD-DATATYPE-INVALID");
  EXPECT_EQ(findings[0].xpath, "/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount");
}

TEST_F(XsdValidatorTest, MissingAttribute) {
  std::string xml =
      Replace(UblExample(), "<cbc:PayableAmount currencyID=\"EUR\">", "<cbc:PayableAmount>");
  invoice::Findings findings = validator().Validate(xml, Syntax::kUbl);
  ASSERT_EQ(findings.size(), 1u) << Describe(findings);
  EXPECT_EQ(findings[0].rule, "XSD-MISSING-ATTRIBUTE");
  EXPECT_EQ(findings[0].xpath, "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount");
  EXPECT_NE(findings[0].message.find("currencyID"), std::string::npos) << findings[0].message;
}

TEST_F(XsdValidatorTest, UnknownAttributeIsLocatedOnTheAttribute) {
  std::string xml =
      Replace(UblExample(), "<cbc:InvoiceTypeCode>", "<cbc:InvoiceTypeCode colour=\"red\">");
  invoice::Findings findings = validator().Validate(xml, Syntax::kUbl);
  ASSERT_EQ(findings.size(), 1u) << Describe(findings);
  EXPECT_EQ(findings[0].rule, "XSD-ATTRIBUTE-NOT-ALLOWED");
  EXPECT_EQ(findings[0].line, 19);
  EXPECT_EQ(findings[0].xpath, "/Invoice/cbc:InvoiceTypeCode/@colour");
  EXPECT_NE(findings[0].message.find("'colour'"), std::string::npos) << findings[0].message;
}

TEST_F(XsdValidatorTest, CiiErrorsUseTheCiiPrefixes) {
  std::string xml = ReadFile(kCenCii / "CII_example1.xml");
  size_t id = xml.find("<ram:ID>");
  ASSERT_NE(id, std::string::npos);
  xml.insert(id, "<ram:Colour>red</ram:Colour>");
  invoice::Findings findings = validator().Validate(xml, Syntax::kCii);
  ASSERT_EQ(findings.size(), 1u) << Describe(findings);
  EXPECT_EQ(findings[0].rule, "XSD-ELEMENT-NOT-EXPECTED");
  EXPECT_GT(findings[0].line, 1);
  EXPECT_EQ(findings[0].xpath.rfind("/rsm:CrossIndustryInvoice/", 0), 0u) << findings[0].xpath;
  EXPECT_NE(findings[0].message.find("'ram:Colour'"), std::string::npos) << findings[0].message;
}

TEST_F(XsdValidatorTest, CreditNoteRootPicksTheCreditNoteSchema) {
  std::string credit_note = ReadFile(kCenUbl / "ubl-tc434-creditnote1.xml");
  EXPECT_TRUE(validator().Validate(credit_note, Syntax::kUbl).empty());
  // A CII document declared UBL has no matching root declaration.
  invoice::Findings findings =
      validator().Validate(ReadFile(kCenCii / "CII_example1.xml"), Syntax::kUbl);
  ASSERT_EQ(findings.size(), 1u) << Describe(findings);
  EXPECT_EQ(findings[0].rule, "XSD-ROOT-NOT-DECLARED");
}

TEST_F(XsdValidatorTest, FindingsAreCappedPerDocument) {
  std::string xml = UblExample();
  size_t line_start = xml.find("<cac:InvoiceLine>");
  size_t line_end = xml.find("</cac:InvoiceLine>") + std::string("</cac:InvoiceLine>").size();
  std::string bad_line = xml.substr(line_start, line_end - line_start);
  bad_line = Replace(bad_line, "<cbc:LineExtensionAmount currencyID=\"EUR\">",
                     "<cbc:LineExtensionAmount currencyID=\"EUR\">x");
  std::string many;
  for (int i = 0; i < 300; ++i) many += bad_line;
  xml.insert(line_start, many);
  invoice::Findings findings = validator().Validate(xml, Syntax::kUbl);
  ASSERT_EQ(findings.size(), 101u);
  EXPECT_EQ(findings[99].rule, "XSD-DATATYPE-INVALID");
  EXPECT_EQ(findings[100].rule, "XSD-TOO-MANY-ERRORS");
  EXPECT_NE(findings[100].message.find("200 more"), std::string::npos) << findings[100].message;
}

TEST_F(XsdValidatorTest, ValidatesFromManyThreadsAtOnce) {
  std::vector<std::string> documents;
  std::vector<Syntax> syntaxes;
  for (auto [dir, syntax] : {std::pair{kCenUbl, Syntax::kUbl}, std::pair{kCenCii, Syntax::kCii}}) {
    for (const auto& path : XmlFilesIn(dir)) {
      if (fs::file_size(path) > 1'000'000) continue;  // keep the test quick
      documents.push_back(ReadFile(path));
      syntaxes.push_back(syntax);
    }
  }
  std::string bad = Replace(UblExample(), "<cbc:IssueDate>2015-01-09</cbc:IssueDate>",
                            "<cbc:IssueDate>2015-13-45</cbc:IssueDate>");
  invoice::Findings expected_bad = validator().Validate(bad, Syntax::kUbl);
  ASSERT_EQ(expected_bad.size(), 1u);

  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < documents.size(); ++i) {
          failures[t] += !validator().Validate(documents[i], syntaxes[i]).empty();
          failures[t] += validator().Validate(bad, Syntax::kUbl) != expected_bad;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

TEST_F(XsdValidatorTest, TimesEachCenExample) {
  // A measure, not a limit: prints the time per invoice so a slowdown shows in the log.
  for (auto [dir, syntax] : {std::pair{kCenUbl, Syntax::kUbl}, std::pair{kCenCii, Syntax::kCii}}) {
    double total_ms = 0;
    size_t count = 0;
    for (const auto& path : XmlFilesIn(dir)) {
      std::string xml = ReadFile(path);
      constexpr int kRounds = 5;
      auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < kRounds; ++i) validator().Validate(xml, syntax);
      double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count() /
          kRounds;
      std::printf("  %-60s %8zu bytes %8.3f ms\n", path.filename().c_str(), xml.size(), ms);
      total_ms += ms;
      ++count;
    }
    std::printf("%s: %zu files, %.3f ms per file on average\n", dir.c_str(), count,
                total_ms / count);
  }
}

TEST(XsdValidatorLoadTest, MissingFolderNamesTheFile) {
  auto loaded = XsdValidator::Load("/nonexistent/fr-rfe");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(loaded.error().message.find("/nonexistent/fr-rfe/UBL/1xsd_UBL2.1/maindoc/"
                                        "UBL-Invoice-2.1.xsd"),
            std::string::npos)
      << loaded.error().message;
}

TEST(XsdValidatorLoadTest, BrokenSchemaIsMalformedInput) {
  fs::path dir = fs::temp_directory_path() / ("xsd_test_" + std::to_string(::getpid()));
  fs::create_directories(dir / "UBL/1xsd_UBL2.1/maindoc");
  std::ofstream(dir / "UBL/1xsd_UBL2.1/maindoc/UBL-Invoice-2.1.xsd")
      << "<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><xsd:element/></xsd:schema>";
  auto loaded = XsdValidator::Load(dir.string());
  fs::remove_all(dir);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, core::ErrorCode::kMalformedInput);
  EXPECT_NE(loaded.error().message.find("UBL-Invoice-2.1.xsd"), std::string::npos)
      << loaded.error().message;
}

}  // namespace
}  // namespace choral::formats
