// What the account tests share: a store on either backend, a clock they move, a fast hasher,
// and readers of what the outbox and the audit log hold.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "platform/password_hasher.h"
#include "platform/test_support.h"
#include "store/store.h"

namespace choral::platform::testing {

class AccountTestBase : public ::testing::Test {
 protected:
  AccountTestBase()
      : clock_(At(1'790'000'000'000)), store_(clock_), hasher_(PasswordHasher::Minimal()) {}

  // Every message queued for `to`, oldest first.
  std::vector<store::OutboxMessage> MailsTo(const std::string& to) {
    std::vector<store::OutboxMessage> messages;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
      auto sent = tx.outbox().SentTo(to);
      if (!sent) return core::Fail(sent.error());
      messages = std::move(*sent);
      return core::Ok();
    }));
    return messages;
  }

  // The parameter `name` of the last message queued for `to`, "" when there is none.
  std::string LastMailParam(const std::string& to, const std::string& name) {
    auto messages = MailsTo(to);
    if (messages.empty()) return "";
    auto params = nlohmann::json::parse(messages.back().params);
    return params.value(name, "");
  }

  std::vector<std::string> AuditActions() {
    std::vector<std::string> actions;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
      auto events = tx.audit().List(0, 1000);
      if (!events) return core::Fail(events.error());
      for (const auto& e : *events) actions.push_back(e.action);
      return core::Ok();
    }));
    return actions;
  }

  core::FixedClock clock_;
  TempStore store_;
  PasswordHasher hasher_;
};

}  // namespace choral::platform::testing
