#include "http/multipart.h"

#include <gtest/gtest.h>

using namespace std::string_literals;

namespace choral::http {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=----zz42";

std::string Body(std::initializer_list<std::string> parts) {
  std::string body;
  for (const std::string& part : parts) body += "------zz42\r\n" + part + "\r\n";
  return body + "------zz42--\r\n";
}

TEST(MultipartTest, ReadsFieldsAndFiles) {
  std::string pdf = "%PDF-1.7\r\n\r\n--not-a-boundary\0binary"s;
  auto parsed = Multipart::Parse(
      kType, Body({"Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc",
                   "Content-Disposition: form-data; name=\"pdf\"; filename=\"facture 1.pdf\"\r\n"
                   "Content-Type: application/pdf\r\n\r\n" +
                       pdf,
                   "content-disposition: form-data; name=empty\r\n\r\n"}));
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  ASSERT_EQ(parsed->parts().size(), 3u);
  EXPECT_EQ(parsed->Get("csrf_token"), "abc");
  EXPECT_FALSE(parsed->Find("csrf_token")->filename);
  const MultipartPart* file = parsed->Find("pdf");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "facture 1.pdf");
  EXPECT_EQ(file->content_type, "application/pdf");
  EXPECT_EQ(file->body, pdf);
  EXPECT_TRUE(parsed->Has("empty"));
  EXPECT_EQ(parsed->Get("empty"), "");
  EXPECT_EQ(parsed->Get("absent"), "");
}

TEST(MultipartTest, FirstPartOfARepeatedNameWins) {
  auto parsed =
      Multipart::Parse(kType, Body({"Content-Disposition: form-data; name=\"a\"\r\n\r\n1",
                                    "Content-Disposition: form-data; name=\"a\"\r\n\r\n2"}));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->Get("a"), "1");
}

TEST(MultipartTest, BoundaryFromContentType) {
  EXPECT_EQ(*Multipart::Boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(*Multipart::Boundary("Multipart/Form-Data;boundary=\"a b:c\""), "a b:c");
  for (std::string_view bad :
       {"application/x-www-form-urlencoded", "multipart/form-data",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=\"abc",
        "multipart/mixed; boundary=abc", "multipart/form-data; boundary=a\x01"}) {
    auto boundary = Multipart::Boundary(bad);
    ASSERT_FALSE(boundary) << bad;
    EXPECT_EQ(boundary.error().code, core::ErrorCode::kMalformedInput);
  }
  EXPECT_FALSE(Multipart::Boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
}

TEST(MultipartTest, RefusesMalformedBodies) {
  const std::string ok = "Content-Disposition: form-data; name=\"a\"\r\n\r\n1";
  for (const std::string& body : std::vector<std::string>{
           std::string(""),
           std::string("garbage"),
           "------zz42\r\n" + ok,  // never closed
           std::string("------zz42\r\nContent-Disposition: form-data; name=\"a\""),
           Body({"Content-Type: text/plain\r\n\r\n1"}),  // no disposition
           Body({"Content-Disposition: attachment; name=\"a\"\r\n\r\n1"}),
           Body({"Content-Disposition: form-data\r\n\r\n1"}),            // no name
           Body({"Content-Disposition: form-data; name=\"a\r\n\r\n1"}),  // quote never ends
           Body({"no colon here\r\n\r\n1"}),
           "------zz42xx\r\n" + ok + "\r\n------zz42--",
       }) {
    auto parsed = Multipart::Parse(kType, body);
    ASSERT_FALSE(parsed) << body;
    EXPECT_EQ(parsed.error().code, core::ErrorCode::kMalformedInput) << body;
  }
}

TEST(MultipartTest, EnforcesLimits) {
  std::string many;
  for (int i = 0; i < 3; ++i) {
    many += "------zz42\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) +
            "\"\r\n\r\nx\r\n";
  }
  many += "------zz42--";
  EXPECT_TRUE(Multipart::Parse(kType, many, {.max_parts = 3}));
  auto too_many = Multipart::Parse(kType, many, {.max_parts = 2});
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().code, core::ErrorCode::kMalformedInput);
  EXPECT_NE(too_many.error().message.find("more than 2 parts"), std::string::npos);

  std::string big =
      Body({"Content-Disposition: form-data; name=\"pdf\"\r\n\r\n" + std::string(11, 'x')});
  EXPECT_TRUE(Multipart::Parse(kType, big, {.max_part_bytes = 11}));
  auto too_big = Multipart::Parse(kType, big, {.max_part_bytes = 10});
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(too_big.error().message.find("\"pdf\""), std::string::npos);
}

}  // namespace
}  // namespace choral::http
