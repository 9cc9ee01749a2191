// Store, migrations and repositories, on the backend the environment chooses (test_backend.h).
#include "store/store.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store/test_backend.h"

namespace choral::store {
namespace {

using accounts::AttachmentStatus;
using accounts::Membership;
using accounts::Role;
using accounts::Session;
using accounts::User;
using core::ErrorCode;
using directory::IdentifierType;
using directory::Service;
using directory::Structure;
using directory::StructureKind;

Structure MakeStructure(std::string identifier, StructureKind kind = StructureKind::kPublic) {
  Structure s;
  s.identifier_type = IdentifierType::kSiret;
  s.identifier = std::move(identifier);
  s.kind = kind;
  s.name = "Mairie de Nulle-Part";
  s.vat_number = "FR12732829320";
  s.address = "1 place de la Mairie\n75001 Paris";
  s.flags.service_code_required = kind == StructureKind::kPublic;
  s.flags.engagement_number_required = false;
  s.flags.service_code_or_engagement_required = kind == StructureKind::kPublic;
  s.flags.payment_status_not_reported = false;
  return s;
}

User MakeUser(std::string email) {
  User u;
  u.email = std::move(email);
  u.first_name = "Claire";
  u.last_name = "Martin";
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = core::Timestamp(std::chrono::milliseconds(1'700'000'000'123));
  return u;
}

// Inserts a user and returns its id (in its own Write).
core::UserId InsertUser(Store& store, const std::string& email) {
  core::UserId id;
  auto status = store.Write([&](Transaction& tx) -> core::Status {
    auto inserted = tx.users().Insert(MakeUser(email));
    if (!inserted) return core::Fail(inserted.error());
    id = *inserted;
    return core::Ok();
  });
  EXPECT_TRUE(status.has_value()) << status.error().ToString();
  return id;
}

int64_t CountUsers(const Store& store) {
  int64_t count = -1;
  auto status = store.Read([&](Transaction& tx) -> core::Status {
    auto counted = tx.users().Count();
    if (!counted) return core::Fail(counted.error());
    count = *counted;
    return core::Ok();
  });
  EXPECT_TRUE(status.has_value()) << status.error().ToString();
  return count;
}

class StoreTest : public StoreTestBase {};

TEST_P(StoreTest, MigrationsAreAppliedOnceAndRecorded) {
  auto raw = RawSession();
  long long count = 0, applied_at = 0;
  *raw << "SELECT COUNT(*) FROM schema_migrations", soci::into(count);
  EXPECT_EQ(count, static_cast<long long>(EmbeddedMigrations().size()));
  *raw << "SELECT applied_at FROM schema_migrations WHERE version = 1", soci::into(applied_at);
  EXPECT_EQ(applied_at, clock_.Now().time_since_epoch().count());

  clock_.Advance(std::chrono::hours(1));
  OpenStore();  // reopening applies nothing
  long long count_after = 0, applied_at_after = 0;
  *raw << "SELECT COUNT(*) FROM schema_migrations", soci::into(count_after);
  *raw << "SELECT applied_at FROM schema_migrations WHERE version = 1",
      soci::into(applied_at_after);
  EXPECT_EQ(count_after, count);
  EXPECT_EQ(applied_at_after, applied_at);
}

TEST_P(StoreTest, SplitStatementsAndDialects) {
  auto statements =
      SplitStatements("-- a comment\nCREATE TABLE a (\n  x INTEGER\n);\n\nDROP TABLE a;\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0], "CREATE TABLE a (\n  x INTEGER\n)");
  EXPECT_EQ(statements[1], "DROP TABLE a");
  EXPECT_EQ(SubstituteDialect("id {{id_column}}, b {{bytes}}", Dialect::kPostgres),
            "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, b BYTEA");
  EXPECT_EQ(SubstituteDialect("id {{id_column}}, b {{bytes}}", Dialect::kSqlite),
            "id INTEGER PRIMARY KEY AUTOINCREMENT, b BLOB");
}

TEST_P(StoreTest, Structures) {
  Structure town = MakeStructure("73282932000074");
  Structure shop = MakeStructure("35600000000048", StructureKind::kPrivate);
  shop.flags = {};
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto id = tx.structures().Insert(town);
    if (!id) return core::Fail(id.error());
    town.id = *id;
    auto id2 = tx.structures().Insert(shop);
    if (!id2) return core::Fail(id2.error());
    shop.id = *id2;
    return core::Ok();
  }));
  EXPECT_TRUE(town.id.valid());
  EXPECT_NE(town.id, shop.id);

  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto got = tx.structures().Get(town.id);
    EXPECT_TRUE(got.has_value());
    if (got) {
      EXPECT_EQ(*got, town);
    }
    auto found = tx.structures().FindByIdentifier(IdentifierType::kSiret, "35600000000048");
    EXPECT_TRUE(found.has_value() && found->has_value());
    if (found && *found) {
      EXPECT_EQ(**found, shop);
    }
    auto none = tx.structures().FindByIdentifier(IdentifierType::kRidet, "35600000000048");
    EXPECT_TRUE(none.has_value() && !none->has_value());
    auto missing = tx.structures().Get(core::StructureId(999));
    EXPECT_FALSE(missing.has_value());
    if (!missing) {
      EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
    }
    auto all = tx.structures().List(std::nullopt, 10, 0);
    EXPECT_TRUE(all.has_value() && all->size() == 2);
    auto publics = tx.structures().List(StructureKind::kPublic, 10, 0);
    EXPECT_TRUE(publics.has_value() && publics->size() == 1 && publics->front() == town);
    auto page = tx.structures().List(std::nullopt, 1, 1);
    EXPECT_TRUE(page.has_value() && page->size() == 1 && page->front() == shop);
    auto count = tx.structures().Count();
    EXPECT_TRUE(count.has_value() && *count == 2);
    return core::Ok();
  }));

  // Same identifier again: kAlreadyExists naming it, and nothing written.
  auto duplicate = store_->Write([&](Transaction& tx) -> core::Status {
    auto id = tx.structures().Insert(MakeStructure("73282932000074"));
    if (!id) return core::Fail(id.error());
    return core::Ok();
  });
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(duplicate.error().message.find("SIRET 73282932000074"), std::string::npos)
      << duplicate.error().message;

  // Update saves every field; updating onto another's identifier is kAlreadyExists.
  town.name = "Ville de Quelque-Part";
  town.active = false;
  town.flags.engagement_number_required = true;
  ASSERT_OK(store_->Write([&](Transaction& tx) { return tx.structures().Update(town); }));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto got = tx.structures().Get(town.id);
    EXPECT_TRUE(got.has_value() && *got == town);
    return core::Ok();
  }));
  Structure clash = town;
  clash.identifier = shop.identifier;
  auto clashed = store_->Write([&](Transaction& tx) { return tx.structures().Update(clash); });
  ASSERT_FALSE(clashed.has_value());
  EXPECT_EQ(clashed.error().code, ErrorCode::kAlreadyExists);
  Structure ghost = town;
  ghost.id = core::StructureId(12345);
  ghost.identifier = "11111111111111";
  auto missing = store_->Write([&](Transaction& tx) { return tx.structures().Update(ghost); });
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreTest, Services) {
  core::StructureId town, other;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    town = *tx.structures().Insert(MakeStructure("73282932000074"));
    other = *tx.structures().Insert(MakeStructure("35600000000048"));
    return core::Ok();
  }));
  Service finance;
  finance.structure_id = town;
  finance.code = "FIN-01";
  finance.name = "Direction des finances";
  finance.valid_from = *core::Date::FromYmd(2026, 1, 1);
  finance.engagement_number_required = true;
  Service works = finance;
  works.code = "TRAVAUX";
  works.name = "Travaux";
  works.valid_from.reset();
  works.valid_to = *core::Date::FromYmd(2027, 12, 31);
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    finance.id = *tx.services().Insert(finance);
    works.id = *tx.services().Insert(works);
    // The same code in another structure is fine.
    Service elsewhere = finance;
    elsewhere.structure_id = other;
    auto id = tx.services().Insert(elsewhere);
    if (!id) return core::Fail(id.error());
    return core::Ok();
  }));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto got = tx.services().Get(finance.id);
    EXPECT_TRUE(got.has_value() && *got == finance);
    auto found = tx.services().FindByCode(town, "TRAVAUX");
    EXPECT_TRUE(found.has_value() && found->has_value() && **found == works);
    auto none = tx.services().FindByCode(town, "travaux");
    EXPECT_TRUE(none.has_value() && !none->has_value());
    auto list = tx.services().ListByStructure(town);
    EXPECT_TRUE(list.has_value() && list->size() == 2);
    if (list && list->size() == 2) {
      EXPECT_EQ((*list)[0], finance);  // code order
      EXPECT_EQ((*list)[1], works);
    }
    return core::Ok();
  }));

  auto duplicate = store_->Write([&](Transaction& tx) -> core::Status {
    Service again = finance;
    auto id = tx.services().Insert(again);
    if (!id) return core::Fail(id.error());
    return core::Ok();
  });
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(duplicate.error().message.find("FIN-01"), std::string::npos);

  auto orphan = store_->Write([&](Transaction& tx) -> core::Status {
    Service lost = finance;
    lost.structure_id = core::StructureId(999);
    auto id = tx.services().Insert(lost);
    if (!id) return core::Fail(id.error());
    return core::Ok();
  });
  ASSERT_FALSE(orphan.has_value());
  EXPECT_EQ(orphan.error().code, ErrorCode::kNotFound);

  works.active = false;
  works.valid_to.reset();
  ASSERT_OK(store_->Write([&](Transaction& tx) { return tx.services().Update(works); }));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto got = tx.services().Get(works.id);
    EXPECT_TRUE(got.has_value() && *got == works);
    return core::Ok();
  }));
}

