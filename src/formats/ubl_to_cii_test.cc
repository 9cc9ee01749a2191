// The issue's round trip: UBL -> model -> CII -> model keeps every business term, over the UBL
// instances of the shared corpus.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "formats/cii_reader.h"
#include "formats/corpus_for_test.h"
#include "formats/invoice_writer.h"
#include "formats/semantic_test_util.h"
#include "formats/ubl_reader.h"

namespace choral::formats {
namespace {

using invoice::SemanticInvoice;

SemanticInvoice Read(std::string_view xml, bool cii) {
  pugi::xml_document document;
  EXPECT_TRUE(document.load_buffer(xml.data(), xml.size()));
  return cii ? ReadCii(document.document_element()) : ReadUbl(document.document_element());
}

// What the change of syntax alone changes, applied to the model read from UBL: these are the
// forms CII writes the same business terms in, not terms lost.
void Format102(std::optional<invoice::DateText>& date) {
  // A valid UBL date (YYYY-MM-DD) is written in CII's format 102 (YYYYMMDD).
  if (!date || !date->value || date->format) return;
  std::string digits = date->value->ToIso();
  digits.erase(7, 1);
  digits.erase(4, 1);
  date->text = digits;
  date->format = "102";
}

void Format102(std::optional<invoice::Period>& period) {
  if (!period) return;
  Format102(period->start);
  Format102(period->end);
}

SemanticInvoice AsCiiCarriesIt(SemanticInvoice invoice) {
  Format102(invoice.issue_date);
  Format102(invoice.tax_point_date);
  Format102(invoice.due_date);
  Format102(invoice.period);
  if (invoice.delivery) Format102(invoice.delivery->actual_delivery_date);
  for (invoice::PrecedingInvoice& preceding : invoice.preceding_invoices) {
    Format102(preceding.issue_date);
  }
  for (invoice::InvoiceLine& line : invoice.lines) Format102(line.period);
  // BT-8 is the VAT breakdown's DueDateTypeCode in CII (tax_point_date_code), not the period's.
  if (invoice.period) invoice.period->description_code.reset();
  // The CII schema puts the seller's ram:IDs (no scheme) before its ram:GlobalIDs (a scheme).
  if (invoice.seller) {
    std::stable_partition(invoice.seller->identifiers.begin(), invoice.seller->identifiers.end(),
                          [](const invoice::Identifier& id) { return !id.scheme; });
  }
  // EN 16931 has one BG-16 with one BT-83; UBL may repeat cac:PaymentMeans, each with its
  // cbc:PaymentID, CII has one ram:PaymentReference for all its means: the first one.
  std::optional<std::string> remittance;
  for (const invoice::PaymentInstructions& means : invoice.payment_instructions) {
    if (!remittance) remittance = means.remittance_information;
  }
  for (invoice::PaymentInstructions& means : invoice.payment_instructions) {
    means.remittance_information = remittance;
  }
  // A discount with no gross price is written with BT-148 = BT-146 + BT-147 (CII's gross price
  // needs its amount).
  for (invoice::InvoiceLine& line : invoice.lines) {
    if (!line.price || line.price->gross_price || !line.price->discount) continue;
    const invoice::PriceDetails& price = *line.price;
    if (!price.net_price || !price.net_price->value || !price.discount->value) continue;
    core::Decimal sum = *price.net_price->value + *price.discount->value;
    line.price->gross_price = invoice::DecimalText{sum.ToString(), sum, {}, invoice::kNoSource};
  }
  // UBL puts a currencyID on every amount; CII on the VAT totals only (CII-DT-031).
  testing::DropAmountCurrencies(invoice);
  return invoice;
}

TEST(UblToCiiTest, KeepsEveryBusinessTerm) {
  std::vector<std::string> files = testing::CorpusFiles("ubl", "instance");
  ASSERT_EQ(files.size(), 78u);
  int kept = 0;
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    SemanticInvoice from_ubl =
        Read(testing::ReadFile(testing::En16931Dir() + "/" + file), /*cii=*/false);
    SemanticInvoice from_cii = testing::WithoutSources(Read(WriteCii(from_ubl), /*cii=*/true));
    from_ubl = AsCiiCarriesIt(testing::WithoutSources(std::move(from_ubl)));
    std::string difference = testing::FirstDifference(from_ubl, from_cii);
    EXPECT_EQ(difference, "");
    if (difference.empty()) ++kept;
  }
  std::printf("UBL -> CII -> model: %d of %zu corpus UBL instances keep every term\n", kept,
              files.size());
}

}  // namespace
}  // namespace choral::formats
