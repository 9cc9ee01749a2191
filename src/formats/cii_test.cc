// ReadCii over the shared corpus (every CII instance of shared/corpus/en16931) and over crafted
// documents for the binding's corners; WriteCii by round trips (CII -> model -> CII -> model).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "formats/cii_reader.h"
#include "formats/invoice_writer.h"
#include "formats/semantic_test_util.h"

namespace choral::formats {
namespace {

namespace fs = std::filesystem;
using invoice::SemanticInvoice;

const fs::path kCorpus = fs::path(CHORAL_CORPUS_DIR) / "en16931";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The corpus files expected.jsonl lists as complete instances of a syntax ("cii", "ubl").
std::vector<fs::path> Instances(std::string_view syntax) {
  std::vector<fs::path> files;
  std::ifstream in(kCorpus / "expected.jsonl");
  std::string line;
  std::string want_syntax = "\"syntax\": \"" + std::string(syntax) + "\"";
  while (std::getline(in, line)) {
    if (line.find("\"kind\": \"instance\"") == std::string::npos) continue;
    if (line.find(want_syntax) == std::string::npos) continue;
    size_t start = line.find("\"file\": \"") + 9;
    files.push_back(kCorpus / line.substr(start, line.find('"', start) - start));
  }
  return files;
}

struct Parsed {
  pugi::xml_document document;
  SemanticInvoice invoice;
};

void ParseInto(std::string_view xml, Parsed& parsed) {
  pugi::xml_parse_result result = parsed.document.load_buffer(xml.data(), xml.size());
  ASSERT_TRUE(result) << result.description();
  parsed.invoice = ReadCii(parsed.document.document_element());
}

SemanticInvoice ReadCiiText(std::string_view xml) {
  Parsed parsed;
  ParseInto(xml, parsed);
  return parsed.invoice;
}

TEST(CiiReaderTest, ReadsEveryCorpusInstance) {
  std::vector<fs::path> files = Instances("cii");
  ASSERT_EQ(files.size(), 61u);
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    SemanticInvoice invoice = ReadCiiText(ReadFile(file));
    EXPECT_TRUE(invoice.number.has_value());
    EXPECT_TRUE(invoice.issue_date.has_value());
    EXPECT_TRUE(invoice.seller.has_value());
    EXPECT_TRUE(invoice.totals.has_value());
  }
}

TEST(CiiReaderTest, CenExampleOne) {
  SemanticInvoice invoice = ReadCiiText(ReadFile(kCorpus / "cii/cen-examples/CII_example1.xml"));
  EXPECT_EQ(invoice.specification_id, "urn:cen.eu:en16931:2017");
  EXPECT_EQ(invoice.number, "12115118");
  EXPECT_EQ(invoice.type_code, "380");
  ASSERT_TRUE(invoice.issue_date);
  EXPECT_EQ(invoice.issue_date->text, "20150109");
  EXPECT_EQ(invoice.issue_date->format, "102");
  EXPECT_EQ(invoice.issue_date->value, *core::Date::FromYmd(2015, 1, 9));
  EXPECT_EQ(invoice.currency, "EUR");

  ASSERT_TRUE(invoice.seller);
  EXPECT_EQ(invoice.seller->name, "De Koksmaat");
  EXPECT_EQ(invoice.seller->vat_id, "NL8200.98.395.B.01");
  ASSERT_TRUE(invoice.seller->legal_registration_id);
  EXPECT_EQ(invoice.seller->legal_registration_id->value, "57151520");
  EXPECT_FALSE(invoice.seller->legal_registration_id->scheme);
  ASSERT_TRUE(invoice.seller->address);
  EXPECT_EQ(invoice.seller->address->post_code, "1950 AB");
  EXPECT_EQ(invoice.seller->address->country, "NL");
  ASSERT_TRUE(invoice.buyer);
  ASSERT_TRUE(invoice.buyer->identifier);
  EXPECT_EQ(invoice.buyer->identifier->value, "10202");
  ASSERT_TRUE(invoice.buyer->contact);
  EXPECT_EQ(invoice.buyer->contact->point, "Dhr. J BLOKKER");

  // The empty ApplicableHeaderTradeDelivery is no BG-13.
  EXPECT_FALSE(invoice.delivery);

  ASSERT_EQ(invoice.payment_instructions.size(), 2u);
  EXPECT_EQ(invoice.payment_instructions[0].means_code, "30");
  EXPECT_EQ(invoice.payment_instructions[0].remittance_information, "Deb. 10202 / Fact. 12115118");
  EXPECT_EQ(invoice.payment_instructions[1].remittance_information, "Deb. 10202 / Fact. 12115118");
  ASSERT_EQ(invoice.payment_instructions[0].credit_transfers.size(), 1u);
  EXPECT_EQ(invoice.payment_instructions[0].credit_transfers[0].account_id, "NL57 RABO 0107307510");

  ASSERT_EQ(invoice.vat_breakdown.size(), 2u);
  EXPECT_EQ(invoice.vat_breakdown[1].tax_scheme, "VAT");
  EXPECT_EQ(invoice.vat_breakdown[1].category_code, "S");
  EXPECT_EQ(invoice.vat_breakdown[1].rate->text, "21");
  EXPECT_EQ(invoice.vat_breakdown[1].taxable_amount->value, core::Decimal::FromCents(4637));
  EXPECT_EQ(invoice.vat_breakdown[1].tax_amount->text, "9.74");

  ASSERT_TRUE(invoice.due_date);
  EXPECT_EQ(invoice.due_date->value, *core::Date::FromYmd(2015, 1, 9));

  ASSERT_TRUE(invoice.totals);
  EXPECT_EQ(invoice.totals->line_net_total->text, "229.6");
  EXPECT_EQ(invoice.totals->line_net_total->value, core::Decimal::FromCents(22960));
  EXPECT_FALSE(invoice.totals->line_net_total->currency);
  ASSERT_TRUE(invoice.totals->total_vat);
  EXPECT_EQ(invoice.totals->total_vat->text, "20.73");
  EXPECT_EQ(invoice.totals->total_vat->currency, "EUR");
  EXPECT_FALSE(invoice.totals->total_vat_accounting);
  EXPECT_EQ(invoice.totals->amount_due->text, "250.33");
  EXPECT_FALSE(invoice.totals->allowance_total);

  ASSERT_EQ(invoice.lines.size(), 20u);
  const invoice::InvoiceLine& line = invoice.lines[0];
  EXPECT_EQ(line.id, "1");
  EXPECT_EQ(line.quantity->text, "2");
  EXPECT_EQ(line.quantity_unit, "H87");
  EXPECT_EQ(line.net_amount->text, "19.9");
  ASSERT_TRUE(line.price);
  EXPECT_EQ(line.price->net_price->text, "9.95");
  EXPECT_FALSE(line.price->gross_price);
  ASSERT_TRUE(line.item);
  EXPECT_EQ(line.item->name, "PATAT FRITES 10MM 10KG");
  EXPECT_EQ(line.item->vat_category_code, "S");
  EXPECT_EQ(line.item->vat_rate->text, "6");
  // Text as written: the trailing blank stays.
  EXPECT_EQ(invoice.lines[4].item->name, "KOFFIE BLIK 3,5KG SNELF ");
}

TEST(CiiReaderTest, ZugferdEinfach) {
  SemanticInvoice invoice =
      ReadCiiText(ReadFile(kCorpus / "cii/zugferd-corpus/EN16931_Einfach.cii.xml"));
  EXPECT_EQ(invoice.specification_id, "urn:cen.eu:en16931:2017");
  EXPECT_EQ(invoice.number, "471102");
  ASSERT_TRUE(invoice.seller);
  EXPECT_EQ(invoice.seller->name, "Lieferant GmbH");
  ASSERT_EQ(invoice.seller->identifiers.size(), 2u);
  EXPECT_EQ(invoice.seller->identifiers[0].value, "549910");
  EXPECT_FALSE(invoice.seller->identifiers[0].scheme);
  EXPECT_EQ(invoice.seller->identifiers[1].value, "4000001123452");
  EXPECT_EQ(invoice.seller->identifiers[1].scheme, "0088");
  EXPECT_EQ(invoice.seller->vat_id, "DE123456789");
  EXPECT_EQ(invoice.seller->tax_registration_id, "201/113/40209");
  ASSERT_FALSE(invoice.notes.empty());
  EXPECT_EQ(invoice.notes[0].text, "Rechnung gemäß Bestellung vom 01.03.2018.");
  ASSERT_TRUE(invoice.delivery);
  ASSERT_TRUE(invoice.delivery->actual_delivery_date);
  EXPECT_EQ(invoice.delivery->actual_delivery_date->value, *core::Date::FromYmd(2018, 3, 5));
  ASSERT_EQ(invoice.lines.size(), 2u);
  ASSERT_TRUE(invoice.lines[0].item);
  ASSERT_TRUE(invoice.lines[0].item->standard_id);
  EXPECT_EQ(invoice.lines[0].item->standard_id->scheme, "0160");
  EXPECT_EQ(invoice.lines[0].price->gross_price->text, "9.9000");
  EXPECT_EQ(invoice.totals->total_with_vat->text, "529.87");
}

// A crafted invoice for the corners the corpus does not pin down.
constexpr std::string_view kCrafted = R"(<?xml version="1.0" encoding="UTF-8"?>
<x:CrossIndustryInvoice xmlns:x="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:a="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:q="urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
  xmlns:u="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
  xmlns:other="urn:example:not-cii">
  <x:ExchangedDocumentContext>
    <a:BusinessProcessSpecifiedDocumentContextParameter><a:ID>A1</a:ID></a:BusinessProcessSpecifiedDocumentContextParameter>
    <a:GuidelineSpecifiedDocumentContextParameter><a:ID>urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended</a:ID></a:GuidelineSpecifiedDocumentContextParameter>
  </x:ExchangedDocumentContext>
  <x:ExchangedDocument>
    <a:ID></a:ID>
    <other:TypeCode>999</other:TypeCode>
    <a:TypeCode>381</a:TypeCode>
    <a:IssueDateTime><u:DateTimeString format="610">202402</u:DateTimeString></a:IssueDateTime>
    <a:IncludedNote><a:Content>Note <![CDATA[one]]></a:Content><a:SubjectCode>AAI</a:SubjectCode></a:IncludedNote>
  </x:ExchangedDocument>
  <x:SupplyChainTradeTransaction>
    <a:IncludedSupplyChainTradeLineItem>
      <a:AssociatedDocumentLineDocument><a:LineID>1</a:LineID></a:AssociatedDocumentLineDocument>
      <a:SpecifiedLineTradeSettlement>
        <a:ApplicableTradeTax><a:TypeCode>GST</a:TypeCode><a:CategoryCode>X</a:CategoryCode></a:ApplicableTradeTax>
        <a:ApplicableTradeTax><a:TypeCode>vat</a:TypeCode><a:CategoryCode>Z</a:CategoryCode><a:RateApplicablePercent>0</a:RateApplicablePercent></a:ApplicableTradeTax>
        <a:SpecifiedTradeAllowanceCharge><a:ChargeIndicator><u:Indicator>1</u:Indicator></a:ChargeIndicator><a:ActualAmount>1.5</a:ActualAmount></a:SpecifiedTradeAllowanceCharge>
        <a:AdditionalReferencedDocument><a:IssuerAssignedID>OBJ-9</a:IssuerAssignedID><a:TypeCode>130</a:TypeCode><a:ReferenceTypeCode>AAB</a:ReferenceTypeCode></a:AdditionalReferencedDocument>
      </a:SpecifiedLineTradeSettlement>
    </a:IncludedSupplyChainTradeLineItem>
    <a:ApplicableHeaderTradeAgreement>
      <a:BuyerOrderReferencedDocument><a:IssuerAssignedID/></a:BuyerOrderReferencedDocument>
      <a:AdditionalReferencedDocument><a:IssuerAssignedID>LOT-1</a:IssuerAssignedID><a:TypeCode>50</a:TypeCode></a:AdditionalReferencedDocument>
      <a:AdditionalReferencedDocument><a:TypeCode>50</a:TypeCode></a:AdditionalReferencedDocument>
      <a:AdditionalReferencedDocument><a:IssuerAssignedID>OBJ-1</a:IssuerAssignedID><a:TypeCode>130</a:TypeCode><a:ReferenceTypeCode>ABZ</a:ReferenceTypeCode></a:AdditionalReferencedDocument>
      <a:AdditionalReferencedDocument><a:IssuerAssignedID>DOC-1</a:IssuerAssignedID><a:TypeCode>916</a:TypeCode><a:Name>Timesheet</a:Name></a:AdditionalReferencedDocument>
    </a:ApplicableHeaderTradeAgreement>
    <a:ApplicableHeaderTradeDelivery/>
    <a:ApplicableHeaderTradeSettlement>
      <a:CreditorReferenceID>FR12ZZZ123456</a:CreditorReferenceID>
      <a:TaxCurrencyCode>SEK</a:TaxCurrencyCode>
      <a:InvoiceCurrencyCode>EUR</a:InvoiceCurrencyCode>
      <a:SpecifiedTradeSettlementPaymentMeans><a:TypeCode>30</a:TypeCode></a:SpecifiedTradeSettlementPaymentMeans>
      <a:SpecifiedTradeSettlementPaymentMeans><a:TypeCode>59</a:TypeCode><a:PayerPartyDebtorFinancialAccount><a:IBANID>DE02</a:IBANID></a:PayerPartyDebtorFinancialAccount></a:SpecifiedTradeSettlementPaymentMeans>
      <a:ApplicableTradeTax><a:CalculatedAmount>0</a:CalculatedAmount><a:TypeCode>VAT</a:TypeCode><a:CategoryCode>Z</a:CategoryCode><a:DueDateTypeCode>5</a:DueDateTypeCode></a:ApplicableTradeTax>
      <a:SpecifiedTradePaymentTerms><a:DirectDebitMandateID>M-7</a:DirectDebitMandateID></a:SpecifiedTradePaymentTerms>
      <a:SpecifiedTradeSettlementHeaderMonetarySummation>
        <a:TaxTotalAmount>1.00</a:TaxTotalAmount>
        <a:TaxTotalAmount currencyID="SEK">11.00</a:TaxTotalAmount>
        <a:TaxTotalAmount currencyID="EUR">1.10</a:TaxTotalAmount>
      </a:SpecifiedTradeSettlementHeaderMonetarySummation>
      <a:InvoiceReferencedDocument><a:IssuerAssignedID>INV-0</a:IssuerAssignedID><a:FormattedIssueDateTime><q:DateTimeString format="102">20240230</q:DateTimeString></a:FormattedIssueDateTime></a:InvoiceReferencedDocument>
    </a:ApplicableHeaderTradeSettlement>
  </x:SupplyChainTradeTransaction>
</x:CrossIndustryInvoice>)";