TEST_P(StoreTest, Users) {
  User claire = MakeUser("claire.martin@example.fr");
  claire.platform_admin = true;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto id = tx.users().Insert(claire);
    if (!id) return core::Fail(id.error());
    claire.id = *id;
    return core::Ok();
  }));
  core::UserId paul = InsertUser(*store_, "paul@example.fr");
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto got = tx.users().Get(claire.id);
    EXPECT_TRUE(got.has_value() && *got == claire);
    auto found = tx.users().FindByEmail("claire.martin@example.fr");
    EXPECT_TRUE(found.has_value() && found->has_value() && **found == claire);
    auto none = tx.users().FindByEmail("nobody@example.fr");
    EXPECT_TRUE(none.has_value() && !none->has_value());
    auto missing = tx.users().Get(core::UserId(999));
    EXPECT_TRUE(!missing.has_value() && missing.error().code == ErrorCode::kNotFound);
    auto count = tx.users().Count();
    EXPECT_TRUE(count.has_value() && *count == 2);
    return core::Ok();
  }));

  auto duplicate = store_->Write([&](Transaction& tx) -> core::Status {
    auto id = tx.users().Insert(MakeUser("paul@example.fr"));
    if (!id) return core::Fail(id.error());
    return core::Ok();
  });
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(duplicate.error().message.find("paul@example.fr"), std::string::npos);

  claire.first_name = "Claire-Anne";
  claire.active = false;
  ASSERT_OK(store_->Write([&](Transaction& tx) { return tx.users().Update(claire); }));
  User taken = claire;
  taken.email = "paul@example.fr";
  auto clashed = store_->Write([&](Transaction& tx) { return tx.users().Update(taken); });
  ASSERT_FALSE(clashed.has_value());
  EXPECT_EQ(clashed.error().code, ErrorCode::kAlreadyExists);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto got = tx.users().Get(claire.id);
    EXPECT_TRUE(got.has_value() && *got == claire);
    auto p = tx.users().Get(paul);
    EXPECT_TRUE(p.has_value() && p->email == "paul@example.fr");
    return core::Ok();
  }));
}

