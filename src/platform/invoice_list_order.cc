#include "platform/invoice_list_order.h"

#include <compare>
#include <string>

#include "core/search_fold.h"
#include "platform/invoice_access.h"

namespace choral::platform {
namespace {

template <typename T>
int Sign(const T& a, const T& b) {
  auto order = a <=> b;
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

int StatusRank(invoice::InvoiceStatus status) { return static_cast<int>(status); }

}  // namespace

int InvoiceListOrder::Compare(const InvoiceSummaryView& a, const InvoiceSummaryView& b) const {
  const invoice::Invoice& x = a.invoice;
  const invoice::Invoice& y = b.invoice;
  switch (sort_) {
    case InvoiceSort::kDepositedAt:
      return Sign(x.deposited_at, y.deposited_at);
    case InvoiceSort::kIssueDate:
      return Sign(x.issue_date, y.issue_date);
    case InvoiceSort::kNumber:
      return Sign(x.invoice_number, y.invoice_number);  // bytes, like COLLATE "C"
    case InvoiceSort::kCounterpart: {
      // The store sorts each side's query by its own counterpart: the recipient of what the
      // actor supplies, the supplier of what it receives.
      auto counterpart = [this](const InvoiceSummaryView& v) {
        bool supplies = VisibleSideOf(actor_, v.invoice) == invoice::Side::kSupplier;
        return core::FoldForSearch(supplies ? v.recipient_name : v.supplier_name);
      };
      return Sign(counterpart(a), counterpart(b));
    }
    case InvoiceSort::kAmount:
      return Sign(x.total_with_vat, y.total_with_vat);
    case InvoiceSort::kStatus:
      // The status as the actor sees it, like the store's supplier view (as_supplier).
      return Sign(StatusRank(a.visible_status), StatusRank(b.visible_status));
  }
  return 0;
}

bool InvoiceListOrder::operator()(const InvoiceSummaryView& a, const InvoiceSummaryView& b) const {
  int order = Compare(a, b);
  if (order == 0) order = Sign(a.invoice.id.value(), b.invoice.id.value());
  return descending_ ? order > 0 : order < 0;
}

}  // namespace choral::platform