TEST(CiiReaderTest, BindingCorners) {
  SemanticInvoice invoice = ReadCiiText(kCrafted);
  EXPECT_EQ(invoice.business_process, "A1");
  EXPECT_EQ(invoice.number, "");        // present but empty
  EXPECT_EQ(invoice.type_code, "381");  // the foreign-namespace TypeCode is not CII's
  ASSERT_TRUE(invoice.issue_date);
  EXPECT_EQ(invoice.issue_date->format, "610");
  EXPECT_FALSE(invoice.issue_date->value);
  ASSERT_EQ(invoice.notes.size(), 1u);
  EXPECT_EQ(invoice.notes[0].text, "Note one");
  EXPECT_EQ(invoice.notes[0].subject_code, "AAI");

  EXPECT_EQ(invoice.purchase_order_reference, "");
  EXPECT_FALSE(invoice.sales_order_reference);
  EXPECT_EQ(invoice.tender_or_lot_reference, "LOT-1");
  ASSERT_TRUE(invoice.invoiced_object_id);
  EXPECT_EQ(invoice.invoiced_object_id->value, "OBJ-1");
  EXPECT_EQ(invoice.invoiced_object_id->scheme, "ABZ");
  // The second lot document has no id: it stays a supporting document for BR-52.
  ASSERT_EQ(invoice.supporting_documents.size(), 2u);
  EXPECT_FALSE(invoice.supporting_documents[0].reference);
  EXPECT_EQ(invoice.supporting_documents[0].type_code, "50");
  EXPECT_EQ(invoice.supporting_documents[1].reference, "DOC-1");
  EXPECT_EQ(invoice.supporting_documents[1].description, "Timesheet");
  EXPECT_FALSE(invoice.supporting_documents[1].type_code);

  EXPECT_EQ(invoice.currency, "EUR");
  EXPECT_EQ(invoice.vat_accounting_currency, "SEK");
  ASSERT_TRUE(invoice.totals);
  ASSERT_TRUE(invoice.totals->total_vat);
  EXPECT_EQ(invoice.totals->total_vat->text, "1.10");
  ASSERT_TRUE(invoice.totals->total_vat_accounting);
  EXPECT_EQ(invoice.totals->total_vat_accounting->text, "11.00");
  EXPECT_EQ(invoice.tax_point_date_code, "5");

  ASSERT_EQ(invoice.payment_instructions.size(), 2u);
  EXPECT_FALSE(invoice.payment_instructions[0].direct_debit);
  ASSERT_TRUE(invoice.payment_instructions[1].direct_debit);
  EXPECT_EQ(invoice.payment_instructions[1].direct_debit->debited_account, "DE02");
  EXPECT_EQ(invoice.payment_instructions[1].direct_debit->mandate_reference, "M-7");
  EXPECT_EQ(invoice.payment_instructions[1].direct_debit->creditor_id, "FR12ZZZ123456");

  ASSERT_EQ(invoice.preceding_invoices.size(), 1u);
  EXPECT_EQ(invoice.preceding_invoices[0].number, "INV-0");
  ASSERT_TRUE(invoice.preceding_invoices[0].issue_date);
  EXPECT_EQ(invoice.preceding_invoices[0].issue_date->text, "20240230");
  EXPECT_FALSE(invoice.preceding_invoices[0].issue_date->value);  // no 30 February

  ASSERT_EQ(invoice.lines.size(), 1u);
  const invoice::InvoiceLine& line = invoice.lines[0];
  ASSERT_TRUE(line.item);                       // BG-30 alone makes the item
  EXPECT_EQ(line.item->vat_tax_scheme, "vat");  // the VAT one, not the first
  EXPECT_EQ(line.item->vat_category_code, "Z");
  ASSERT_EQ(line.allowances_charges.size(), 1u);
  EXPECT_TRUE(line.allowances_charges[0].is_charge);
  ASSERT_TRUE(line.object_id);
  EXPECT_EQ(line.object_id->value, "OBJ-9");
  EXPECT_EQ(line.object_id->scheme, "AAB");
  EXPECT_FALSE(line.price);
}

