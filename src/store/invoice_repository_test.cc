// InvoiceRepository on the backend the environment chooses (test_backend.h).
#include "store/invoice_repository.h"

#include <tuple>

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/test_backend.h"

namespace choral::store {
namespace {

using core::ErrorCode;
using invoice::DocumentType;
using invoice::HistoryEntry;
using invoice::Invoice;
using invoice::InvoiceStatus;

core::Decimal Amount(std::string_view text) { return *core::Decimal::Parse(text); }
core::Date Day(int year, int month, int day) { return *core::Date::FromYmd(year, month, day); }

class InvoiceRepositoryTest : public StoreTestBase {
 protected:
  void SetUp() override {
    StoreTestBase::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
      using directory::StructureKind;
      for (auto [id, identifier, kind, name] :
           {std::tuple{&supplier_, "35600000000048", StructureKind::kPrivate, "Atelier Lumière"},
            std::tuple{&other_supplier_, "44306184100047", StructureKind::kPrivate,
                       "ÉCOLE numérique SARL"},
            std::tuple{&recipient_, "73282932000074", StructureKind::kPublic, "Mairie d'Évry"},
            std::tuple{&other_recipient_, "21750001600019", StructureKind::kPublic,
                       "Commune de Lyon"}}) {
        directory::Structure s;
        s.identifier_type = directory::IdentifierType::kSiret;
        s.identifier = identifier;
        s.kind = kind;
        s.name = name;
        auto inserted = tx.structures().Insert(s);
        if (!inserted) return core::Fail(inserted.error());
        *id = *inserted;
      }
      accounts::User u;
      u.email = "claire@example.fr";
      u.first_name = "Claire";
      u.last_name = "Martin";
      u.password_hash = "x";
      auto user = tx.users().Insert(u);
      if (!user) return core::Fail(user.error());
      user_ = *user;
      return core::Ok();
    }));
  }

  // An invoice with every field set to something other than its default.
  Invoice MakeInvoice(std::string number) const {
    Invoice i;
    i.supplier_id = supplier_;
    i.recipient_id = recipient_;
    i.service_code = "FIN-01";
    i.engagement_number = "EJ-2026-0042";
    i.invoice_number = std::move(number);
    i.issue_date = Day(2026, 3, 15);
    i.type = DocumentType::kCreditNote;
    i.framework = "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE";
    i.currency = "USD";
    i.total_without_vat = Amount("1234.56");
    i.total_vat = Amount("-0.10");
    i.total_with_vat = Amount("1234.46");
    i.amount_due = Amount("0.005");
    i.pdf_sha256 = std::string(64, 'e');
    i.status = InvoiceStatus::kAvailable;
    i.deposited_at = clock_.Now();
    i.deposited_by = user_;
    i.version = 7;  // ignored by Insert
    return i;
  }

  core::Result<core::InvoiceId> Insert(const Invoice& invoice) {
    core::InvoiceId id;
    auto status = store_->Write([&](Transaction& tx) -> core::Status {
      auto inserted = tx.invoices().Insert(invoice);
      if (!inserted) return core::Fail(inserted.error());
      id = *inserted;
      return core::Ok();
    });
    if (!status) return core::Fail(status.error());
    return id;
  }

  core::Result<Invoice> Get(core::InvoiceId id) const {
    Invoice out;
    auto status = store_->Read([&](Transaction& tx) -> core::Status {
      auto got = tx.invoices().Get(id);
      if (!got) return core::Fail(got.error());
      out = *got;
      return core::Ok();
    });
    if (!status) return core::Fail(status.error());
    return out;
  }

  core::Status Update(const Invoice& invoice) {
    return store_->Write([&](Transaction& tx) { return tx.invoices().Update(invoice); });
  }

  // The ids Search returns, in order; ADD_FAILUREs and returns {} on error.
  std::vector<core::InvoiceId> SearchIds(const InvoiceQuery& query) const {
    std::vector<core::InvoiceId> ids;
    auto status = store_->Read([&](Transaction& tx) -> core::Status {
      auto found = tx.invoices().Search(query);
      if (!found) return core::Fail(found.error());
      for (const Invoice& i : *found) ids.push_back(i.id);
      return core::Ok();
    });
    if (!status) ADD_FAILURE() << status.error().ToString();
    return ids;
  }

  int64_t Count(const InvoiceQuery& query) const {
    int64_t count = -1;
    auto status = store_->Read([&](Transaction& tx) -> core::Status {
      auto counted = tx.invoices().Count(query);
      if (!counted) return core::Fail(counted.error());
      count = *counted;
      return core::Ok();
    });
    if (!status) ADD_FAILURE() << status.error().ToString();
    return count;
  }

  core::StructureId supplier_, other_supplier_, recipient_, other_recipient_;
  core::UserId user_;
};

