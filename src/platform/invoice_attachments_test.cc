// Attachments joined to a supplier's completion, and the supplier's acknowledgements of
// rejections and suspensions, through the platform on both backends.
#include <gtest/gtest.h>

#include "platform/invoice_test_fixture.h"

namespace choral::platform {
namespace {

using core::ErrorCode;
using invoice::InvoiceStatus;

using testing::CorpusPdf;

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "IHDR-rest";
const std::string kDocx = std::string("PK\x03\x04", 4) + "word/document.xml...";

class InvoiceAttachmentsTest : public testing::InvoiceFixture {
 protected:
  // An invoice to the ministry, suspended by it.
  core::InvoiceId Suspended(const std::string& number) {
    core::InvoiceId id = Deposit(number);
    EXPECT_TRUE(Move(ministry_, id, InvoiceStatus::kSuspended, "Bon de livraison manquant"));
    return id;
  }

  core::Status Complete(core::InvoiceId id, const std::vector<NewAttachment>& attachments) {
    return processing_.Move(supplier_, id, InvoiceStatus::kCompleted, "Pièces jointes",
                            Version(supplier_, id), attachments);
  }

  void ExpectAuditChainIntact() {
    auto verified = store_->Verify();
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->ok) << verified->first_problem;
  }
};

TEST(AttachmentMediaTypeTest, TheContentDecidesNotTheName) {
  EXPECT_EQ(AttachmentMediaType({"a.bin", "%PDF-1.7\n..."}).value(), "application/pdf");
  EXPECT_EQ(AttachmentMediaType({"scan.PDF", kPng}).value(), "image/png");
  EXPECT_EQ(AttachmentMediaType({"photo.jpg", "\xFF\xD8\xFF\xE0 JFIF"}).value(), "image/jpeg");
  EXPECT_EQ(AttachmentMediaType({"fax.tif", std::string("II*\0rest", 8)}).value(), "image/tiff");
  EXPECT_EQ(AttachmentMediaType({"fax.tiff", std::string("MM\0*rest", 8)}).value(), "image/tiff");
  EXPECT_EQ(AttachmentMediaType({"Devis.DOCX", kDocx}).value(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(AttachmentMediaType({"tableau.ods", kDocx}).value(),
            "application/vnd.oasis.opendocument.spreadsheet");
  EXPECT_EQ(AttachmentMediaType({"old.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1..."}).value(),
            "application/vnd.ms-excel");

  auto text_named_pdf = AttachmentMediaType({"facture.pdf", "Bonjour, voici la facture"});
  ASSERT_FALSE(text_named_pdf);
  EXPECT_EQ(text_named_pdf.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(text_named_pdf.error().message.find("facture.pdf"), std::string::npos);
  EXPECT_NE(text_named_pdf.error().message.find("content"), std::string::npos);
  auto zip = AttachmentMediaType({"archive.zip", kDocx});
  ASSERT_FALSE(zip);
  EXPECT_NE(zip.error().message.find("ZIP"), std::string::npos);
  EXPECT_FALSE(AttachmentMediaType({"macro.exe", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"}));
  EXPECT_FALSE(AttachmentMediaType({"vide.pdf", ""}));
  auto big = AttachmentMediaType({"gros.pdf", "%PDF-" + std::string(kMaxAttachmentBytes, 'x')});
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().message.find("10 MB"), std::string::npos);
  EXPECT_TRUE(
      AttachmentMediaType({"juste.pdf", "%PDF-" + std::string(kMaxAttachmentBytes - 5, 'x')}));
}

TEST_F(InvoiceAttachmentsTest, ACompletionCarriesAttachmentsBothSidesSeeAndDownload) {
  core::InvoiceId id = Suspended("PJ-1");
  const std::string pdf = CorpusPdf();
  ASSERT_TRUE(Complete(id, {{"C:\\fakepath\\bon de livraison.pdf", pdf}, {"photo.png", kPng}}));

  for (const Actor* actor : {&supplier_, &ministry_}) {
    auto view = processing_.View(*actor, id);
    ASSERT_TRUE(view);
    EXPECT_EQ(view->summary.invoice.status, InvoiceStatus::kCompleted);
    ASSERT_EQ(view->attachments.size(), 2u);
    EXPECT_EQ(view->attachments[0].file_name, "bon de livraison.pdf");
    EXPECT_EQ(view->attachments[0].media_type, "application/pdf");
    EXPECT_EQ(view->attachments[0].size, static_cast<int64_t>(pdf.size()));
    EXPECT_EQ(view->attachments[0].added_by, supplier_.user_id);
    EXPECT_EQ(view->attachments[1].media_type, "image/png");
    std::vector<std::string> added;
    for (const auto& entry : view->history) {
      if (entry.action == "AJOUT_PIECE_JOINTE") added.push_back(entry.comment);
    }
    EXPECT_EQ(added, (std::vector<std::string>{"bon de livraison.pdf", "photo.png"}));

    auto file = processing_.Attachment(*actor, id, view->attachments[0].id);
    ASSERT_TRUE(file) << file.error().ToString();
    EXPECT_EQ(file->bytes, pdf);
    EXPECT_EQ(file->media_type, "application/pdf");
    EXPECT_EQ(file->file_name, "bon de livraison.pdf");
  }
  int64_t first = processing_.View(ministry_, id).value().attachments[0].id;
  auto outsider = processing_.Attachment(hospital_, id, first);
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code, ErrorCode::kNotFound);
  auto wrong_invoice = processing_.Attachment(supplier_, Suspended("PJ-2"), first);
  ASSERT_FALSE(wrong_invoice);
  EXPECT_EQ(wrong_invoice.error().code, ErrorCode::kNotFound);
  auto no_invoice = processing_.Attachment(supplier_, core::InvoiceId(999'999), first);
  ASSERT_FALSE(no_invoice);
  EXPECT_EQ(no_invoice.error().code, ErrorCode::kNotFound);
  ExpectAuditChainIntact();
}

TEST_F(InvoiceAttachmentsTest, ARefusedAttachmentRefusesTheWholeCompletion) {
  core::InvoiceId id = Suspended("PJ-3");
  auto fake_pdf = Complete(id, {{"ok.png", kPng}, {"facture.pdf", "<html>pas un PDF</html>"}});
  ASSERT_FALSE(fake_pdf);
  EXPECT_EQ(fake_pdf.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(fake_pdf.error().message.find("facture.pdf"), std::string::npos);
  auto too_big = Complete(id, {{"gros.pdf", "%PDF-" + std::string(kMaxAttachmentBytes, ' ')}});
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().code, ErrorCode::kInvalidArgument);

  auto view = processing_.View(supplier_, id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->summary.invoice.status, InvoiceStatus::kSuspended);
  EXPECT_TRUE(view->attachments.empty());

  // Attachments come with a supplier's completion, not with another move, nor from outsiders.
  auto with_rejection = processing_.Move(ministry_, id, InvoiceStatus::kRejected, "Non",
                                         Version(ministry_, id), {{"a.png", kPng}});
  ASSERT_FALSE(with_rejection);
  EXPECT_EQ(with_rejection.error().code, ErrorCode::kInvalidArgument);
  auto outsider = processing_.Move(hospital_, id, InvoiceStatus::kCompleted, "",
                                   Version(ministry_, id), {{"a.png", kPng}});
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(processing_.View(supplier_, id).value().attachments.empty());
}

TEST_F(InvoiceAttachmentsTest, TheSupplierAcknowledgesARejectionOnce) {
  core::InvoiceId id = Suspended("AQ-1");
  ASSERT_TRUE(Complete(id, {}));
  ASSERT_TRUE(Move(ministry_, id, InvoiceStatus::kRejected, "Montant erroné"));
  EXPECT_EQ(processing_.CountToProcess(supplier_).value(), 1);
  InvoiceSearch to_process;
  to_process.space = InvoiceSpace::kToProcess;
  ASSERT_EQ(processing_.Search(supplier_, to_process).value().invoices.size(), 1u);
  EXPECT_TRUE(processing_.View(supplier_, id).value().can_acknowledge);
  EXPECT_FALSE(processing_.View(ministry_, id).value().can_acknowledge);

  auto by_recipient = processing_.Acknowledge(ministry_, id);
  ASSERT_FALSE(by_recipient);
  EXPECT_EQ(by_recipient.error().code, ErrorCode::kPermissionDenied);
  auto by_outsider = processing_.Acknowledge(hospital_, id);
  ASSERT_FALSE(by_outsider);
  EXPECT_EQ(by_outsider.error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(processing_.Acknowledge(supplier_, id));
  auto view = processing_.View(supplier_, id);
  ASSERT_TRUE(view);
  EXPECT_FALSE(view->can_acknowledge);
  EXPECT_EQ(view->history.back().action, "ACQUITTEMENT_REJET");
  EXPECT_FALSE(view->history.back().status.has_value());
  EXPECT_EQ(view->history.back().actor, "user:" + std::to_string(supplier_.user_id.value()));
  EXPECT_EQ(processing_.CountToProcess(supplier_).value(), 0);
  EXPECT_EQ(processing_.Search(supplier_, to_process).value().total, 0);
  auto again = processing_.Acknowledge(supplier_, id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  ExpectAuditChainIntact();
}

TEST_F(InvoiceAttachmentsTest, EachSuspensionIsAcknowledgedAndStaysToProcess) {
  core::InvoiceId id = Suspended("AQ-2");
  EXPECT_TRUE(processing_.View(supplier_, id).value().can_acknowledge);
  ASSERT_TRUE(processing_.Acknowledge(supplier_, id));
  EXPECT_EQ(processing_.View(supplier_, id).value().history.back().action,
            "ACQUITTEMENT_SUSPENSION");
  EXPECT_FALSE(processing_.View(supplier_, id).value().can_acknowledge);
  EXPECT_EQ(processing_.CountToProcess(supplier_).value(), 1);  // still to complete

  ASSERT_TRUE(Complete(id, {{"bon.pdf", CorpusPdf()}}));
  auto not_suspended = processing_.Acknowledge(supplier_, id);
  ASSERT_FALSE(not_suspended);
  EXPECT_EQ(not_suspended.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(Move(ministry_, id, InvoiceStatus::kSuspended, "Encore un document"));
  EXPECT_TRUE(processing_.View(supplier_, id).value().can_acknowledge);
  ASSERT_TRUE(processing_.Acknowledge(supplier_, id));
  ExpectAuditChainIntact();
}

}  // namespace
}  // namespace choral::platform