// Two VAT totals in the invoice currency and no BT-6: the schematron counts both (BR-CO-15 wants
// one), so the model keeps the second in BT-111's place.
TEST(CiiReaderTest, KeepsASecondVatTotalInTheInvoiceCurrency) {
  SemanticInvoice invoice = ReadCiiText(ReadFile(kCorpus / "cii/unit/BR-CO-15-2_t04.xml"));
  EXPECT_FALSE(invoice.vat_accounting_currency);
  ASSERT_TRUE(invoice.totals);
  ASSERT_TRUE(invoice.totals->total_vat);
  EXPECT_EQ(invoice.totals->total_vat->text, "675.00");
  ASSERT_TRUE(invoice.totals->total_vat_accounting);
  EXPECT_EQ(invoice.totals->total_vat_accounting->text, "679.00");
  EXPECT_EQ(invoice.totals->total_vat_accounting->currency, "DKK");
}

// Every DueDateTypeCode, CountryID, ExemptionReasonCode and BasisQuantity / BilledQuantity
// @unitCode, in document order, wherever it stands: the CII artefact's code-list rules check each.
TEST(CiiReaderTest, ListsTheCodesAsWritten) {
  SemanticInvoice invoice = ReadCiiText(R"(<rsm:CrossIndustryInvoice
    xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
    xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
  <rsm:SupplyChainTradeTransaction>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:SpecifiedLineTradeAgreement><ram:GrossPriceProductTradePrice>
        <ram:BasisQuantity unitCode="Stk">1</ram:BasisQuantity></ram:GrossPriceProductTradePrice>
      </ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity>2</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax>
        <ram:ExemptionReasonCode> EXEMPT </ram:ExemptionReasonCode></ram:ApplicableTradeTax>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceeTradeParty><ram:PostalTradeAddress><ram:CountryID>UK</ram:CountryID>
      </ram:PostalTradeAddress></ram:InvoiceeTradeParty>
      <ram:ApplicableTradeTax><ram:DueDateTypeCode>72</ram:DueDateTypeCode></ram:ApplicableTradeTax>
      <ram:ApplicableTradeTax><ram:DueDateTypeCode/></ram:ApplicableTradeTax>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>)");
  std::vector<std::pair<std::string, std::string>> codes;
  for (const auto& code : invoice.codes_as_written) codes.emplace_back(code.rule, code.value);
  // The BilledQuantity has no @unitCode: BR-CL-23's context wants one.
  EXPECT_EQ(codes, (std::vector<std::pair<std::string, std::string>>{{"BR-CL-23", "Stk"},
                                                                     {"BR-CL-22", " EXEMPT "},
                                                                     {"BR-CL-14", "UK"},
                                                                     {"BR-CL-06", "72"},
                                                                     {"BR-CL-06", ""}}));
}