TEST_P(InvoiceRepositoryTest, InsertGetRoundTripKeepsEveryFieldAndExactAmounts) {
  Invoice invoice = MakeInvoice("F-2026-0001");
  auto id = Insert(invoice);
  ASSERT_OK(id);
  EXPECT_TRUE(id->valid());
  invoice.id = *id;
  invoice.version = 1;
  auto got = Get(*id);
  ASSERT_OK(got);
  EXPECT_EQ(*got, invoice);
  // Exact, with the scale as written: never through a float.
  EXPECT_EQ(got->total_without_vat.ToString(), "1234.56");
  EXPECT_EQ(got->total_vat.ToString(), "-0.10");
  EXPECT_EQ(got->amount_due.ToString(), "0.005");
  EXPECT_EQ(got->issue_date, Day(2026, 3, 15));

  // Stored as the machine form, readable by anyone looking at the database.
  auto raw = RawSession();
  long long key = id->value();
  std::string without_vat, vat, issue_date, type, status;
  *raw << "SELECT total_without_vat, total_vat, issue_date, document_type, status FROM invoices "
          "WHERE id = :id",
      soci::use(key), soci::into(without_vat), soci::into(vat), soci::into(issue_date),
      soci::into(type), soci::into(status);
  EXPECT_EQ(without_vat, "1234.56");
  EXPECT_EQ(vat, "-0.10");
  EXPECT_EQ(issue_date, "2026-03-15");
  EXPECT_EQ(type, "AVOIR");
  EXPECT_EQ(status, "MISE_A_DISPOSITION");

  auto missing = Get(core::InvoiceId(999));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("999"), std::string::npos) << missing.error().message;
}

TEST_P(InvoiceRepositoryTest, NumberIsUniquePerSupplier) {
  ASSERT_OK(Insert(MakeInvoice("F-2026-0001")));
  auto duplicate = Insert(MakeInvoice("F-2026-0001"));
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(duplicate.error().message.find("F-2026-0001"), std::string::npos)
      << duplicate.error().message;

  Invoice elsewhere = MakeInvoice("F-2026-0001");
  elsewhere.supplier_id = other_supplier_;
  ASSERT_OK(Insert(elsewhere));

  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    InvoiceRepository& invoices = tx.invoices();
    EXPECT_TRUE(invoices.NumberTaken(supplier_, "F-2026-0001").value_or(false));
    EXPECT_TRUE(invoices.NumberTaken(other_supplier_, "F-2026-0001").value_or(false));
    EXPECT_FALSE(invoices.NumberTaken(supplier_, "f-2026-0001").value_or(true));  // exact match
    EXPECT_FALSE(invoices.NumberTaken(supplier_, "F-2026-0002").value_or(true));
    EXPECT_FALSE(invoices.NumberTaken(recipient_, "F-2026-0001").value_or(true));
    return core::Ok();
  }));
  EXPECT_EQ(Count({}), 2);

  // A duplicate handled inside a Write leaves the transaction usable (PostgreSQL savepoint).
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    EXPECT_FALSE(tx.invoices().Insert(MakeInvoice("F-2026-0001")).has_value());
    auto next = tx.invoices().Insert(MakeInvoice("F-2026-0002"));
    if (!next) return core::Fail(next.error());
    return core::Ok();
  }));
  EXPECT_EQ(Count({}), 3);

  Invoice orphan = MakeInvoice("F-2026-0009");
  orphan.recipient_id = core::StructureId(999);
  auto refused = Insert(orphan);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
}

