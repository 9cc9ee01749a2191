// AttachmentRepository on the backend the environment chooses (test_backend.h).
#include "store/attachment_repository.h"

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/test_backend.h"

namespace choral::store {
namespace {

class AttachmentRepositoryTest : public StoreTestBase {
 protected:
  void SetUp() override {
    StoreTestBase::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
      core::StructureId ids[2];
      const char* identifiers[2] = {"35600000000048", "73282932000074"};
      for (int i = 0; i < 2; ++i) {
        directory::Structure s;
        s.identifier_type = directory::IdentifierType::kSiret;
        s.identifier = identifiers[i];
        s.kind = i == 0 ? directory::StructureKind::kPrivate : directory::StructureKind::kPublic;
        s.name = std::string("Structure ") + identifiers[i];
        auto inserted = tx.structures().Insert(s);
        if (!inserted) return core::Fail(inserted.error());
        ids[i] = *inserted;
      }
      accounts::User u;
      u.email = "claire@example.fr";
      u.first_name = "Claire";
      u.last_name = "Martin";
      u.password_hash = "x";
      auto user = tx.users().Insert(u);
      if (!user) return core::Fail(user.error());
      user_ = *user;
      for (core::InvoiceId* id : {&invoice_, &other_invoice_}) {
        invoice::Invoice i;
        i.supplier_id = ids[0];
        i.recipient_id = ids[1];
        i.invoice_number = id == &invoice_ ? "F-1" : "F-2";
        i.pdf_sha256 = std::string(64, 'e');
        i.deposited_at = clock_.Now();
        i.deposited_by = user_;
        auto inserted = tx.invoices().Insert(i);
        if (!inserted) return core::Fail(inserted.error());
        *id = *inserted;
      }
      return core::Ok();
    }));
  }

  Attachment Make(core::InvoiceId invoice, std::string name, invoice::Side side) const {
    Attachment a;
    a.invoice_id = invoice;
    a.file_name = std::move(name);
    a.media_type = "application/pdf";
    a.size = 1234;
    a.sha256 = std::string(64, 'a');
    a.added_at = clock_.Now();
    a.added_by = user_;
    a.side = side;
    return a;
  }

  core::UserId user_;
  core::InvoiceId invoice_, other_invoice_;
};

TEST_P(AttachmentRepositoryTest, InsertedAttachmentsAreListedByInvoiceInOrder) {
  Attachment first = Make(invoice_, "bon de livraison.pdf", invoice::Side::kSupplier);
  Attachment second = Make(invoice_, "photo.png", invoice::Side::kRecipient);
  second.media_type = "image/png";
  second.sha256 = std::string(64, 'b');
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    for (Attachment* a : {&first, &second}) {
      auto id = tx.attachments().Insert(*a);
      if (!id) return core::Fail(id.error());
      a->id = *id;
    }
    auto other = tx.attachments().Insert(Make(other_invoice_, "x.pdf", invoice::Side::kSupplier));
    if (!other) return core::Fail(other.error());
    return core::Ok();
  }));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto list = tx.attachments().ListByInvoice(invoice_);
    if (!list) return core::Fail(list.error());
    EXPECT_EQ(*list, (std::vector<Attachment>{first, second}));
    return core::Ok();
  }));
}

TEST_P(AttachmentRepositoryTest, UnknownInvoiceIsNotFoundAndReadsCannotWrite) {
  auto failed = store_->Write([&](Transaction& tx) -> core::Status {
    auto id =
        tx.attachments().Insert(Make(core::InvoiceId(999'999), "a.pdf", invoice::Side::kSupplier));
    if (!id) return core::Fail(id.error());
    return core::Ok();
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, core::ErrorCode::kNotFound) << failed.error().ToString();
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    EXPECT_FALSE(tx.attachments().Insert(Make(invoice_, "a.pdf", invoice::Side::kSupplier)));
    EXPECT_TRUE(tx.attachments().ListByInvoice(invoice_).value().empty());
    return core::Ok();
  }));
}

INSTANTIATE_TEST_SUITE_P(Backend, AttachmentRepositoryTest,
                         ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
