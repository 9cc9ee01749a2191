// FlowRepository on the backend the environment chooses (test_backend.h): flows stored with
// their number, moved through states, and each invoice's outcome recorded once.
#include "store/flow_repository.h"

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/test_backend.h"

namespace choral::store {
namespace {

class FlowRepositoryTest : public StoreTestBase {
 protected:
  void SetUp() override {
    StoreTestBase::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
      for (auto [id, identifier] : {std::pair{&supplier_, "35600000000048"},
                                    std::pair{&other_supplier_, "44306184100047"}}) {
        directory::Structure s;
        s.identifier_type = directory::IdentifierType::kSiret;
        s.identifier = identifier;
        s.kind = directory::StructureKind::kPrivate;
        s.name = "Atelier";
        auto inserted = tx.structures().Insert(s);
        if (!inserted) return core::Fail(inserted.error());
        *id = *inserted;
      }
      accounts::User u;
      u.email = "marc@example.fr";
      u.first_name = "Marc";
      u.last_name = "Dubois";
      u.password_hash = "x";
      auto user = tx.users().Insert(u);
      if (!user) return core::Fail(user.error());
      user_ = *user;
      return core::Ok();
    }));
  }

  Flow MakeFlow(core::StructureId structure) const {
    Flow f;
    f.structure_id = structure;
    f.user_id = user_;
    f.syntax_code = "IN_DP_E1_UBL_INVOICE";
    f.file_name = "factures.zip";
    f.file_sha256 = std::string(64, 'a');
    f.file_size = 1234;
    f.state = "IN_RECU";
    f.deposited_at = clock_.Now();
    f.state_changed_at = clock_.Now();
    return f;
  }

  Flow Insert(const Flow& flow) {
    Flow out;
    EXPECT_OK(store_->Write([&](Transaction& tx) -> core::Status {
      auto stored = tx.flows().Insert(flow);
      if (!stored) return core::Fail(stored.error());
      out = *stored;
      return core::Ok();
    }));
    return out;
  }

  core::StructureId supplier_, other_supplier_;
  core::UserId user_;
};

TEST_P(FlowRepositoryTest, AStoredFlowGetsItsNumberAndReadsBack) {
  Flow stored = Insert(MakeFlow(supplier_));
  ASSERT_GT(stored.id, 0);
  EXPECT_EQ(stored.number.size(), 25u);
  EXPECT_EQ(stored.number.substr(0, 3), "CPP");
  EXPECT_EQ(stored.number.substr(stored.number.size() - std::to_string(stored.id).size()),
            std::to_string(stored.id));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    EXPECT_EQ(tx.flows().Get(stored.id).value(), stored);
    EXPECT_EQ(tx.flows().FindByNumber(stored.number).value(), stored);
    EXPECT_FALSE(tx.flows().FindByNumber("CPP0000000000000000009999").value().has_value());
    EXPECT_EQ(tx.flows().Get(stored.id + 100).error().code, core::ErrorCode::kNotFound);
    return core::Ok();
  }));
}

TEST_P(FlowRepositoryTest, AnApiClientsFlowHasNoUser) {
  Flow flow = MakeFlow(supplier_);
  flow.user_id.reset();
  flow.api_client = "client-1";
  Flow stored = Insert(flow);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    Flow read = tx.flows().Get(stored.id).value();
    EXPECT_FALSE(read.user_id.has_value());
    EXPECT_EQ(read.api_client, "client-1");
    return core::Ok();
  }));
}

TEST_P(FlowRepositoryTest, StatesCountsReportsAndListsByStructure) {
  Flow first = Insert(MakeFlow(supplier_));
  Flow second = Insert(MakeFlow(supplier_));
  Flow foreign = Insert(MakeFlow(other_supplier_));
  const core::Timestamp later = clock_.Now() + std::chrono::minutes(1);
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    if (auto s = tx.flows().SetState(first.id, "IN_REJETE", later, "not a zip"); !s) return s;
    if (auto s = tx.flows().SetInvoiceCount(first.id, 3); !s) return s;
    if (auto s = tx.flows().SetReport(first.id, R"({"etat":"IN_REJETE"})"); !s) return s;
    EXPECT_EQ(tx.flows().SetState(first.id + 100, "IN_REJETE", later, "").error().code,
              core::ErrorCode::kNotFound);
    return core::Ok();
  }));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    Flow read = tx.flows().Get(first.id).value();
    EXPECT_EQ(read.state, "IN_REJETE");
    EXPECT_EQ(read.state_changed_at, later);
    EXPECT_EQ(read.error, "not a zip");
    EXPECT_EQ(read.invoice_count, 3);
    EXPECT_EQ(read.report, R"({"etat":"IN_REJETE"})");
    auto mine = tx.flows().ListByStructures({supplier_}, 10).value();
    EXPECT_EQ(mine.size(), 2u);
    EXPECT_EQ(mine[0].id, second.id);  // newest first
    EXPECT_EQ(mine[1].id, first.id);
    EXPECT_EQ(tx.flows().ListByStructures({supplier_, other_supplier_}, 10).value().size(), 3u);
    EXPECT_EQ(tx.flows().ListByStructures({supplier_}, 1).value().size(), 1u);
    EXPECT_TRUE(tx.flows().ListByStructures({}, 10).value().empty());
    EXPECT_EQ(foreign.structure_id, other_supplier_);
    return core::Ok();
  }));
}

TEST_P(FlowRepositoryTest, EachInvoiceOutcomeIsRecordedOnce) {
  Flow flow = Insert(MakeFlow(supplier_));
  FlowInvoice rejected;
  rejected.flow_id = flow.id;
  rejected.entry_index = 1;
  rejected.entry_name = "b.xml";
  rejected.invoice_number = "F-2";
  rejected.findings = R"([{"rule":"BR-CO-10"}])";
  rejected.processed_at = clock_.Now();
  FlowInvoice unread = rejected;
  unread.entry_index = 0;
  unread.entry_name = "a.xml";
  unread.invoice_number = "";
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    if (auto s = tx.flows().RecordInvoice(rejected); !s) return s;
    return tx.flows().RecordInvoice(unread);
  }));
  auto again = store_->Write(
      [&](Transaction& tx) -> core::Status { return tx.flows().RecordInvoice(rejected); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kAlreadyExists);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto invoices = tx.flows().Invoices(flow.id).value();
    EXPECT_EQ(invoices, (std::vector<FlowInvoice>{unread, rejected}));
    return core::Ok();
  }));
}

INSTANTIATE_TEST_SUITE_P(Backend, FlowRepositoryTest, ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