TEST_P(InvoiceRepositoryTest, UpdateBumpsVersionAndAStaleVersionConflicts) {
  auto id = Insert(MakeInvoice("F-2026-0001"));
  ASSERT_OK(id);

  // Two users load the invoice at once...
  auto alice = Get(*id);
  auto bob = Get(*id);
  ASSERT_OK(alice);
  ASSERT_OK(bob);
  EXPECT_EQ(alice->version, 1);

  // ...Alice acts first and wins...
  alice->status = InvoiceStatus::kTakenIntoAccount;
  alice->amount_due = Amount("1234.46");
  ASSERT_OK(Update(*alice));
  auto after = Get(*id);
  ASSERT_OK(after);
  EXPECT_EQ(after->version, 2);
  EXPECT_EQ(after->status, InvoiceStatus::kTakenIntoAccount);
  Invoice expected = *alice;
  expected.version = 2;
  EXPECT_EQ(*after, expected);

  // ...and Bob, still holding version 1, is told to reload.
  bob->status = InvoiceStatus::kRejected;
  auto stale = Update(*bob);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_NE(stale.error().message.find("changed by someone else"), std::string::npos)
      << stale.error().message;
  EXPECT_NE(stale.error().message.find("F-2026-0001"), std::string::npos) << stale.error().message;
  auto kept = Get(*id);
  ASSERT_OK(kept);
  EXPECT_EQ(*kept, expected);

  // Reloaded, Bob's change goes through.
  Invoice reloaded = *kept;
  reloaded.status = InvoiceStatus::kRejected;
  ASSERT_OK(Update(reloaded));
  EXPECT_EQ(Get(*id)->version, 3);

  // Two updates of the same loaded copy in one transaction: the second is stale too.
  auto copy = Get(*id);
  ASSERT_OK(copy);
  auto twice = store_->Write([&](Transaction& tx) -> core::Status {
    if (auto s = tx.invoices().Update(*copy); !s) return s;
    return tx.invoices().Update(*copy);
  });
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Get(*id)->version, 3);  // the whole Write rolled back

  Invoice ghost = *copy;
  ghost.id = core::InvoiceId(999);
  auto missing = Update(ghost);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  // Renumbering onto a number the supplier already used is kAlreadyExists.
  ASSERT_OK(Insert(MakeInvoice("F-2026-0002")));
  Invoice clash = *Get(*id);
  clash.invoice_number = "F-2026-0002";
  auto clashed = Update(clash);
  ASSERT_FALSE(clashed.has_value());
  EXPECT_EQ(clashed.error().code, ErrorCode::kAlreadyExists);
}

class InvoiceSearchTest : public InvoiceRepositoryTest {
 protected:
  void SetUp() override {
    InvoiceRepositoryTest::SetUp();
    if (HasFatalFailure()) return;
    struct Spec {
      core::StructureId supplier, recipient;
      const char* number;
      core::Date issued;
      const char* total;
      InvoiceStatus status;
    };
    const Spec specs[] = {
        {supplier_, recipient_, "F-2026-001", Day(2026, 1, 10), "100.00",
         InvoiceStatus::kDeposited},
        {supplier_, other_recipient_, "F-2026-002", Day(2026, 2, 10), "9.99",
         InvoiceStatus::kAvailable},
        {other_supplier_, recipient_, "AV-2026-010", Day(2026, 3, 10), "1000.5",
         InvoiceStatus::kRejected},
        {other_supplier_, recipient_, "f-2026-003", Day(2026, 4, 10), "-20.00",
         InvoiceStatus::kAvailable},
        {supplier_, recipient_, "50%OFF-1", Day(2026, 5, 10), "250", InvoiceStatus::kPaymentIssued},
        {other_supplier_, other_recipient_, "500-OFF", Day(2026, 6, 10), "99999999.99",
         InvoiceStatus::kDeposited},
    };
    for (const Spec& spec : specs) {
      clock_.Advance(std::chrono::seconds(1));
      Invoice i = MakeInvoice(spec.number);
      i.supplier_id = spec.supplier;
      i.recipient_id = spec.recipient;
      i.issue_date = spec.issued;
      i.total_with_vat = Amount(spec.total);
      i.status = spec.status;
      auto id = Insert(i);
      ASSERT_OK(id);
      ids_.push_back(*id);
    }
  }

  // The ids of the invoices numbered 1..6 above, in that order.
  std::vector<core::InvoiceId> Ids(std::initializer_list<int> which) const {
    std::vector<core::InvoiceId> out;
    for (int n : which) out.push_back(ids_[static_cast<size_t>(n - 1)]);
    return out;
  }