TEST_P(StoreTest, Memberships) {
  core::UserId claire = InsertUser(*store_, "claire@example.fr");
  core::StructureId town;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    town = *tx.structures().Insert(MakeStructure("73282932000074"));
    return core::Ok();
  }));
  Membership m;
  m.user_id = claire;
  m.structure_id = town;
  m.role = Role::kMainManager;
  m.status = AttachmentStatus::kPending;
  m.created_at = clock_.Now();
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto id = tx.memberships().Insert(m);
    if (!id) return core::Fail(id.error());
    m.id = *id;
    return core::Ok();
  }));
  auto duplicate = store_->Write([&](Transaction& tx) -> core::Status {
    auto id = tx.memberships().Insert(m);
    if (!id) return core::Fail(id.error());
    return core::Ok();
  });
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  auto orphan = store_->Write([&](Transaction& tx) -> core::Status {
    Membership lost = m;
    lost.user_id = core::UserId(999);
    auto id = tx.memberships().Insert(lost);
    if (!id) return core::Fail(id.error());
    return core::Ok();
  });
  ASSERT_FALSE(orphan.has_value());
  EXPECT_EQ(orphan.error().code, ErrorCode::kNotFound);

  m.status = AttachmentStatus::kApproved;
  m.role = Role::kSecondaryManager;
  ASSERT_OK(store_->Write([&](Transaction& tx) { return tx.memberships().Update(m); }));
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto got = tx.memberships().Get(m.id);
    EXPECT_TRUE(got.has_value() && *got == m);
    auto found = tx.memberships().Find(claire, town);
    EXPECT_TRUE(found.has_value() && found->has_value() && **found == m);
    auto none = tx.memberships().Find(claire, core::StructureId(999));
    EXPECT_TRUE(none.has_value() && !none->has_value());
    auto by_user = tx.memberships().ListByUser(claire);
    EXPECT_TRUE(by_user.has_value() && by_user->size() == 1 && by_user->front() == m);
    auto by_structure = tx.memberships().ListByStructure(town);
    EXPECT_TRUE(by_structure.has_value() && by_structure->size() == 1);
    auto missing = tx.memberships().Get(core::MembershipId(999));
    EXPECT_TRUE(!missing.has_value() && missing.error().code == ErrorCode::kNotFound);
    return core::Ok();
  }));
}

