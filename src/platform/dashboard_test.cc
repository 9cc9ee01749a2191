#include "platform/dashboard.h"

#include <gtest/gtest.h>

#include "platform/authentication.h"
#include "platform/demo_data.h"
#include "platform/test_support.h"

namespace choral::platform {
namespace {

int64_t Figure(const HomeView& view, std::string_view key) {
  for (const auto& f : view.figures) {
    if (f.key == key) return f.value;
  }
  ADD_FAILURE() << "no figure " << key;
  return -1;
}

TEST(DashboardTest, ManagerSeesPendingRequestsAndFigures) {
  core::FixedClock clock(testing::At(1'790'000'000'000));
  testing::TempStore store(clock);
  PasswordHasher hasher(PasswordHasher::Minimal());
  auto seeded = SeedDemoData(*store, hasher);
  ASSERT_TRUE(seeded);

  // A newcomer asks to join the commune: the commune's managers see it waiting.
  ASSERT_TRUE(store->Write([&](store::Transaction& tx) -> core::Status {
    accounts::User user;
    user.email = "nouveau@saint-aubin.example";
    auto user_id = tx.users().Insert(user);
    if (!user_id) return core::Fail(user_id.error());
    auto commune =
        tx.structures().FindByIdentifier(directory::IdentifierType::kSiret, "21340158100011");
    if (!commune || !*commune) return core::Fail(core::ErrorCode::kInternal, "no commune");
    accounts::Membership request;
    request.user_id = *user_id;
    request.structure_id = (*commune)->id;
    auto id = tx.memberships().Insert(request);
    if (!id) return core::Fail(id.error());
    return core::Ok();
  }));

  Authentication auth(*store, clock, hasher);
  auto password_of = [&](std::string_view email) {
    for (const auto& l : seeded->logins) {
      if (l.email == email) return l.password;
    }
    return std::string();
  };
  Dashboard dashboard(*store);

  auto manager = auth.Login({"luc.garnier@saint-aubin.example",
                             password_of("luc.garnier@saint-aubin.example"), "127.0.0.1"});
  ASSERT_TRUE(manager);
  auto view = dashboard.Home(manager->actor);
  ASSERT_TRUE(view) << view.error().ToString();
  EXPECT_EQ(view->pending_attachment_requests, 1);
  EXPECT_EQ(Figure(*view, "figure.my_structures"), 1);
  EXPECT_EQ(Figure(*view, "figure.active_services"), 3);
  EXPECT_EQ(Figure(*view, "figure.attached_users"), 3);

  auto user = auth.Login({"paul.fontaine@saint-aubin.example",
                          password_of("paul.fontaine@saint-aubin.example"), "127.0.0.1"});
  ASSERT_TRUE(user);
  auto user_view = dashboard.Home(user->actor);
  ASSERT_TRUE(user_view);
  EXPECT_EQ(user_view->pending_attachment_requests, 0);  // simple users approve nothing

  auto admin =
      auth.Login({"admin@choral.example", password_of("admin@choral.example"), "127.0.0.1"});
  ASSERT_TRUE(admin);
  auto admin_view = dashboard.Home(admin->actor);
  ASSERT_TRUE(admin_view);
  EXPECT_EQ(Figure(*admin_view, "figure.platform_structures"), 5);
  EXPECT_EQ(Figure(*admin_view, "figure.platform_users"), 15);
  EXPECT_EQ(Figure(*admin_view, "figure.feedback_count"), 0);
  EXPECT_EQ(Figure(*admin_view, "figure.feedback_average_tenths"), 0);
}

}  // namespace
}  // namespace choral::platform