TEST(CiiReaderTest, SourcesAreElementOffsets) {
  Parsed parsed;
  ParseInto(kCrafted, parsed);
  const SemanticInvoice& invoice = parsed.invoice;
  auto at = [&](invoice::SourceOffset offset) { return std::string(kCrafted.substr(offset, 40)); };
  EXPECT_EQ(at(invoice.source).rfind("x:CrossIndustryInvoice", 0), 0u) << at(invoice.source);
  EXPECT_EQ(at(invoice.lines[0].source).rfind("a:IncludedSupplyChainTradeLineItem", 0), 0u);
  EXPECT_EQ(at(invoice.totals->source).rfind("a:SpecifiedTradeSettlementHeaderMonetary", 0), 0u);
  EXPECT_EQ(at(invoice.totals->total_vat->source).rfind("a:TaxTotalAmount currencyID=\"EUR\"", 0),
            0u);
}

TEST(CiiWriterTest, RoundTripKeepsTheModel) {
  std::vector<fs::path> files = Instances("cii");
  files.push_back(fs::path());  // and the crafted invoice
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.empty() ? "crafted" : file.string());
    SemanticInvoice first =
        testing::WithoutSources(ReadCiiText(file.empty() ? std::string(kCrafted) : ReadFile(file)));
    testing::DropAmountCurrencies(first);
    std::string written = WriteCii(first);
    SemanticInvoice second = testing::WithoutSources(ReadCiiText(written));
    EXPECT_EQ(testing::FirstDifference(first, second), "");
    EXPECT_TRUE(first == second);
    // Writing again gives the same bytes: nothing drifts.
    EXPECT_EQ(WriteCii(second), written);
  }
}