TEST_P(StoreTest, Sessions) {
  core::UserId claire = InsertUser(*store_, "claire@example.fr");
  Session live{std::string(64, 'a'), claire, "csrf-1", clock_.Now(),
               clock_.Now() + std::chrono::hours(8)};
  Session old{std::string(64, 'b'), claire, "csrf-2", clock_.Now() - std::chrono::hours(9),
              clock_.Now() - std::chrono::hours(1)};
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    if (auto s = tx.sessions().Insert(live); !s) return s;
    return tx.sessions().Insert(old);
  }));
  auto duplicate = store_->Write([&](Transaction& tx) { return tx.sessions().Insert(live); });
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    auto found = tx.sessions().Find(live.token_hash);
    EXPECT_TRUE(found.has_value() && found->has_value() && **found == live);
    auto none = tx.sessions().Find(std::string(64, 'c'));
    EXPECT_TRUE(none.has_value() && !none->has_value());
    return core::Ok();
  }));
  int64_t deleted = -1;
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto n = tx.sessions().DeleteExpired(clock_.Now());
    if (!n) return core::Fail(n.error());
    deleted = *n;
    if (auto s = tx.sessions().Delete(live.token_hash); !s) return s;
    return tx.sessions().Delete(live.token_hash);  // twice is fine
  }));
  EXPECT_EQ(deleted, 1);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    EXPECT_FALSE(tx.sessions().Find(live.token_hash)->has_value());
    EXPECT_FALSE(tx.sessions().Find(old.token_hash)->has_value());
    return core::Ok();
  }));
}

TEST_P(StoreTest, WriteErrorRollsBackEverything) {
  auto status = store_->Write([&](Transaction& tx) -> core::Status {
    EXPECT_TRUE(tx.users().Insert(MakeUser("a@example.fr")).has_value());
    EXPECT_TRUE(tx.audit().Append("cli", "user.created", "user:1", "{}").has_value());
    return core::Fail(ErrorCode::kConflict, "changed my mind");
  });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().message, "changed my mind");
  EXPECT_EQ(CountUsers(*store_), 0);
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    EXPECT_TRUE(tx.audit().List(0, 10)->empty());
    return core::Ok();
  }));
}

TEST_P(StoreTest, HandledConstraintErrorLeavesTransactionUsable) {
  InsertUser(*store_, "a@example.fr");
  ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
    auto clash = tx.users().Insert(MakeUser("a@example.fr"));
    EXPECT_FALSE(clash.has_value());
    // The caller handles the clash and goes on (PostgreSQL would abort the transaction if the
    // failed statement were not inside a savepoint).
    auto other = tx.users().Insert(MakeUser("b@example.fr"));
    if (!other) return core::Fail(other.error());
    return core::Ok();
  }));
  EXPECT_EQ(CountUsers(*store_), 2);
}

