#include "pdf/wire.h"

#include <gtest/gtest.h>

namespace choral::pdf::wire {
namespace {

TEST(WireTest, DocumentTextRoundTrips) {
  DocumentText doc;
  doc.page_count = 2;
  doc.is_scanned = true;
  Page page;
  page.number = 2;
  page.width = 595.5;
  page.height = 842;
  page.image_coverage = 0.25;
  page.words = {Word{"Facture", Box{1, 2, 3, 4}, false}, Word{"n°", Box{5, 6, 7, 8}, true}};
  doc.pages = {page, Page{}};
  doc.embedded_files = {EmbeddedFile{"factur-x.xml", "text/xml", std::string("<a>\0</a>", 8)}};
  doc.xmp_metadata = "<x:xmpmeta/>";
  auto back = DecodeDocumentText(EncodeDocumentText(doc));
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(back->page_count, 2);
  EXPECT_TRUE(back->is_scanned);
  ASSERT_EQ(back->pages.size(), 2u);
  EXPECT_EQ(back->pages[0].words, page.words);
  EXPECT_EQ(back->pages[0].width, 595.5);
  EXPECT_EQ(back->pages[0].image_coverage, 0.25);
  ASSERT_EQ(back->embedded_files.size(), 1u);
  EXPECT_EQ(back->embedded_files[0].bytes, doc.embedded_files[0].bytes);
  EXPECT_EQ(back->xmp_metadata, "<x:xmpmeta/>");
}

TEST(WireTest, RefusesTruncatedOrInflatedInput) {
  DocumentText doc;
  doc.pages.resize(3);
  std::string bytes = EncodeDocumentText(doc);
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_FALSE(DecodeDocumentText(bytes.substr(0, cut))) << cut;
  }
  // A page count of 4 billion must not make the decoder reserve memory for it.
  std::string huge = bytes;
  huge[5] = huge[6] = huge[7] = huge[8] = '\xff';
  EXPECT_FALSE(DecodeDocumentText(huge));
}

TEST(WireTest, RequestsAndResponsesRoundTrip) {
  Request request{Operation::kRenderPng, 7, 3, 150, "%PDF-1.4 bytes"};
  std::string payload = EncodeRequest(request);
  auto back = DecodeRequest(payload);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->operation, Operation::kRenderPng);
  EXPECT_EQ(back->max_pages, 7);
  EXPECT_EQ(back->page, 3);
  EXPECT_EQ(back->dpi, 150);
  EXPECT_EQ(back->pdf, "%PDF-1.4 bytes");
  EXPECT_FALSE(DecodeRequest(payload.substr(1)));

  auto body = DecodeResponse(EncodeBody("png"));
  ASSERT_TRUE(body);
  EXPECT_EQ(*body, "png");
  auto error = DecodeResponse(EncodeError({core::ErrorCode::kUnsupported, "locked"}));
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().code, core::ErrorCode::kUnsupported);
  EXPECT_EQ(error.error().message, "locked");
  EXPECT_EQ(DecodeResponse("\x07garbage").error().code, core::ErrorCode::kInternal);
  EXPECT_EQ(ParseFrameHeader(FrameHeader(123456).data()), 123456u);
}

}  // namespace
}  // namespace choral::pdf::wire
