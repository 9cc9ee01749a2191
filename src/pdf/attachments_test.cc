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

// ZUGFeRD's sample with a PNG and a PDF beside its XML: only the XML may hold the invoice.
TEST(ExtractAttachmentsTest, KeepsOnlyWhatMayBeXmlWhenAsked) {
  std::string pdf =
      ReadInvoiceCorpus("facturx/zugferd-corpus/intarsys-zf20/zugferd_2p0_EN16931_Elektron.pdf");
  auto all = ExtractAttachments(pdf);
  ASSERT_TRUE(all) << all.error().ToString();
  ASSERT_EQ(all->embedded_files.size(), 3u);
  EXPECT_EQ(all->embedded_files[0].name, "Aufmass.png");
  EXPECT_EQ(all->embedded_files[1].name, "ElektronRapport.pdf");
  EXPECT_EQ(all->embedded_files[1].bytes.substr(0, 5), "%PDF-");

  auto xml = ExtractAttachments(pdf, 200, AttachmentFilter::kMayBeXml);
  ASSERT_TRUE(xml) << xml.error().ToString();
  ASSERT_EQ(xml->embedded_files.size(), 1u);
  EXPECT_EQ(xml->embedded_files[0].name, "zugferd-invoice.xml");
  EXPECT_EQ(xml->embedded_files[0].bytes, all->embedded_files[2].bytes);
  EXPECT_EQ(xml->xmp_metadata, all->xmp_metadata);
}

// Behind a name that says nothing, the content decides: XML after a byte order mark and white
// space is kept; so is a file that is all white space as far as the sniffing reads.
TEST(ExtractAttachmentsTest, SniffsTheContentBehindAnUnhelpfulName) {
  std::string long_blank = std::string(5000, ' ') + "x";
  std::string pdf = testing::AttachForTest(
      ReadCorpus("synthetic/syn-04-groff-multipage.pdf"),
      {{"a-invoice.dat", "\xEF\xBB\xBF \r\n<?xml version=\"1.0\"?><Invoice/>"},
       {"b-picture.png", "\x89PNG\r\n\x1A\n"},
       {"c-blank.txt", "  \n "},
       {"d-long-blank.txt", long_blank},
       {"e-INVOICE.XML", "not even XML"}});
  auto all = ExtractAttachments(pdf);
  ASSERT_TRUE(all) << all.error().ToString();
  EXPECT_EQ(all->embedded_files.size(), 5u);

  auto xml = ExtractAttachments(pdf, 200, AttachmentFilter::kMayBeXml);
  ASSERT_TRUE(xml) << xml.error().ToString();
  ASSERT_EQ(xml->embedded_files.size(), 3u);
  EXPECT_EQ(xml->embedded_files[0].name, "a-invoice.dat");
  EXPECT_EQ(xml->embedded_files[0].bytes, all->embedded_files[0].bytes);
  EXPECT_EQ(xml->embedded_files[1].name, "d-long-blank.txt");
  EXPECT_EQ(xml->embedded_files[1].bytes, long_blank);
  EXPECT_EQ(xml->embedded_files[2].name, "e-INVOICE.XML");
  EXPECT_EQ(xml->embedded_files[2].bytes, "not even XML");
}

// XMP may be written in UTF-16; DocumentText holds it in UTF-8.
TEST(ExtractAttachmentsTest, GivesAUtf16XmpPacketInUtf8) {
  std::string xmp = "<x:xmpmeta><fx:ConformanceLevel>EN 16931</fx:ConformanceLevel></x:xmpmeta>";
  std::string utf16 = "\xFE\xFF";
  for (char c : xmp) utf16 += std::string(1, '\0') + c;
  auto doc = ExtractAttachments(
      testing::WithXmpForTest(ReadCorpus("synthetic/syn-04-groff-multipage.pdf"), utf16));
  ASSERT_TRUE(doc) << doc.error().ToString();
  EXPECT_EQ(doc->xmp_metadata, xmp);
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

// A page count the file cannot hold (more pages than objects, none, negative) is not believed:
// the page tree is walked.
TEST(ExtractAttachmentsTest, CountsThePagesOfAFileThatLiesAboutThem) {
  std::string pdf = ReadCorpus("synthetic/syn-04-groff-multipage.pdf");
  for (long long claimed : {1000000LL, 0LL, -3LL}) {
    auto doc = ExtractAttachments(testing::WithPageCountForTest(pdf, claimed));
    ASSERT_TRUE(doc) << claimed << ": " << doc.error().ToString();
    EXPECT_EQ(doc->page_count, 2) << claimed;
  }
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