TEST(CiiWriterTest, WritesTheSchemaOrderAndTheVatTotalsCurrencies) {
  SemanticInvoice invoice = ReadCiiText(kCrafted);
  std::string written = WriteCii(invoice);
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(written.c_str()));
  pugi::xml_node root = document.document_element();
  EXPECT_STREQ(root.name(), "rsm:CrossIndustryInvoice");
  std::vector<std::string> children;
  for (pugi::xml_node child : root.child("rsm:SupplyChainTradeTransaction").children()) {
    children.push_back(child.name());
  }
  EXPECT_EQ(children,
            (std::vector<std::string>{
                "ram:IncludedSupplyChainTradeLineItem", "ram:ApplicableHeaderTradeAgreement",
                "ram:ApplicableHeaderTradeDelivery", "ram:ApplicableHeaderTradeSettlement"}));
  pugi::xml_node summation = root.first_element_by_path(
      "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
      "ram:SpecifiedTradeSettlementHeaderMonetarySummation");
  std::vector<std::string> currencies;
  for (pugi::xml_node amount : summation.children("ram:TaxTotalAmount")) {
    currencies.push_back(std::string(amount.attribute("currencyID").value()) + " " +
                         amount.text().get());
  }
  EXPECT_EQ(currencies, (std::vector<std::string>{"EUR 1.10", "SEK 11.00"}));
}

TEST(CiiWriterTest, WritesIsoDatesAsFormat102) {
  SemanticInvoice invoice;
  invoice.number = "F-1";
  invoice.issue_date = invoice::DateText{"2024-02-29", *core::Date::FromYmd(2024, 2, 29), {}, -1};
  SemanticInvoice read = ReadCiiText(WriteCii(invoice));
  ASSERT_TRUE(read.issue_date);
  EXPECT_EQ(read.issue_date->text, "20240229");
  EXPECT_EQ(read.issue_date->format, "102");
  EXPECT_EQ(read.issue_date->value, invoice.issue_date->value);
}

}  // namespace
}  // namespace choral::formats
