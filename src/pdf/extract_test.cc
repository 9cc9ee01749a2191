#include "pdf/extract.h"

#include <algorithm>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "pdf/test_util.h"

namespace choral::pdf {
namespace {

using core::ErrorCode;
using testing::CorpusDir;
using testing::ReadCorpus;
using testing::ReadFile;

const Word* FindWord(const DocumentText& doc, const std::string& text, int* page = nullptr) {
  for (const Page& p : doc.pages) {
    for (const Word& w : p.words) {
      if (w.text == text) {
        if (page != nullptr) *page = p.number;
        return &w;
      }
    }
  }
  return nullptr;
}

std::string LineOf(const Page& page, const std::string& text) {
  std::string line;
  bool found = false;
  for (const Word& w : page.words) {
    line += (line.empty() ? "" : " ") + w.text;
    found = found || w.text == text;
    if (w.ends_line) {
      if (found) return line;
      line.clear();
    }
  }
  return "";
}

TEST(ExtractTextTest, ReadsWordsWithTopLeftBoxes) {
  auto doc = ExtractText(ReadCorpus("synthetic/syn-02-two-columns.pdf"));
  ASSERT_TRUE(doc) << doc.error().ToString();
  EXPECT_EQ(doc->page_count, 1);
  ASSERT_EQ(doc->pages.size(), 1u);
  const Page& page = doc->pages[0];
  EXPECT_NEAR(page.width, 595.3, 1);
  EXPECT_NEAR(page.height, 841.9, 1);
  EXPECT_FALSE(doc->is_scanned);
  int number_page = 0;
  const Word* number = FindWord(*doc, "2024/B-0098", &number_page);
  ASSERT_NE(number, nullptr);
  EXPECT_EQ(number_page, 1);
  // In the upper half of an A4 page, a plausible word box.
  EXPECT_GT(number->box.x0, 0);
  EXPECT_LT(number->box.y1, page.height / 2);
  EXPECT_GT(number->box.width(), 20);
  EXPECT_GT(number->box.height(), 5);
  EXPECT_LT(number->box.height(), 20);
  EXPECT_EQ(LineOf(page, "2024/B-0098"), "Numéro : 2024/B-0098 Objet : étude de circulation");
  EXPECT_EQ(LineOf(page, "HT"), "Montant HT 12 480,00 €");
  for (const Word& w : page.words) {
    EXPECT_FALSE(w.text.empty());
    EXPECT_EQ(w.text.find(' '), std::string::npos) << w.text;
  }
  EXPECT_TRUE(page.words.back().ends_line);
}

TEST(ExtractTextTest, FindsEmbeddedFacturX) {
  auto doc = ExtractText(ReadCorpus("fnfe-2017/Facture_FR_EXTENDED.pdf"));
  ASSERT_TRUE(doc) << doc.error().ToString();
  auto it = std::find_if(doc->embedded_files.begin(), doc->embedded_files.end(),
                         [](const EmbeddedFile& f) { return f.name == "factur-x.xml"; });
  ASSERT_NE(it, doc->embedded_files.end());
  EXPECT_NE(it->bytes.find("CrossIndustryInvoice"), std::string::npos);
}

TEST(ExtractAttachmentsTest, ReadsTheEmbeddedXmlAndTheXmpButNoPage) {
  auto doc = ExtractAttachments(ReadCorpus("fnfe-2017/Facture_FR_EXTENDED.pdf"));
  ASSERT_TRUE(doc) << doc.error().ToString();
  EXPECT_EQ(doc->page_count, 1);
  EXPECT_TRUE(doc->pages.empty());
  ASSERT_EQ(doc->embedded_files.size(), 1u);
  EXPECT_EQ(doc->embedded_files[0].name, "factur-x.xml");
  EXPECT_NE(doc->embedded_files[0].bytes.find("CrossIndustryInvoice"), std::string::npos);
  // PDF/A-3 with the Factur-X extension schema: the profile is in the XMP.
  EXPECT_NE(doc->xmp_metadata.find("ConformanceLevel"), std::string::npos);
  EXPECT_NE(doc->xmp_metadata.find("EXTENDED"), std::string::npos);
}

// Some ZUGFeRD producers write the file name as UTF-16BE: poppler-cpp cuts it at the first NUL,
// but the file itself is there.
TEST(ExtractAttachmentsTest, ReadsFilesWhoseNameIsUtf16) {
  auto doc = ExtractAttachments(ReadFile(std::filesystem::path(CHORAL_CORPUS_DIR) /
                                         "en16931/facturx/zugferd-corpus/XML-Rechnung/"
                                         "EN16931_Einfach.pdf"));
  ASSERT_TRUE(doc) << doc.error().ToString();
  ASSERT_EQ(doc->embedded_files.size(), 1u);
  EXPECT_EQ(doc->embedded_files[0].name, "\xFE\xFF");
  EXPECT_NE(doc->embedded_files[0].bytes.find("CrossIndustryInvoice"), std::string::npos);
}

TEST(ExtractAttachmentsTest, RefusesWhatExtractTextRefuses) {
  EXPECT_EQ(ExtractAttachments("not a pdf").error().code, core::ErrorCode::kMalformedInput);
}

TEST(ExtractTextTest, CountsPagesOfAMultipageFile) {
  auto doc = ExtractText(ReadCorpus("synthetic/syn-04-groff-multipage.pdf"));
  ASSERT_TRUE(doc) << doc.error().ToString();
  EXPECT_EQ(doc->page_count, 2);
  ASSERT_EQ(doc->pages.size(), 2u);
  EXPECT_EQ(doc->pages[1].number, 2);
  EXPECT_FALSE(doc->pages[1].words.empty());
}

// Every file of truth.jsonl: page count as recorded, scans detected, no native file flagged.
TEST(ExtractTextTest, DetectsEveryScanAndFlagsNoNativeFile) {
  std::ifstream truth(CorpusDir() / "truth.jsonl");
  ASSERT_TRUE(truth.good()) << "no corpus at " << CorpusDir();
  int files = 0, scans = 0;
  std::string line;
  while (std::getline(truth, line)) {
    if (line.empty()) continue;
    auto entry = nlohmann::json::parse(line);
    std::string file = entry["file"];
    auto doc = ExtractText(ReadFile(CorpusDir() / file));
    ASSERT_TRUE(doc) << file << ": " << doc.error().ToString();
    EXPECT_EQ(doc->is_scanned, entry["is_scanned"].get<bool>()) << file;
    if (entry.contains("pages")) {
      EXPECT_EQ(doc->page_count, entry["pages"].get<int>()) << file;
    }
    if (entry["is_scanned"].get<bool>()) {
      ++scans;
      EXPECT_GT(doc->pages[0].image_coverage, 0.8) << file;
    }
    ++files;
  }
  EXPECT_GE(files, 90);
  EXPECT_EQ(scans, 5);
}

TEST(ExtractTextTest, RefusesWhatIsNotAPdf) {
  auto empty = ExtractText("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::kMalformedInput);
  EXPECT_NE(empty.error().message.find("not a PDF"), std::string::npos);

  auto text = ExtractText("Hello, this is a text file.\n%%EOF\n");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::kMalformedInput);
  EXPECT_NE(text.error().message.find("not a PDF"), std::string::npos);
}

TEST(ExtractTextTest, RefusesATruncatedPdf) {
  std::string bytes = ReadCorpus("synthetic/syn-01-simple.pdf");
  auto doc = ExtractText(std::string_view(bytes).substr(0, bytes.size() / 2));
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kMalformedInput);
  EXPECT_NE(doc.error().message.find("truncated"), std::string::npos);
}

TEST(ExtractTextTest, RefusesGarbageAfterTheHeader) {
  std::string bytes = "%PDF-1.7\n";
  for (int i = 0; i < 5000; ++i) bytes += static_cast<char>((i * 7919) % 251);
  bytes += "\n%%EOF\n";
  auto doc = ExtractText(bytes);
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kMalformedInput);
}

TEST(ExtractTextTest, RefusesTooManyPages) {
  auto doc = ExtractText(ReadCorpus("synthetic/syn-04-groff-multipage.pdf"), 1);
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(doc.error().message, "the PDF has 2 pages; the limit is 1");
}

TEST(RenderPagePngTest, RendersAPng) {
  auto png = RenderPagePng(ReadCorpus("synthetic/syn-01-simple.pdf"), 1, 36);
  ASSERT_TRUE(png) << png.error().ToString();
  ASSERT_GT(png->size(), 100u);
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  auto bad_page = RenderPagePng(ReadCorpus("synthetic/syn-01-simple.pdf"), 2, 36);
  ASSERT_FALSE(bad_page);
  EXPECT_EQ(bad_page.error().code, ErrorCode::kInvalidArgument);
  auto bad_dpi = RenderPagePng(ReadCorpus("synthetic/syn-01-simple.pdf"), 1, 5);
  ASSERT_FALSE(bad_dpi);
  EXPECT_EQ(bad_dpi.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace choral::pdf