  std::vector<core::InvoiceId> ids_;
};

TEST_P(InvoiceSearchTest, EachCriterionFilters) {
  InvoiceQuery all;
  all.descending = false;
  EXPECT_EQ(SearchIds(all), Ids({1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(Count(all), 6);

  InvoiceQuery q = all;
  q.supplier_id = supplier_;
  EXPECT_EQ(SearchIds(q), Ids({1, 2, 5}));
  EXPECT_EQ(Count(q), 3);

  q = all;
  q.recipient_id = recipient_;
  EXPECT_EQ(SearchIds(q), Ids({1, 3, 4, 5}));
  EXPECT_EQ(Count(q), 4);

  q = all;
  q.statuses = {InvoiceStatus::kAvailable};
  EXPECT_EQ(SearchIds(q), Ids({2, 4}));
  q.statuses = {InvoiceStatus::kAvailable, InvoiceStatus::kRejected};
  EXPECT_EQ(SearchIds(q), Ids({2, 3, 4}));
  EXPECT_EQ(Count(q), 3);
  q.statuses = {InvoiceStatus::kSuspended};
  EXPECT_TRUE(SearchIds(q).empty());
  EXPECT_EQ(Count(q), 0);

  q = all;
  q.number_contains = "f-2026";  // case-insensitive
  EXPECT_EQ(SearchIds(q), Ids({1, 2, 4}));
  EXPECT_EQ(Count(q), 3);
  q.number_contains = "OfF";
  EXPECT_EQ(SearchIds(q), Ids({5, 6}));

  q = all;
  q.issued_from = Day(2026, 2, 10);  // inclusive at both ends
  q.issued_to = Day(2026, 4, 10);
  EXPECT_EQ(SearchIds(q), Ids({2, 3, 4}));
  EXPECT_EQ(Count(q), 3);
  q.issued_to.reset();
  EXPECT_EQ(SearchIds(q), Ids({2, 3, 4, 5, 6}));
  q.issued_from.reset();
  q.issued_to = Day(2026, 2, 9);
  EXPECT_EQ(SearchIds(q), Ids({1}));

  // All criteria together.
  q = all;
  q.supplier_id = supplier_;
  q.recipient_id = recipient_;
  q.statuses = {InvoiceStatus::kDeposited, InvoiceStatus::kPaymentIssued};
  q.number_contains = "-";
  q.issued_from = Day(2026, 1, 1);
  q.issued_to = Day(2026, 12, 31);
  EXPECT_EQ(SearchIds(q), Ids({1, 5}));
  EXPECT_EQ(Count(q), 2);
  q.recipient_id = other_recipient_;
  EXPECT_TRUE(SearchIds(q).empty());
}

TEST_P(InvoiceSearchTest, NumberContainsIsLiteral) {
  InvoiceQuery q;
  q.descending = false;
  q.number_contains = "50%";  // as a LIKE pattern it would match "500-OFF" too
  EXPECT_EQ(SearchIds(q), Ids({5}));
  EXPECT_EQ(Count(q), 1);
  q.number_contains = "F_2026";  // '_' would match the '-' of F-2026-001
  EXPECT_TRUE(SearchIds(q).empty());
  EXPECT_EQ(Count(q), 0);
  q.number_contains = "%";
  EXPECT_EQ(SearchIds(q), Ids({5}));
  q.number_contains = "\\";
  EXPECT_TRUE(SearchIds(q).empty());
  q.number_contains = "'; DROP TABLE invoices; --";
  EXPECT_TRUE(SearchIds(q).empty());
  EXPECT_EQ(Count({}), 6);
}

TEST_P(InvoiceSearchTest, OrdersAndPages) {
  using SortKey = InvoiceQuery::SortKey;
  InvoiceQuery q;
  EXPECT_EQ(q.sort, SortKey::kDepositedAt);
  EXPECT_TRUE(q.descending);
  EXPECT_EQ(SearchIds(q), Ids({6, 5, 4, 3, 2, 1}));
  q.descending = false;
  EXPECT_EQ(SearchIds(q), Ids({1, 2, 3, 4, 5, 6}));
  // Numerically (as text "9.99" would come before "250" and "99999999.99" before "9.99").
  q.sort = SortKey::kAmount;
  q.descending = true;
  EXPECT_EQ(SearchIds(q), Ids({6, 3, 5, 1, 2, 4}));
  q.descending = false;
  EXPECT_EQ(SearchIds(q), Ids({4, 2, 1, 5, 3, 6}));
  // Byte order on both backends: digits, then upper case, then lower case.
  q.sort = SortKey::kNumber;
  EXPECT_EQ(SearchIds(q), Ids({5, 6, 3, 1, 2, 4}));
  q.descending = true;
  EXPECT_EQ(SearchIds(q), Ids({4, 2, 1, 3, 6, 5}));
  q.sort = SortKey::kIssueDate;
  EXPECT_EQ(SearchIds(q), Ids({6, 5, 4, 3, 2, 1}));
  q.descending = false;
  EXPECT_EQ(SearchIds(q), Ids({1, 2, 3, 4, 5, 6}));
  // Lifecycle order: DEPOSEE, MISE_A_DISPOSITION, MISE_EN_PAIEMENT, REJETEE; ties by id.
  q.sort = SortKey::kStatus;
  EXPECT_EQ(SearchIds(q), Ids({1, 6, 2, 4, 5, 3}));
  q.descending = true;
  EXPECT_EQ(SearchIds(q), Ids({3, 5, 4, 2, 6, 1}));
  // The counterpart's folded name: "commune de lyon" < "mairie d'evry" for a supplier's list;
  // "atelier lumiere" < "ecole numerique sarl" for a recipient's.
  q.sort = SortKey::kCounterpart;
  q.descending = false;
  q.counterpart = InvoiceQuery::Party::kRecipient;
  EXPECT_EQ(SearchIds(q), Ids({2, 6, 1, 3, 4, 5}));
  q.counterpart = InvoiceQuery::Party::kSupplier;
  EXPECT_EQ(SearchIds(q), Ids({1, 2, 5, 3, 4, 6}));
  q.descending = true;
  EXPECT_EQ(SearchIds(q), Ids({6, 4, 3, 5, 2, 1}));
  q.sort = SortKey::kDepositedAt;

  // Ties keep a stable order (by id): same instant for every invoice.
  Invoice tie = MakeInvoice("Z-1");
  ASSERT_OK(Insert(tie));
  tie.invoice_number = "Z-2";
  auto second = Insert(tie);
  ASSERT_OK(second);
  q.limit = 2;
  auto newest = SearchIds(q);
  ASSERT_EQ(newest.size(), 2u);
  EXPECT_EQ(newest[0], *second);

  // Pages, and Count ignores limit and offset.
  q = InvoiceQuery{};
  q.descending = false;
  q.recipient_id = recipient_;
  q.limit = 2;
  EXPECT_EQ(SearchIds(q), Ids({1, 3}));
  q.offset = 2;
  EXPECT_EQ(SearchIds(q), Ids({4, 5}));
  EXPECT_EQ(Count(q), 6);  // 1, 3, 4, 5 and the two Z-
  q.offset = 6;
  EXPECT_TRUE(SearchIds(q).empty());
  q.offset = 0;
  q.limit = 0;
  EXPECT_TRUE(SearchIds(q).empty());
  q.limit = -1;  // treated as 0, never "no limit"
  EXPECT_TRUE(SearchIds(q).empty());
}

TEST_P(InvoiceSearchTest, CounterpartMatchesNameWhateverCaseAndAccentsOrSiret) {
  InvoiceQuery q;
  q.descending = false;
  q.counterpart = InvoiceQuery::Party::kRecipient;
  q.counterpart_contains = "EVRY";  // stored "Mairie d'Évry"
  EXPECT_EQ(SearchIds(q), Ids({1, 3, 4, 5}));
  EXPECT_EQ(Count(q), 4);
  q.counterpart_contains = "d'évry";
  EXPECT_EQ(SearchIds(q), Ids({1, 3, 4, 5}));
  q.counterpart_contains = "217 500 016";  // part of the other recipient's SIRET, spaced
  EXPECT_EQ(SearchIds(q), Ids({2, 6}));
  q.counterpart_contains = "%";
  EXPECT_TRUE(SearchIds(q).empty());
  // The supplier side of the same invoices.
  q.counterpart = InvoiceQuery::Party::kSupplier;
  q.counterpart_contains = "école NUMÉRIQUE";
  EXPECT_EQ(SearchIds(q), Ids({3, 4, 6}));
  q.counterpart_contains = "lumiere";
  EXPECT_EQ(SearchIds(q), Ids({1, 2, 5}));
  // Never widens the other criteria.
  q.recipient_id = other_recipient_;
  EXPECT_EQ(SearchIds(q), Ids({2}));
  EXPECT_EQ(Count(q), 1);
}

TEST_P(InvoiceSearchTest, DepositInstantsAreHalfOpen) {
  // Invoice n was deposited at start + n seconds (SetUp).
  InvoiceQuery q;
  q.descending = false;
  auto deposited = [&](int n) { return Get(ids_[static_cast<size_t>(n - 1)])->deposited_at; };
  q.deposited_from = deposited(2);
  q.deposited_before = deposited(5);
  EXPECT_EQ(SearchIds(q), Ids({2, 3, 4}));
  EXPECT_EQ(Count(q), 3);
  q.deposited_from.reset();
  EXPECT_EQ(SearchIds(q), Ids({1, 2, 3, 4}));
  q.deposited_before.reset();
  q.deposited_from = deposited(6) + std::chrono::milliseconds(1);
  EXPECT_TRUE(SearchIds(q).empty());
}

TEST_P(InvoiceSearchTest, TotalRangeComparesExactly) {
  InvoiceQuery q;
  q.descending = false;
  q.total_from = Amount("9.99");  // inclusive, and 1000.5 > 250 although "1000.5" < "250" as text
  q.total_to = Amount("1000.50");
  EXPECT_EQ(SearchIds(q), Ids({1, 2, 3, 5}));
  EXPECT_EQ(Count(q), 4);
  q.total_from = Amount("9.991");
  EXPECT_EQ(SearchIds(q), Ids({1, 3, 5}));
  q.total_to = Amount("1000.499999999");  // one billionth below: a double would still say equal
  EXPECT_EQ(SearchIds(q), Ids({1, 5}));
  q.total_from = Amount("-20");
  q.total_to = Amount("-20.00");
  EXPECT_EQ(SearchIds(q), Ids({4}));
  q.total_from = Amount("99999999.99");
  q.total_to.reset();
  EXPECT_EQ(SearchIds(q), Ids({6}));
}

TEST_P(InvoiceSearchTest, ServiceCodeIsExactWhateverTheCase) {
  Invoice other_service = MakeInvoice("S-1");
  other_service.service_code = "ACHATS";
  auto id = Insert(other_service);
  ASSERT_OK(id);
  InvoiceQuery q;
  q.service_code = "achats";
  EXPECT_EQ(SearchIds(q), std::vector<core::InvoiceId>{*id});
  q.service_code = "ACHAT";
  EXPECT_TRUE(SearchIds(q).empty());
  q.service_code = "FIN-01";
  EXPECT_EQ(Count(q), 6);
}

TEST_P(InvoiceSearchTest, WithinServicesKeepsOnlyThoseCodesAndNeverAnInvoiceWithoutOne) {
  Invoice achats = MakeInvoice("W-1");
  achats.service_code = "ACHATS";
  auto achats_id = Insert(achats);
  ASSERT_OK(achats_id);
  Invoice no_code = MakeInvoice("W-2");
  no_code.service_code = "";
  ASSERT_OK(Insert(no_code));
  InvoiceQuery q;
  q.within_services = {"achats", "NONE"};
  EXPECT_EQ(SearchIds(q), std::vector<core::InvoiceId>{*achats_id});
  q.within_services = {"ACHATS", "FIN-01"};
  EXPECT_EQ(Count(q), 7);
}

TEST_P(InvoiceSearchTest, AcknowledgedRejectionsCanBeLeftOut) {
  InvoiceQuery q;
  q.descending = false;
  q.except_acknowledged_rejections = true;
  EXPECT_EQ(SearchIds(q), Ids({1, 2, 3, 4, 5, 6}));  // 3 is REJETEE, not acknowledged yet
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    HistoryEntry ack{0, ids_[2], std::nullopt, "ACQUITTEMENT_REJET", "user:1", clock_.Now(), ""};
    auto appended = tx.invoices().AppendHistory(ack);
    if (!appended) return core::Fail(appended.error());
    return core::Ok();
  }));
  EXPECT_EQ(SearchIds(q), Ids({1, 2, 4, 5, 6}));
  EXPECT_EQ(Count(q), 5);
  q.except_acknowledged_rejections = false;
  EXPECT_EQ(Count(q), 6);
}

