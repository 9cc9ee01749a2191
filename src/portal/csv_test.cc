// The CSV writer: RFC 4180 quoting with ';', the formula-injection guard, French amounts.
#include "portal/csv.h"

#include <gtest/gtest.h>

#include "portal/messages_fr.h"

namespace choral::portal {
namespace {

TEST(CsvTest, PlainFieldsAreLeftAlone) {
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("Atelier Lumen"), "Atelier Lumen");
  EXPECT_EQ(CsvField("Hôpital de Bellerive"), "Hôpital de Bellerive");
  EXPECT_EQ(CsvField("F-2026-001"), "F-2026-001");
}

TEST(CsvTest, FieldsWithTheSeparatorAQuoteOrALineBreakAreQuoted) {
  EXPECT_EQ(CsvField("a;b"), "\"a;b\"");
  EXPECT_EQ(CsvField("dit \"non\""), "\"dit \"\"non\"\"\"");
  EXPECT_EQ(CsvField("ligne 1\nligne 2"), "\"ligne 1\nligne 2\"");
  EXPECT_EQ(CsvField("a\r\nb"), "\"a\r\nb\"");
  EXPECT_EQ(CsvRow({"a", "b;c", ""}), "a;\"b;c\";\r\n");
}

TEST(CsvTest, FormulasGetALeadingApostrophe) {
  EXPECT_EQ(CsvField("=1+1"), "'=1+1");
  EXPECT_EQ(CsvField("+33 1 23"), "'+33 1 23");
  EXPECT_EQ(CsvField("-2+3"), "'-2+3");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("\tcmd"), "'\tcmd");
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\";\"y\")"), "\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\"");
  // A number stays a number, even a negative one (a credit note).
  EXPECT_EQ(CsvField("-120,00"), "-120,00");
  EXPECT_EQ(CsvField("+12.5"), "+12.5");
  EXPECT_EQ(CsvField("-"), "'-");
  EXPECT_EQ(CsvField("-1,"), "'-1,");
}

TEST(CsvTest, AmountsHaveADecimalCommaAndNoThousandsSeparator) {
  EXPECT_EQ(CsvAmount(*core::Decimal::Parse("1234.5")), "1234,50");
  EXPECT_EQ(CsvAmount(*core::Decimal::Parse("-0.5")), "-0,50");
}

TEST(CsvTest, AnInvoiceListHasTheBomTheHeaderAndOneRowPerInvoice) {
  auto catalogue = Catalogue::Build(FrenchMessages());
  ASSERT_TRUE(catalogue);
  platform::InvoiceSummaryView view;
  view.invoice.invoice_number = "F-1";
  view.invoice.issue_date = *core::Date::FromYmd(2026, 11, 20);
  view.invoice.total_with_vat = *core::Decimal::Parse("120.00");
  view.supplier_name = "=Atelier; Lumen";
  view.recipient_name = "Ministère";
  view.visible_status = invoice::InvoiceStatus::kSuspended;
  std::string csv = InvoiceListCsv(*catalogue, {view});
  EXPECT_EQ(csv,
            "\xEF\xBB\xBFnuméro;fournisseur;destinataire;date;montant TTC;devise;statut\r\n"
            "F-1;\"'=Atelier; Lumen\";Ministère;20/11/2026;120,00;EUR;" +
                std::string(catalogue->Text("status.SUSPENDUE")) + "\r\n");
}

}  // namespace
}  // namespace choral::portal
