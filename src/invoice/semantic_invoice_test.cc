#include "invoice/semantic_invoice.h"

#include <gtest/gtest.h>

namespace choral::invoice {
namespace {

TEST(ParseXsDecimal, ReadsTheLexicalFormsOfXsDecimal) {
  EXPECT_EQ(ParseXsDecimal("1250.50"), core::Decimal::FromUnits(125050, 2));
  EXPECT_EQ(ParseXsDecimal(" -0.5\n"), core::Decimal::FromUnits(-5, 1));
  EXPECT_EQ(ParseXsDecimal("+12"), core::Decimal::FromInteger(12));
  EXPECT_EQ(ParseXsDecimal(".5"), core::Decimal::FromUnits(5, 1));
  EXPECT_EQ(ParseXsDecimal("5."), core::Decimal::FromInteger(5));
  EXPECT_EQ(ParseXsDecimal("1.5000000000000"), core::Decimal::FromUnits(15, 1));
  EXPECT_EQ(ParseXsDecimal("1.50")->scale(), 2);
}

TEST(ParseXsDecimal, RefusesWhatXsDecimalRefuses) {
  EXPECT_FALSE(ParseXsDecimal(""));
  EXPECT_FALSE(ParseXsDecimal("-"));
  EXPECT_FALSE(ParseXsDecimal("."));
  EXPECT_FALSE(ParseXsDecimal("1,5"));
  EXPECT_FALSE(ParseXsDecimal("1e3"));
  EXPECT_FALSE(ParseXsDecimal("1 000"));
  EXPECT_FALSE(ParseXsDecimal("1.2.3"));
  EXPECT_FALSE(ParseXsDecimal("0.0000000001"));  // more decimals than a Decimal holds
}

TEST(DocumentKindOf, GroupsTheNormsTypeCodes) {
  EXPECT_EQ(DocumentKindOf("380"), DocumentKind::kInvoice);
  EXPECT_EQ(DocumentKindOf("381"), DocumentKind::kCreditNote);
  EXPECT_EQ(DocumentKindOf("384"), DocumentKind::kCorrectedInvoice);
  EXPECT_EQ(DocumentKindOf("389"), DocumentKind::kSelfBilledInvoice);
  EXPECT_EQ(DocumentKindOf("386"), DocumentKind::kPrepaymentInvoice);
  EXPECT_EQ(DocumentKindOf("999"), DocumentKind::kOther);
}

}  // namespace
}  // namespace choral::invoice
