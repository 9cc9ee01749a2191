#include "core/csv_reader.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace choral::core {
namespace {

using Fields = std::vector<std::string>;

std::vector<CsvRecord> Read(std::string_view text, char separator = ',') {
  CsvOptions options;
  options.separator = separator;
  auto records = ReadCsv(text, options);
  EXPECT_TRUE(records.has_value()) << records.error().message;
  return records.value_or(std::vector<CsvRecord>{});
}

TEST(CsvReaderTest, SplitsPlainRecords) {
  auto records = Read("a,b,c\n1,2,3\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(records[1].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(records[1].line, 2);
}

TEST(CsvReaderTest, LastRecordNeedsNoLineBreakAndEmptyFieldsCount) {
  auto records = Read("a,,\n,x");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "", ""}));
  EXPECT_EQ(records[1].fields, (Fields{"", "x"}));
}

TEST(CsvReaderTest, QuotedFieldsHoldSeparatorsQuotesAndLineBreaks) {
  auto records = Read(
      "nom;adresse\r\n\"Mairie; annexe\";\"1 \"\"grande\"\" rue\r\n34000 Ville\"\r\nz;y\r\n", ';');
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields, (Fields{"Mairie; annexe", "1 \"grande\" rue\r\n34000 Ville"}));
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].line, 4);  // the quoted line break moved the count on
}

TEST(CsvReaderTest, SkipsBomAndBlankLines) {
  auto records = Read("\xEF\xBB\xBFsiret,nom\n\n1,a\r\n\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"siret", "nom"}));
  EXPECT_EQ(records[1].line, 3);
}

TEST(CsvReaderTest, RefusesBrokenQuoting) {
  CsvOptions options;
  auto open = ReadCsv("a\n\"never closed\n", options);
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().code, ErrorCode::kMalformedInput);
  EXPECT_NE(open.error().message.find("line 2"), std::string::npos);
  auto inside = ReadCsv("a\nb\"c\n", options);
  ASSERT_FALSE(inside);
  EXPECT_NE(inside.error().message.find("line 2"), std::string::npos);
  auto after = ReadCsv("\"a\"b,c\n", options);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::kMalformedInput);
}

TEST(CsvReaderTest, KeepsToItsLimits) {
  CsvOptions options;
  options.max_bytes = 10;
  EXPECT_EQ(ReadCsv("01234567890", options).error().code, ErrorCode::kInvalidArgument);
  options = CsvOptions{};
  options.max_records = 2;
  EXPECT_TRUE(ReadCsv("a\nb\n", options));
  EXPECT_FALSE(ReadCsv("a\nb\nc\n", options));
  options = CsvOptions{};
  options.max_fields = 2;
  EXPECT_FALSE(ReadCsv("a,b,c\n", options));
  options = CsvOptions{};
  options.max_field_bytes = 3;
  EXPECT_TRUE(ReadCsv("abc,\"def\"\n", options));
  EXPECT_FALSE(ReadCsv("abcd\n", options));
  EXPECT_FALSE(ReadCsv("\"abcd\"\n", options));
}

TEST(CsvReaderTest, SniffsTheSeparatorFromTheHeader) {
  EXPECT_EQ(SniffCsvSeparator("siret;nom;adresse\n1,2,3,4,5"), ';');
  EXPECT_EQ(SniffCsvSeparator("siret,nom,adresse\n"), ',');
  EXPECT_EQ(SniffCsvSeparator("\xEF\xBB\xBF\"a,b,c\";d;e"), ';');
  EXPECT_EQ(SniffCsvSeparator(""), ',');
}

}  // namespace
}  // namespace choral::core