TEST_P(StoreTest, ReadTransactionRefusesWrites) {
  auto status = store_->Read([&](Transaction& tx) -> core::Status {
    auto id = tx.users().Insert(MakeUser("a@example.fr"));
    if (!id) return core::Fail(id.error());
    return core::Ok();
  });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kInternal);
  EXPECT_EQ(CountUsers(*store_), 0);
}

TEST_P(StoreTest, ConcurrentWritesAllCommitAndAFailingJobSpoilsNoOther) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  std::atomic<int> failures{0}, unexpected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const bool fail = i % 5 == 4;
        auto status = store_->Write([&](Transaction& tx) -> core::Status {
          auto id = tx.users().Insert(
              MakeUser("u" + std::to_string(t) + "-" + std::to_string(i) + "@example.fr"));
          if (!id) return core::Fail(id.error());
          auto event = tx.audit().Append("system", "user.created",
                                         "user:" + std::to_string(id->value()), "{}");
          if (!event) return core::Fail(event.error());
          if (fail) return core::Fail(ErrorCode::kConflict, "deliberate");
          return core::Ok();
        });
        if (fail && !status && status.error().message == "deliberate") {
          ++failures;
        } else if (!status || fail) {
          ++unexpected;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_EQ(failures.load(), kThreads * kPerThread / 5);
  EXPECT_EQ(CountUsers(*store_), kThreads * kPerThread * 4 / 5);
  auto report = store_->Verify();
  ASSERT_OK(report);
  EXPECT_TRUE(report->ok) << report->first_problem;
  EXPECT_EQ(report->events_checked, kThreads * kPerThread * 4 / 5);
}

TEST_P(StoreTest, ReadsRunBesideWrites) {
  std::atomic<bool> done{false};
  std::atomic<int> read_errors{0}, reads{0};
  std::thread reader([&] {
    int64_t last = 0;
    while (!done) {
      int64_t count = CountUsers(*store_);
      if (count < last) ++read_errors;  // a snapshot never goes back in time
      last = count;
      ++reads;
    }
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < 3; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 30; ++i) {
        InsertUser(*store_, "w" + std::to_string(t) + "-" + std::to_string(i) + "@example.fr");
      }
    });
  }
  for (auto& w : writers) w.join();
  done = true;
  reader.join();
  EXPECT_EQ(read_errors.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(CountUsers(*store_), 90);
}

TEST_P(StoreTest, ReadSeesOneSnapshot) {
  InsertUser(*store_, "a@example.fr");
  ASSERT_OK(store_->Read([&](Transaction& tx) -> core::Status {
    EXPECT_EQ(*tx.users().Count(), 1);
    // A write committed meanwhile is not seen by this snapshot.
    std::thread([&] { InsertUser(*store_, "b@example.fr"); }).join();
    EXPECT_EQ(*tx.users().Count(), 1);
    return core::Ok();
  }));
  EXPECT_EQ(CountUsers(*store_), 2);
}

TEST_P(StoreTest, UnreachablePostgresIsUnavailableWithoutThePassword) {
  StoreOptions options;
  options.database_url = "postgresql://choral:s3cret-pw@127.0.0.1:1/choral";
  auto opened = Store::Open(options, clock_);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(opened.error().message.starts_with("cannot connect to PostgreSQL at 127.0.0.1:1: "))
      << opened.error().message;
  EXPECT_EQ(opened.error().message.find("s3cret-pw"), std::string::npos);
  EXPECT_EQ(opened.error().message.find('\n'), std::string::npos);
}

TEST_P(StoreTest, UnknownUrlIsInvalidArgument) {
  StoreOptions options;
  options.data_dir = data_dir_.string();
  options.database_url = "mysql://root:pw@localhost/db";
  auto opened = Store::Open(options, clock_);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(opened.error().message.find("pw"), std::string::npos);
}

TEST_P(StoreTest, SqliteUrlNamesTheFile) {
  StoreOptions options;
  options.data_dir = (data_dir_ / "other").string();
  options.database_url = "sqlite:" + (data_dir_ / "elsewhere" / "x.db").string();
  auto opened = Store::Open(options, clock_);
  ASSERT_OK(opened);
  EXPECT_EQ((*opened)->backend_name(), "sqlite");
  EXPECT_TRUE(std::filesystem::exists(data_dir_ / "elsewhere" / "x.db"));
}

INSTANTIATE_TEST_SUITE_P(Backend, StoreTest, ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
