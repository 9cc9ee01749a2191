#include "platform/account_settings.h"

#include <nlohmann/json.hpp>

#include "platform/password_policy.h"

namespace choral::platform {
namespace {

constexpr size_t kMaxNameLength = 100;

std::string UserActor(core::UserId id) { return "user:" + std::to_string(id.value()); }

std::string Trimmed(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

}  // namespace

AccountSettings::AccountSettings(store::Store& store, const core::Clock& clock,
                                 const PasswordHasher& hasher,
                                 ThrottleOptions wrong_password_throttle)
    : store_(store), clock_(clock), hasher_(hasher), wrong_password_(wrong_password_throttle) {}

core::Result<Profile> AccountSettings::Get(const Actor& actor) const {
  Profile profile;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto user = tx.users().Get(actor.user_id);
    if (!user) return core::Fail(user.error());
    profile.email = user->email;
    profile.first_name = user->first_name;
    profile.last_name = user->last_name;
    auto memberships = tx.memberships().ListByUser(actor.user_id);
    if (!memberships) return core::Fail(memberships.error());
    for (const auto& membership : *memberships) {
      auto structure = tx.structures().Get(membership.structure_id);
      if (!structure) return core::Fail(structure.error());
      profile.attachments.push_back(
          AttachmentView{structure->id, structure->name, structure->identifier_type,
                         structure->identifier, membership.role, membership.status});
    }
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return profile;
}

core::Result<FieldProblems> AccountSettings::UpdateProfile(const Actor& actor,
                                                           std::string_view first_name,
                                                           std::string_view last_name) {
  std::string first = Trimmed(first_name), last = Trimmed(last_name);
  FieldProblems problems;
  if (first.empty()) problems.push_back({"first_name", "first_name_missing"});
  if (first.size() > kMaxNameLength) problems.push_back({"first_name", "name_too_long"});
  if (last.empty()) problems.push_back({"last_name", "last_name_missing"});
  if (last.size() > kMaxNameLength) problems.push_back({"last_name", "name_too_long"});
  if (!problems.empty()) return problems;
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto user = tx.users().Get(actor.user_id);
    if (!user) return core::Fail(user.error());
    nlohmann::json details = {{"before", user->first_name + " " + user->last_name},
                              {"after", first + " " + last}};
    user->first_name = first;
    user->last_name = last;
    if (auto updated = tx.users().Update(*user); !updated) return updated;
    auto event = tx.audit().Append(UserActor(user->id), "user.profile_updated", UserActor(user->id),
                                   details.dump());
    if (!event) return core::Fail(event.error());
    return core::Ok();
  });
  if (!written) return core::Fail(written.error());
  return FieldProblems{};
}

core::Result<FieldProblems> AccountSettings::ChangePassword(const Actor& actor,
                                                            std::string_view current,
                                                            std::string_view new_password) {
  const core::Timestamp now = clock_.Now();
  const std::string key = "account:" + std::to_string(actor.user_id.value());
  if (wrong_password_.Throttled(key, now)) {
    return core::Fail(core::ErrorCode::kResourceExhausted,
                      "too many wrong passwords; try again later");
  }
  std::string stored_hash;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto user = tx.users().Get(actor.user_id);
    if (!user) return core::Fail(user.error());
    stored_hash = user->password_hash;
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  FieldProblems problems;
  if (!hasher_.Verify(current, stored_hash)) {
    wrong_password_.Record(key, now);
    problems.push_back({"current_password", "current_password_wrong"});
  }
  if (auto rule = PasswordRuleBroken(new_password, actor.email)) {
    problems.push_back({"new_password", std::string(*rule)});
  }
  if (!problems.empty()) return problems;
  auto hash = hasher_.Hash(new_password);
  if (!hash) return core::Fail(hash.error());
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto user = tx.users().Get(actor.user_id);
    if (!user) return core::Fail(user.error());
    user->password_hash = *hash;
    if (auto updated = tx.users().Update(*user); !updated) return updated;
    auto ended = tx.sessions().DeleteByUser(user->id);
    if (!ended) return core::Fail(ended.error());
    nlohmann::json details = {{"sessions_ended", *ended}};
    auto event = tx.audit().Append(UserActor(user->id), "user.password_changed",
                                   UserActor(user->id), details.dump());
    if (!event) return core::Fail(event.error());
    return core::Ok();
  });
  if (!written) return core::Fail(written.error());
  return FieldProblems{};
}

}  // namespace choral::platform
