#include "platform/invoice_validation.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace choral::platform {
namespace {

pdf::ReaderPoolOptions OneReader() {
  pdf::ReaderPoolOptions options;
  options.size = 1;
  return options;
}

std::string ReadCorpus(const std::string& relative) {
  std::ifstream in(std::filesystem::path(CHORAL_CORPUS_DIR) / relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing corpus file " << relative;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

bool HasRule(const ValidationReport& report, std::string_view rule) {
  for (const auto& finding : report.findings) {
    if (finding.rule == rule) return true;
  }
  return false;
}

TEST(InvoiceValidatorTest, ReadsTheFacturXOfAPdfWithItsProfile) {
  pdf::ReaderPool readers(OneReader());
  InvoiceValidator validator(nullptr, &readers);
  auto report = validator.Validate(ReadCorpus("pdf/fnfe-2017/Facture_FR_EXTENDED.pdf"));
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_EQ(report->syntax, "facturx");
  EXPECT_EQ(report->profile, "EXTENDED");
  EXPECT_NE(report->xml.find("CrossIndustryInvoice"), std::string::npos);
}

TEST(InvoiceValidatorTest, SaysWhenTheSchemaWasNotChecked) {
  InvoiceValidator validator(nullptr, nullptr);
  auto report = validator.Validate(ReadCorpus("en16931/cii/akretion/factur-x-en16931.xml"));
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_EQ(report->syntax, "cii");
  ASSERT_FALSE(report->findings.empty());
  EXPECT_EQ(report->findings.front().rule, "XSD-UNAVAILABLE");
  EXPECT_EQ(report->findings.front().flag, invoice::FindingFlag::kWarning);
  EXPECT_TRUE(HasRule(*report, "XSD-UNAVAILABLE"));
  // A warning alone does not make the invoice invalid.
  EXPECT_TRUE(report->valid);
  EXPECT_TRUE(report->invoice.has_value());
}

TEST(InvoiceValidatorTest, RefusesAPdfWithoutInvoiceXml) {
  pdf::ReaderPool readers(OneReader());
  InvoiceValidator validator(nullptr, &readers);
  auto report = validator.Validate(ReadCorpus("pdf/synthetic/syn-01-simple.pdf"));
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, core::ErrorCode::kUnsupported);
  EXPECT_NE(report.error().message.find("factur-x.xml"), std::string::npos);
}

TEST(InvoiceValidatorTest, RefusesAPdfWhenNoReaderIsGiven) {
  InvoiceValidator validator(nullptr, nullptr);
  auto report = validator.Validate(ReadCorpus("pdf/fnfe-2017/Facture_FR_EXTENDED.pdf"));
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, core::ErrorCode::kUnsupported);
}

TEST(InvoiceValidatorTest, RefusesEmptyAndNonXmlFiles) {
  InvoiceValidator validator(nullptr, nullptr);
  EXPECT_EQ(validator.Validate("").error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_FALSE(validator.Validate("hello, this is not XML"));
  EXPECT_FALSE(validator.Validate("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a/>"));
}

}  // namespace
}  // namespace choral::platform