TEST_P(InvoiceRepositoryTest, HistoryIsOldestFirst) {
  auto id = Insert(MakeInvoice("F-2026-0001"));
  auto other = Insert(MakeInvoice("F-2026-0002"));
  ASSERT_OK(id);
  ASSERT_OK(other);
  const core::Timestamp t = clock_.Now();
  std::vector<HistoryEntry> entries = {
      {0, *id, InvoiceStatus::kDeposited, "STATUS_CHANGE", "user:1", t, ""},
      {0, *id, std::nullopt, "TELECHARGEMENT_FACTURE", "user:2", t + std::chrono::seconds(5),
       "downloaded"},
      {0, *id, InvoiceStatus::kSuspended, "STATUS_CHANGE", "system", t + std::chrono::seconds(5),
       "pièce justificative manquante"},
  };
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    for (HistoryEntry& e : entries) {
      auto appended = tx.invoices().AppendHistory(e);
      if (!appended) return core::Fail(appended.error());
      e.id = *appended;
    }
    HistoryEntry elsewhere = entries[0];
    elsewhere.invoice_id = *other;
    auto appended = tx.invoices().AppendHistory(elsewhere);
    if (!appended) return core::Fail(appended.error());
    // Appended later but earlier in time: still listed by time.
    HistoryEntry late = entries[0];
    late.at = t - std::chrono::seconds(1);
    late.action = "LATE";
    appended = tx.invoices().AppendHistory(late);
    if (!appended) return core::Fail(appended.error());
    late.id = *appended;
    entries.insert(entries.begin(), late);
    return core::Ok();
  }));
  EXPECT_LT(entries[1].id, entries[2].id);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto history = tx.invoices().History(*id);
    EXPECT_TRUE(history.has_value());
    if (history) {
      EXPECT_EQ(*history, entries);
    }
    auto none = tx.invoices().History(core::InvoiceId(999));
    EXPECT_TRUE(none.has_value() && none->empty());
    return core::Ok();
  }));

  auto orphan = store_->Write([&](Transaction& tx) -> core::Status {
    HistoryEntry lost = entries[0];
    lost.invoice_id = core::InvoiceId(999);
    auto appended = tx.invoices().AppendHistory(lost);
    if (!appended) return core::Fail(appended.error());
    return core::Ok();
  });
  ASSERT_FALSE(orphan.has_value());
  EXPECT_EQ(orphan.error().code, ErrorCode::kNotFound);
}

