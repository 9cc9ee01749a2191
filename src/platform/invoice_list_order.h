// InvoiceListOrder: the order of an invoice list, in C++, for the lists the database cannot sort
// in one query (a person acting for structures on both sides of "to process"). It must agree
// with the store's ORDER BY (store::InvoiceQuery::SortKey).
#pragma once

#include "platform/actor.h"
#include "platform/invoice_processing.h"

namespace choral::platform {

// A strict weak ordering of InvoiceSummaryView: by `sort` (the counterpart being the other side
// from the actor's), then by id, both ascending or both descending. Keeps a reference to `actor`.
class InvoiceListOrder {
 public:
  InvoiceListOrder(const Actor& actor, InvoiceSort sort, bool descending)
      : actor_(actor), sort_(sort), descending_(descending) {}

  bool operator()(const InvoiceSummaryView& a, const InvoiceSummaryView& b) const;

 private:
  // <0, 0, >0 as a comes before, with, after b in ascending order of sort_ alone.
  int Compare(const InvoiceSummaryView& a, const InvoiceSummaryView& b) const;

  const Actor& actor_;
  InvoiceSort sort_;
  bool descending_;
};

}  // namespace choral::platform
