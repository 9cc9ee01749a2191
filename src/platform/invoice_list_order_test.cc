#include "platform/invoice_list_order.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace choral::platform {
namespace {

using invoice::InvoiceStatus;

// A person in a supplier (id 1) and a public entity (id 2), as the merged "to process" list has.
class InvoiceListOrderTest : public ::testing::Test {
 protected:
  InvoiceListOrderTest() {
    ActorStructure s1;
    s1.id = core::StructureId(1);
    s1.kind = directory::StructureKind::kPrivate;
    actor_.structures.push_back(s1);
    ActorStructure s2;
    s2.id = core::StructureId(2);
    s2.kind = directory::StructureKind::kPublic;
    actor_.structures.push_back(s2);
  }

  static InvoiceSummaryView View(int64_t id, int64_t supplier, int64_t recipient,
                                 const char* supplier_name, const char* recipient_name,
                                 const char* total, InvoiceStatus status) {
    InvoiceSummaryView v;
    v.invoice.id = core::InvoiceId(id);
    v.invoice.supplier_id = core::StructureId(supplier);
    v.invoice.recipient_id = core::StructureId(recipient);
    v.invoice.invoice_number = "N" + std::to_string(id);
    v.invoice.total_with_vat = *core::Decimal::Parse(total);
    v.supplier_name = supplier_name;
    v.recipient_name = recipient_name;
    v.visible_status = status;
    return v;
  }

  std::vector<int64_t> Sorted(InvoiceSort sort, bool descending) const {
    auto views = views_;
    std::sort(views.begin(), views.end(), InvoiceListOrder(actor_, sort, descending));
    std::vector<int64_t> ids;
    for (const auto& v : views) ids.push_back(v.invoice.id.value());
    return ids;
  }

  Actor actor_;
  // 1 and 2: supplied by the actor to outsiders; 3: received by the actor from an outsider.
  std::vector<InvoiceSummaryView> views_ = {
      View(1, 1, 9, "Moi SARL", "Zoé Mairie", "1000.5", InvoiceStatus::kSuspended),
      View(2, 1, 8, "Moi SARL", "École d'Arles", "9.99", InvoiceStatus::kRejected),
      View(3, 7, 2, "Bâtiments Martin", "Ma commune", "250", InvoiceStatus::kAvailable),
  };
};

TEST_F(InvoiceListOrderTest, CounterpartIsTheOtherSideFoldedLikeTheStore) {
  // "batiments martin" < "ecole d'arles" < "zoe mairie".
  EXPECT_EQ(Sorted(InvoiceSort::kCounterpart, false), (std::vector<int64_t>{3, 2, 1}));
  EXPECT_EQ(Sorted(InvoiceSort::kCounterpart, true), (std::vector<int64_t>{1, 2, 3}));
}

TEST_F(InvoiceListOrderTest, AmountsAreExactAndStatusesInLifecycleOrder) {
  EXPECT_EQ(Sorted(InvoiceSort::kAmount, false), (std::vector<int64_t>{2, 3, 1}));
  EXPECT_EQ(Sorted(InvoiceSort::kStatus, false), (std::vector<int64_t>{3, 1, 2}));
}

TEST_F(InvoiceListOrderTest, TiesAreBrokenByIdInTheSameDirection) {
  // Every deposit at the same instant.
  EXPECT_EQ(Sorted(InvoiceSort::kDepositedAt, true), (std::vector<int64_t>{3, 2, 1}));
  EXPECT_EQ(Sorted(InvoiceSort::kDepositedAt, false), (std::vector<int64_t>{1, 2, 3}));
}

}  // namespace
}  // namespace choral::platform