TEST_P(InvoiceRepositoryTest, ReadTransactionRefusesWrites) {
  auto id = Insert(MakeInvoice("F-2026-0001"));
  ASSERT_OK(id);
  auto loaded = Get(*id);
  ASSERT_OK(loaded);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto inserted = tx.invoices().Insert(MakeInvoice("F-2026-0002"));
    EXPECT_TRUE(!inserted.has_value() && inserted.error().code == ErrorCode::kInternal);
    Invoice changed = *loaded;
    changed.status = InvoiceStatus::kRejected;
    auto updated = tx.invoices().Update(changed);
    EXPECT_TRUE(!updated.has_value() && updated.error().code == ErrorCode::kInternal);
    auto appended = tx.invoices().AppendHistory(
        {0, *id, InvoiceStatus::kRejected, "STATUS_CHANGE", "system", clock_.Now(), ""});
    EXPECT_TRUE(!appended.has_value() && appended.error().code == ErrorCode::kInternal);
    return core::Ok();
  }));
  EXPECT_EQ(Count({}), 1);
  EXPECT_EQ(*Get(*id), *loaded);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    EXPECT_TRUE(tx.invoices().History(*id)->empty());
    return core::Ok();
  }));
}

INSTANTIATE_TEST_SUITE_P(Backend, InvoiceRepositoryTest,
                         ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Backend, InvoiceSearchTest, ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
