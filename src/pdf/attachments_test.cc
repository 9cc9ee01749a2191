#include "pdf/attachments.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "pdf/test_util.h"

namespace choral::pdf {
namespace {

using core::ErrorCode;
using testing::ReadCorpus;
using testing::ReadFile;

std::string ReadInvoiceCorpus(const std::string& relative) {
  return ReadFile(std::filesystem::path(CHORAL_CORPUS_DIR) / "en16931" / relative);
}

TEST(ExtractAttachmentsTest, ReadsTheEmbeddedXmlAndTheXmpButNoPage) {
  auto doc = ExtractAttachments(ReadCorpus("fnfe-2017/Facture_FR_EXTENDED.pdf"));
  ASSERT_TRUE(doc) << doc.error().ToString();
  EXPECT_EQ(doc->page_count, 1);
  EXPECT_TRUE(doc->pages.empty());
  EXPECT_FALSE(doc->is_scanned);
  ASSERT_EQ(doc->embedded_files.size(), 1u);
  EXPECT_EQ(doc->embedded_files[0].name, "factur-x.xml");
  EXPECT_EQ(doc->embedded_files[0].mime_type, "text/xml");
  EXPECT_NE(doc->embedded_files[0].bytes.find("CrossIndustryInvoice"), std::string::npos);
  // PDF/A-3 with the Factur-X extension schema: the profile is in the XMP.
  EXPECT_NE(doc->xmp_metadata.find("ConformanceLevel"), std::string::npos);
  EXPECT_NE(doc->xmp_metadata.find("EXTENDED"), std::string::npos);
}

// Some ZUGFeRD producers write the file name as UTF-16BE (poppler-cpp cut it down to its byte
// order mark): qpdf decodes it.
TEST(ExtractAttachmentsTest, DecodesFileNamesWrittenInUtf16) {
  auto doc = ExtractAttachments(
      ReadInvoiceCorpus("facturx/zugferd-corpus/XML-Rechnung/EN16931_Einfach.pdf"));
  ASSERT_TRUE(doc) << doc.error().ToString();
  ASSERT_EQ(doc->embedded_files.size(), 1u);
  EXPECT_EQ(doc->embedded_files[0].name, "factur-x.xml");
  EXPECT_NE(doc->embedded_files[0].bytes.find("CrossIndustryInvoice"), std::string::npos);
}

TEST(ExtractAttachmentsTest, CountsPagesAndFindsNoAttachmentInAPlainPdf) {
  auto doc = ExtractAttachments(ReadCorpus("synthetic/syn-04-groff-multipage.pdf"));
  ASSERT_TRUE(doc) << doc.error().ToString();
  EXPECT_EQ(doc->page_count, 2);
  EXPECT_TRUE(doc->embedded_files.empty());
}

TEST(ExtractAttachmentsTest, RefusesWhatExtractTextRefuses) {
  EXPECT_EQ(ExtractAttachments("not a pdf").error().code, ErrorCode::kMalformedInput);
  std::string pdf = ReadCorpus("synthetic/syn-04-groff-multipage.pdf");
  EXPECT_EQ(ExtractAttachments(pdf.substr(0, pdf.size() / 2)).error().code,
            ErrorCode::kMalformedInput);
  // Garbage between a valid header and end marker.
  EXPECT_EQ(ExtractAttachments("%PDF-1.7\n" + std::string(4096, 'x') + "\n%%EOF\n").error().code,
            ErrorCode::kMalformedInput);
  auto too_many = ExtractAttachments(pdf, /*max_pages=*/1);
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(too_many.error().message, "the PDF has 2 pages; the limit is 1");
}

TEST(ExtractAttachmentsTest, RefusesAPasswordProtectedPdf) {
  auto doc =
      ExtractAttachments(testing::EncryptForTest(ReadCorpus("fnfe-2017/Facture_FR_EXTENDED.pdf")));
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(doc.error().message, "the PDF is password-protected: deposit it without protection");
}

}  // namespace
}  // namespace choral::pdf
