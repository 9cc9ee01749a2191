#include "formats/invoice_summary.h"

#include <gtest/gtest.h>

namespace choral::formats {
namespace {

constexpr const char* kCreditNoteCii = R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocument>
    <ram:ID>AV-2024-0007</ram:ID>
    <ram:TypeCode>381</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20240315</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:BuyerReference>DAF-ACHATS</ram:BuyerReference>
      <ram:SellerTradeParty>
        <ram:Name>Atelier Lumen SARL</ram:Name>
        <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">83412698900013</ram:ID></ram:SpecifiedLegalOrganization>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">fr 12 834126989</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>Ministère de la Transition numérique</ram:Name>
        <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">110009982</ram:ID></ram:SpecifiedLegalOrganization>
      </ram:BuyerTradeParty>
      <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>EJ-2100456789</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans>
        <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>FR76 3000 4000 3123 4567 8901 429</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>
      </ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20240414</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:TaxBasisTotalAmount>218.48</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="USD">16.50</ram:TaxTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">14.99</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>233.47</ram:GrandTotalAmount>
        <ram:DuePayableAmount>233.47</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>)";

TEST(InvoiceSummaryTest, ReadsACiiCreditNoteWithNegativeAmounts) {
  auto s = ReadInvoiceSummary(kCreditNoteCii);
  ASSERT_TRUE(s) << s.error().ToString();
  EXPECT_EQ(s->syntax, "CII");
  EXPECT_EQ(s->invoice_number, "AV-2024-0007");
  EXPECT_EQ(s->document_type, "credit_note");
  EXPECT_EQ(s->issue_date, "2024-03-15");
  EXPECT_EQ(s->due_date, "2024-04-14");
  EXPECT_EQ(s->seller_name, "Atelier Lumen SARL");
  EXPECT_EQ(s->seller_siret, "83412698900013");
  EXPECT_EQ(s->seller_siren, "834126989");
  EXPECT_EQ(s->seller_vat, "FR12834126989");
  EXPECT_EQ(s->buyer_siren, "110009982");
  EXPECT_FALSE(s->buyer_siret.has_value());
  EXPECT_EQ(s->buyer_reference, "DAF-ACHATS");
  EXPECT_EQ(s->order_reference, "EJ-2100456789");
  EXPECT_EQ(s->currency, "EUR");
  EXPECT_EQ(s->iban, "FR7630004000312345678901429");
  EXPECT_EQ(s->total_without_vat, "-218.48");
  EXPECT_EQ(s->total_vat, "-14.99");  // the EUR one, not the USD one
  EXPECT_EQ(s->total_with_vat, "-233.47");
  EXPECT_EQ(s->amount_due, "-233.47");
}

TEST(InvoiceSummaryTest, ReadsAUblInvoice) {
  auto s =
      ReadInvoiceSummary(R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>F-2024-12</cbc:ID><cbc:IssueDate>2024-05-02</cbc:IssueDate><cbc:DueDate>2024-06-01</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>SERV-TECH</cbc:BuyerReference>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyTaxScheme><cbc:CompanyID>FR91852369743</cbc:CompanyID></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Bureau Conseil Étoile</cbc:RegistrationName><cbc:CompanyID>85236974300012</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>Commune de Saint-Exemple</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">2496</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal><cbc:TaxExclusiveAmount currencyID="EUR">12480.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">14976</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="EUR">14976.00</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>)");
  ASSERT_TRUE(s) << s.error().ToString();
  EXPECT_EQ(s->syntax, "UBL");
  EXPECT_EQ(s->document_type, "invoice");
  EXPECT_EQ(s->seller_name, "Bureau Conseil Étoile");
  EXPECT_EQ(s->seller_siret, "85236974300012");
  EXPECT_EQ(s->seller_vat, "FR91852369743");
  EXPECT_EQ(s->buyer_name, "Commune de Saint-Exemple");
  EXPECT_EQ(s->total_vat, "2496.00");
  EXPECT_EQ(s->total_with_vat, "14976.00");
  EXPECT_EQ(s->due_date, "2024-06-01");
}

TEST(InvoiceSummaryTest, NeverExpandsEntities) {
  // A classic XXE attempt: the DOCTYPE is not parsed, so the entity stays unexpanded and nothing
  // is read from the file system.
  auto s = ReadInvoiceSummary(R"(<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice><ID>&xxe;</ID></Invoice>)");
  if (s) {
    ASSERT_TRUE(s->invoice_number.has_value());
    EXPECT_EQ(s->invoice_number->find("root:"), std::string::npos);
  } else {
    EXPECT_EQ(s.error().code, core::ErrorCode::kMalformedInput);
  }
}

TEST(InvoiceSummaryTest, BadInputIsNamed) {
  auto broken = ReadInvoiceSummary("<Invoice>\n  <ID>1</Invo");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, core::ErrorCode::kMalformedInput);
  EXPECT_NE(broken.error().message.find("at 2:"), std::string::npos) << broken.error().message;

  auto other = ReadInvoiceSummary("<Order><ID>1</ID></Order>");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, core::ErrorCode::kUnsupported);
  EXPECT_NE(other.error().message.find("<Order>"), std::string::npos);

  auto large = ReadInvoiceSummary(std::string(2000, ' '), 1000);
  ASSERT_FALSE(large);
  EXPECT_EQ(large.error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace choral::formats
