// Directory search on both backends: by name, SIRET (typed with spaces) or town, of one kind,
// active only, literally (LIKE's wildcards are plain characters), by name then id, paged.
#include <gtest/gtest.h>

#include "store/store.h"
#include "store/test_backend.h"

namespace choral::store {
namespace {

class StructureSearchTest : public StoreTestBase {
 protected:
  void SetUp() override {
    StoreTestBase::SetUp();
    if (HasFatalFailure()) return;
    struct Row {
      const char* siret;
      directory::StructureKind kind;
      const char* name;
      const char* address;
      bool active;
    };
    const Row rows[] = {
        {"11000998200015", directory::StructureKind::kPublic, "Ministère du Numérique",
         "20 avenue de Ségur, 75007 Paris", true},
        {"21340158100011", directory::StructureKind::kPublic, "Commune de Saint-Aubin",
         "Place de la Mairie, 34000 Montpellier", true},
        {"26750813300019", directory::StructureKind::kPublic, "Centre hospitalier 100% Bellerive",
         "1 rue de l'Hôpital, 75013 Paris", true},
        {"21750001600019", directory::StructureKind::kPublic, "Ancienne régie de PARIS",
         "75001 Paris", false},
        {"83412698900013", directory::StructureKind::kPrivate, "Atelier Lumen Paris", "Paris",
         true},
    };
    ASSERT_OK(store_->Write([&](Transaction& tx) -> core::Status {
      for (const Row& row : rows) {
        directory::Structure s;
        s.identifier_type = directory::IdentifierType::kSiret;
        s.identifier = row.siret;
        s.kind = row.kind;
        s.name = row.name;
        s.address = row.address;
        s.active = row.active;
        auto id = tx.structures().Insert(s);
        if (!id) return core::Fail(id.error());
      }
      return core::Ok();
    }));
  }

  std::vector<std::string> Names(StructureQuery query) {
    std::vector<std::string> names;
    int64_t count = -1;
    EXPECT_OK(store_->Read([&](Transaction& tx) -> core::Status {
      auto found = tx.structures().Search(query);
      if (!found) return core::Fail(found.error());
      for (const auto& s : *found) names.push_back(s.name);
      auto counted = tx.structures().CountMatching(query);
      if (!counted) return core::Fail(counted.error());
      count = *counted;
      return core::Ok();
    }));
    if (query.offset == 0 && static_cast<int64_t>(names.size()) < query.limit) {
      EXPECT_EQ(count, static_cast<int64_t>(names.size()));
    }
    return names;
  }

  static StructureQuery PublicActive(std::string text) {
    StructureQuery q;
    q.kind = directory::StructureKind::kPublic;
    q.active_only = true;
    q.text = std::move(text);
    return q;
  }
};

TEST_P(StructureSearchTest, FindsByNameTownOrSiretIgnoringCase) {
  EXPECT_EQ(Names(PublicActive("saint-aubin")), std::vector<std::string>{"Commune de Saint-Aubin"});
  EXPECT_EQ(
      Names(PublicActive("PARIS")),
      (std::vector<std::string>{"Centre hospitalier 100% Bellerive", "Ministère du Numérique"}));
  EXPECT_EQ(Names(PublicActive("110 009 982")), std::vector<std::string>{"Ministère du Numérique"});
  EXPECT_EQ(Names(PublicActive("")).size(), 3u);
}

TEST_P(StructureSearchTest, KindAndActivityNarrowTheSearch) {
  StructureQuery any;
  any.text = "paris";
  EXPECT_EQ(Names(any).size(), 4u);  // the inactive régie and the company too
  StructureQuery companies = any;
  companies.kind = directory::StructureKind::kPrivate;
  EXPECT_EQ(Names(companies), std::vector<std::string>{"Atelier Lumen Paris"});
}

TEST_P(StructureSearchTest, WildcardsAreTakenLiterally) {
  EXPECT_EQ(Names(PublicActive("100%")),
            std::vector<std::string>{"Centre hospitalier 100% Bellerive"});
  EXPECT_TRUE(Names(PublicActive("_")).empty());
}

TEST_P(StructureSearchTest, PagesKeepTheOrder) {
  StructureQuery q = PublicActive("");
  q.limit = 2;
  EXPECT_EQ(Names(q), (std::vector<std::string>{"Centre hospitalier 100% Bellerive",
                                                "Commune de Saint-Aubin"}));
  q.offset = 2;
  EXPECT_EQ(Names(q), std::vector<std::string>{"Ministère du Numérique"});
}

INSTANTIATE_TEST_SUITE_P(Backend, StructureSearchTest, ::testing::Values(BackendFromEnvironment()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace choral::store
