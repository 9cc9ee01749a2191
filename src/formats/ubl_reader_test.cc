#include "formats/ubl_reader.h"

#include <string>

#include <gtest/gtest.h>

#include "formats/corpus_for_test.h"

namespace choral::formats {
namespace {

using testing::CorpusFiles;
using testing::En16931Dir;
using testing::ReadFile;

constexpr const char* kInvoiceOpen =
    R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" )"
    R"(xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" )"
    R"(xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)";

struct Parsed {
  pugi::xml_document document;
  invoice::SemanticInvoice invoice;
};

std::unique_ptr<Parsed> ReadText(const std::string& xml) {
  auto parsed = std::make_unique<Parsed>();
  pugi::xml_parse_result result = parsed->document.load_buffer(xml.data(), xml.size());
  EXPECT_TRUE(result) << result.description();
  parsed->invoice = ReadUbl(parsed->document.document_element());
  return parsed;
}

std::unique_ptr<Parsed> ReadInvoiceBody(const std::string& body) {
  return ReadText(std::string(kInvoiceOpen) + body + "</Invoice>");
}

TEST(UblReaderTest, ReadsTheMaximalInvoice) {
  auto parsed = ReadText(ReadFile(En16931Dir() + "/ubl/cen-testfiles/Invoice-Max_content.xml"));
  const invoice::SemanticInvoice& inv = parsed->invoice;
  EXPECT_EQ(inv.number, "2018210");
  ASSERT_TRUE(inv.issue_date && inv.issue_date->value);
  EXPECT_EQ(inv.issue_date->value->ToIso(), "2018-02-08");
  EXPECT_EQ(inv.due_date->text, "2018-03-07");
  EXPECT_EQ(inv.type_code, "380");
  EXPECT_EQ(inv.currency, "SEK");
  EXPECT_EQ(inv.vat_accounting_currency, "EUR");
  EXPECT_EQ(inv.specification_id,
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
  EXPECT_EQ(inv.business_process, "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
  EXPECT_EQ(inv.buyer_accounting_reference, "BES, 87392");
  EXPECT_EQ(inv.project_reference, "Project 99");
  EXPECT_EQ(inv.tender_or_lot_reference, "Tender 2017-12, lot no. 3");
  ASSERT_TRUE(inv.invoiced_object_id);
  EXPECT_EQ(inv.invoiced_object_id->value, "ABC123");
  EXPECT_EQ(inv.invoiced_object_id->scheme, "VT");
  EXPECT_EQ(inv.purchase_order_reference, "20180117");
  EXPECT_EQ(inv.sales_order_reference, "INK/0117/JM");
  ASSERT_EQ(inv.notes.size(), 1u);
  EXPECT_EQ(inv.notes[0].text, "Document level Note\nLine break should be respected here.");
  EXPECT_FALSE(inv.notes[0].subject_code);
  ASSERT_EQ(inv.preceding_invoices.size(), 2u);
  EXPECT_EQ(inv.preceding_invoices[1].number, "Preceding invoice no.2");
  EXPECT_FALSE(inv.preceding_invoices[1].issue_date);

  // BG-24 keeps the three references that are not BT-18 (code 130).
  ASSERT_EQ(inv.supporting_documents.size(), 3u);
  EXPECT_EQ(inv.supporting_documents[1].attachment_mime, "text/csv");
  EXPECT_EQ(inv.supporting_documents[1].attachment, "\n\t\t\t\t01234567\n\t\t\t");
  EXPECT_EQ(inv.supporting_documents[2].external_location, "http://www.example.com/index.html");

  ASSERT_TRUE(inv.seller);
  const invoice::Seller& seller = *inv.seller;
  EXPECT_EQ(seller.name, "The Global Chain Sweden AB");
  EXPECT_EQ(seller.trading_name, "Global Trade Chain");
  ASSERT_EQ(seller.identifiers.size(), 2u);
  EXPECT_EQ(seller.identifiers[0].scheme, "0088");
  EXPECT_FALSE(seller.identifiers[1].scheme);
  EXPECT_EQ(seller.vat_id, "SE123456789001");
  EXPECT_EQ(seller.tax_registration_id, "Godkänd för F-skatt");
  EXPECT_EQ(seller.legal_information, "Säte: Big CIty");
  EXPECT_EQ(seller.electronic_address->scheme, "0007");
  EXPECT_EQ(seller.address->line3, "Address-line3");
  EXPECT_EQ(seller.address->subdivision, "Delstat A");
  EXPECT_EQ(seller.contact->email, "info@UCS.se");
  EXPECT_EQ(inv.buyer->vat_id, "SE123451234501");
  EXPECT_EQ(inv.payee->name, "Finansiell Support u.p.a.");
  EXPECT_EQ(inv.payee->legal_registration_id->value, "5566778899");
  EXPECT_EQ(inv.tax_representative->vat_id, "SE998877665501");
  EXPECT_EQ(inv.tax_representative->address->country, "SE");
  EXPECT_EQ(inv.delivery->party_name, "Deliver-to Name A.S.");
  EXPECT_EQ(inv.delivery->location_id->scheme, "0088");
  EXPECT_EQ(inv.delivery->address->city, "DELIV Town");
  EXPECT_EQ(inv.period->start->text, "2018-02-01");

  ASSERT_EQ(inv.payment_instructions.size(), 4u);
  EXPECT_EQ(inv.payment_instructions[0].means_text, "Credit transfer");
  EXPECT_FALSE(inv.payment_instructions[1].means_text);
  EXPECT_EQ(inv.payment_instructions[0].remittance_information, "1800355");
  EXPECT_EQ(inv.payment_instructions[0].credit_transfers.at(0).account_id,
            "SE1212341234123412341234");
  EXPECT_EQ(inv.payment_instructions[0].credit_transfers.at(0).service_provider_id, "BANKSBIC");

  ASSERT_EQ(inv.allowances_charges.size(), 2u);
  EXPECT_FALSE(inv.allowances_charges[0].is_charge);
  EXPECT_TRUE(inv.allowances_charges[1].is_charge);
  EXPECT_EQ(inv.allowances_charges[1].reason_code, "WH");
  EXPECT_EQ(inv.allowances_charges[1].vat_category_code, "E");
  EXPECT_EQ(inv.allowances_charges[1].tax_scheme, "VAT");
  EXPECT_EQ(inv.allowances_charges[1].amount->currency, "SEK");

  ASSERT_TRUE(inv.totals);
  EXPECT_EQ(inv.totals->total_vat->text, "2500");
  EXPECT_EQ(inv.totals->total_vat->currency, "SEK");
  EXPECT_EQ(inv.totals->total_vat_accounting->currency, "EUR");
  EXPECT_TRUE(inv.totals->summation_present);
  ASSERT_TRUE(inv.totals->amount_due && inv.totals->amount_due->value);
  EXPECT_FALSE(inv.vat_breakdown.empty());
  EXPECT_EQ(inv.vat_breakdown[0].category_code, "S");
  EXPECT_EQ(inv.vat_breakdown[0].rate->text, "25");

  ASSERT_FALSE(inv.lines.empty());
  const invoice::InvoiceLine& line = inv.lines[0];
  EXPECT_TRUE(line.id);
  ASSERT_TRUE(line.item);
  EXPECT_TRUE(line.item->vat_category_code);
  EXPECT_NE(line.item->vat_source, invoice::kNoSource);
  EXPECT_NE(line.source, invoice::kNoSource);
  EXPECT_NE(inv.source, invoice::kNoSource);
}

TEST(UblReaderTest, ReadsTheCreditNoteBinding) {
  auto parsed = ReadText(ReadFile(En16931Dir() + "/ubl/cen-testfiles/CreditNote-Max_content.xml"));
  const invoice::SemanticInvoice& inv = parsed->invoice;
  EXPECT_EQ(inv.type_code, "381");
  // BT-11 is the AdditionalDocumentReference of code 50 in a credit note, not a BG-24.
  EXPECT_EQ(inv.project_reference, "11111111");
  EXPECT_EQ(inv.tender_or_lot_reference, "Tender 2017-12, lot no. 3");
  EXPECT_EQ(inv.invoiced_object_id->value, "ABC123");
  for (const invoice::SupportingDocument& document : inv.supporting_documents) {
    EXPECT_NE(document.reference, "11111111");
    EXPECT_NE(document.reference, "ABC123");
  }
  ASSERT_FALSE(inv.lines.empty());
  EXPECT_TRUE(inv.lines[0].quantity);  // CreditedQuantity
  EXPECT_TRUE(inv.lines[0].quantity_unit);
  ASSERT_TRUE(inv.lines[0].object_id);
  EXPECT_EQ(inv.lines[0].object_id->value, "130-DR35141");
  EXPECT_EQ(inv.lines[0].object_id->scheme, "ABZ");
}

TEST(UblReaderTest, CreditNoteDueDateIsOnThePaymentMeans) {
  auto parsed = ReadText(
      R"(<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" )"
      R"(xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" )"
      R"(xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)"
      "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode><cac:PaymentMeans>"
      "<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>"
      "<cbc:PaymentDueDate>2024-02-30</cbc:PaymentDueDate></cac:PaymentMeans></CreditNote>");
  ASSERT_TRUE(parsed->invoice.due_date);
  EXPECT_EQ(parsed->invoice.due_date->text, "2024-02-30");
  EXPECT_FALSE(parsed->invoice.due_date->value);  // no 30 February
}

TEST(UblReaderTest, KeepsPresenceAndTextAsWritten) {
  auto parsed = ReadInvoiceBody(
      "<cbc:ID></cbc:ID><cbc:IssueDate> 2024-01-05 </cbc:IssueDate>"
      "<cbc:Note>#AAI#Pay on time</cbc:Note><cbc:Note>no code</cbc:Note>"
      "<cac:InvoiceLine><cbc:ID>1</cbc:ID>"
      "<cbc:InvoicedQuantity unitCode='C62'> 1.500 </cbc:InvoicedQuantity>"
      "<cbc:LineExtensionAmount currencyID='EUR'>1e3</cbc:LineExtensionAmount>"
      "</cac:InvoiceLine>");
  const invoice::SemanticInvoice& inv = parsed->invoice;
  EXPECT_EQ(inv.number, "");  // present but empty
  EXPECT_FALSE(inv.type_code);
  EXPECT_EQ(inv.issue_date->text, " 2024-01-05 ");
  EXPECT_EQ(inv.issue_date->value->ToIso(), "2024-01-05");
  ASSERT_EQ(inv.notes.size(), 2u);
  EXPECT_EQ(inv.notes[0].subject_code, "AAI");
  EXPECT_EQ(inv.notes[0].text, "#AAI#Pay on time");
  EXPECT_FALSE(inv.notes[1].subject_code);
  ASSERT_EQ(inv.lines.size(), 1u);
  EXPECT_EQ(inv.lines[0].quantity->text, " 1.500 ");
  EXPECT_EQ(inv.lines[0].quantity->value, core::Decimal::FromUnits(1500, 3));
  EXPECT_EQ(inv.lines[0].quantity_unit, "C62");
  EXPECT_EQ(inv.lines[0].net_amount->text, "1e3");
  EXPECT_FALSE(inv.lines[0].net_amount->value);  // not an xs:decimal
  EXPECT_EQ(inv.lines[0].net_amount->currency, "EUR");
  EXPECT_FALSE(inv.totals);
  EXPECT_FALSE(inv.seller);
}

TEST(UblReaderTest, PicksTaxTotalsByCurrency) {
  auto parsed = ReadInvoiceBody(
      "<cbc:DocumentCurrencyCode>DKK</cbc:DocumentCurrencyCode>"
      "<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>"
      "<cac:TaxTotal><cbc:TaxAmount currencyID='EUR'>628.62</cbc:TaxAmount></cac:TaxTotal>"
      "<cac:TaxTotal><cbc:TaxAmount currencyID='DKK'>675.00</cbc:TaxAmount>"
      "<cac:TaxSubtotal><cbc:TaxAmount currencyID='DKK'>675.00</cbc:TaxAmount>"
      "<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent>"
      "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>"
      "</cac:TaxSubtotal></cac:TaxTotal>");
  const invoice::SemanticInvoice& inv = parsed->invoice;
  ASSERT_TRUE(inv.totals);
  EXPECT_FALSE(inv.totals->summation_present);  // no LegalMonetaryTotal
  EXPECT_EQ(inv.totals->total_vat->text, "675.00");
  EXPECT_EQ(inv.totals->total_vat_accounting->text, "628.62");
  ASSERT_EQ(inv.vat_breakdown.size(), 1u);
  EXPECT_EQ(inv.vat_breakdown[0].category_code, "S");
  EXPECT_FALSE(inv.vat_breakdown[0].taxable_amount);
}

TEST(UblReaderTest, WithoutCurrenciesTheTaxTotalWithSubtotalsIsBt110) {
  auto parsed = ReadInvoiceBody(
      "<cac:TaxTotal><cbc:TaxAmount>1</cbc:TaxAmount></cac:TaxTotal>"
      "<cac:TaxTotal><cbc:TaxAmount>250</cbc:TaxAmount>"
      "<cac:TaxSubtotal><cbc:TaxAmount>250</cbc:TaxAmount></cac:TaxSubtotal></cac:TaxTotal>");
  ASSERT_TRUE(parsed->invoice.totals);
  EXPECT_EQ(parsed->invoice.totals->total_vat->text, "250");
  EXPECT_FALSE(parsed->invoice.totals->total_vat->currency);
}

TEST(UblReaderTest, ThePartyTaxSchemeAndTaxCategoryOfVatCount) {
  auto parsed = ReadInvoiceBody(
      "<cac:AccountingSupplierParty><cac:Party>"
      "<cac:PartyIdentification><cbc:ID schemeID='SEPA'>DE98ZZZ09999999999</cbc:ID>"
      "</cac:PartyIdentification>"
      "<cac:PartyTaxScheme><cbc:CompanyID>LOCAL-1</cbc:CompanyID>"
      "<cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
      "<cac:PartyTaxScheme><cbc:CompanyID>DE123</cbc:CompanyID>"
      "<cac:TaxScheme><cbc:ID> vat </cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
      "</cac:Party></cac:AccountingSupplierParty>"
      "<cac:PaymentMeans><cbc:PaymentMeansCode>59</cbc:PaymentMeansCode>"
      "<cac:PaymentMandate><cbc:ID>M-1</cbc:ID><cac:PayerFinancialAccount><cbc:ID>DE02</cbc:ID>"
      "</cac:PayerFinancialAccount></cac:PaymentMandate></cac:PaymentMeans>"
      "<cac:AllowanceCharge><cbc:ChargeIndicator>maybe</cbc:ChargeIndicator></cac:AllowanceCharge>"
      "<cac:AllowanceCharge><cbc:ChargeIndicator> 1 </cbc:ChargeIndicator>"
      "<cac:TaxCategory><cbc:ID>X</cbc:ID><cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme>"
      "</cac:TaxCategory><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent>"
      "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>"
      "</cac:AllowanceCharge>");
  const invoice::SemanticInvoice& inv = parsed->invoice;
  ASSERT_TRUE(inv.seller);
  EXPECT_TRUE(inv.seller->identifiers.empty());  // the SEPA id is BT-90
  EXPECT_EQ(inv.seller->vat_id, "DE123");
  EXPECT_EQ(inv.seller->tax_registration_id, "LOCAL-1");
  ASSERT_EQ(inv.payment_instructions.size(), 1u);
  ASSERT_TRUE(inv.payment_instructions[0].direct_debit);
  EXPECT_EQ(inv.payment_instructions[0].direct_debit->creditor_id, "DE98ZZZ09999999999");
  EXPECT_EQ(inv.payment_instructions[0].direct_debit->mandate_reference, "M-1");
  EXPECT_EQ(inv.payment_instructions[0].direct_debit->debited_account, "DE02");
  ASSERT_EQ(inv.allowances_charges.size(), 1u);  // "maybe" is neither
  EXPECT_TRUE(inv.allowances_charges[0].is_charge);
  EXPECT_EQ(inv.allowances_charges[0].vat_category_code, "S");
  EXPECT_EQ(inv.allowances_charges[0].vat_rate->text, "19");
}

TEST(UblReaderTest, SourcesAreTheElementsOffsets) {
  const std::string xml = std::string(kInvoiceOpen) +
                          "\n<cac:InvoiceLine><cbc:ID>1</cbc:ID></cac:InvoiceLine></Invoice>";
  auto parsed = ReadText(xml);
  ASSERT_EQ(parsed->invoice.lines.size(), 1u);
  invoice::SourceOffset offset = parsed->invoice.lines[0].source;
  ASSERT_GE(offset, 0);
  EXPECT_EQ(xml.substr(static_cast<size_t>(offset), 15), "cac:InvoiceLine");
}

TEST(UblReaderTest, ReadsEveryUblInstanceOfTheCorpus) {
  std::vector<std::string> files = CorpusFiles("ubl", "instance");
  ASSERT_GE(files.size(), 78u);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    auto parsed = ReadText(ReadFile(En16931Dir() + "/" + file));
    const invoice::SemanticInvoice& inv = parsed->invoice;
    EXPECT_TRUE(inv.number);
    EXPECT_TRUE(inv.issue_date && inv.issue_date->value);
    EXPECT_TRUE(inv.type_code);
    EXPECT_TRUE(inv.seller && inv.seller->name);
    EXPECT_TRUE(inv.totals && inv.totals->amount_due && inv.totals->amount_due->value);
    EXPECT_FALSE(inv.lines.empty());
  }
}

}  // namespace
}  // namespace choral::formats
