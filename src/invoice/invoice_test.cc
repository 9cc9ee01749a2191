#include "invoice/invoice.h"

#include <gtest/gtest.h>

namespace choral::invoice {
namespace {

TEST(DocumentTypeTest, CodesRoundTrip) {
  EXPECT_EQ(DocumentTypeCode(DocumentType::kInvoice), "FACTURE");
  EXPECT_EQ(DocumentTypeCode(DocumentType::kCreditNote), "AVOIR");
  EXPECT_EQ(ParseDocumentTypeCode("FACTURE"), DocumentType::kInvoice);
  EXPECT_EQ(ParseDocumentTypeCode("AVOIR"), DocumentType::kCreditNote);
  EXPECT_EQ(ParseDocumentTypeCode("avoir"), std::nullopt);
  EXPECT_EQ(ParseDocumentTypeCode("380"), std::nullopt);
  EXPECT_EQ(ParseDocumentTypeCode(""), std::nullopt);
}

TEST(FrameworkTest, ASimpleDepositOffersA1A2A9A12) {
  EXPECT_EQ(kDefaultFramework, "A1_FACTURE_FOURNISSEUR");
  EXPECT_TRUE(IsDepositFramework("A1_FACTURE_FOURNISSEUR"));
  EXPECT_TRUE(IsDepositFramework("A2_FACTURE_FOURNISSEUR_DEJA_PAYEE"));
  EXPECT_TRUE(IsDepositFramework("A9_FACTURE_SOUSTRAITANT"));
  EXPECT_TRUE(IsDepositFramework("A12_FACTURE_COTRAITANT"));
}

TEST(FrameworkTest, OtherFrameworksAreNotOffered) {
  EXPECT_FALSE(IsDepositFramework("A3_MEMOIRE_JUSTICE"));
  EXPECT_FALSE(IsDepositFramework("A5_ETAT_ACOMPTE_FOURNISSEUR"));
  EXPECT_FALSE(IsDepositFramework("A21_DEMANDE_REMBOURSEMENT_TIC"));
  EXPECT_FALSE(IsDepositFramework("A1"));
  EXPECT_FALSE(IsDepositFramework("a1_facture_fournisseur"));
  EXPECT_FALSE(IsDepositFramework("A1_FACTURE_FOURNISSEUR "));
  EXPECT_FALSE(IsDepositFramework(""));
}

TEST(InvoiceTest, DefaultsAreAFreshEuroInvoiceUnderA1) {
  const Invoice invoice;
  EXPECT_FALSE(invoice.id.valid());
  EXPECT_EQ(invoice.type, DocumentType::kInvoice);
  EXPECT_EQ(invoice.framework, "A1_FACTURE_FOURNISSEUR");
  EXPECT_EQ(invoice.currency, "EUR");
  EXPECT_EQ(invoice.status, InvoiceStatus::kDeposited);
  EXPECT_TRUE(invoice.total_with_vat.IsZero());
  EXPECT_EQ(invoice.version, 0);
}

TEST(InvoiceTest, EqualityComparesEveryField) {
  Invoice a;
  a.invoice_number = "F-2026-001";
  a.total_with_vat = core::Decimal::FromCents(12000);
  Invoice b = a;
  EXPECT_EQ(a, b);
  b.total_with_vat = core::Decimal::FromUnits(120, 0);  // same value, other scale
  EXPECT_EQ(a, b);
  b.version = 1;
  EXPECT_NE(a, b);
}

TEST(HistoryEntryTest, AStatusChangeAndAPlainAction) {
  HistoryEntry change;
  change.status = InvoiceStatus::kSuspended;
  change.action = "STATUS_CHANGE";
  change.comment = "missing delivery note";
  HistoryEntry action;
  action.action = "ACQUITTEMENT_SUSPENSION";
  EXPECT_NE(change, action);
  EXPECT_EQ(action.status, std::nullopt);
}

}  // namespace
}  // namespace choral::invoice
