// Platform: every use case, wired to one store and one clock. The cli builds it; http and portal
// call it. Authorization is decided here and only here.
#pragma once

#include "core/clock.h"
#include "platform/account_settings.h"
#include "platform/authentication.h"
#include "platform/dashboard.h"
#include "platform/deposit.h"
#include "platform/feedback.h"
#include "platform/invoice_processing.h"
#include "platform/notification_inbox.h"
#include "platform/password_hasher.h"
#include "platform/password_reset.h"
#include "platform/public_directory.h"
#include "platform/sign_up.h"
#include "store/store.h"

namespace choral::platform {

struct PlatformOptions {
  PasswordHasher::Cost password_cost = PasswordHasher::Interactive();
  AuthenticationOptions authentication;
  SignUpOptions sign_up;
  PasswordResetOptions password_reset;
  pdf::ReaderOptions pdf_reader;  // limits on the PDFs suppliers deposit
};

// Thread-safe. Holds references: `store` and `clock` must outlive it.
class Platform {
 public:
  Platform(store::Store& store, const core::Clock& clock, PlatformOptions options = {});

  Authentication& authentication() { return authentication_; }
  SignUp& sign_up() { return sign_up_; }
  PasswordReset& password_reset() { return password_reset_; }
  AccountSettings& account_settings() { return account_settings_; }
  const Dashboard& dashboard() const { return dashboard_; }
  const PublicDirectory& public_directory() const { return public_directory_; }
  const Deposits& deposits() const { return deposits_; }
  const InvoiceProcessing& invoices() const { return invoices_; }
  const Feedback& feedback() const { return feedback_; }
  const NotificationInbox& notifications() const { return notifications_; }

  // Ok when the database answers a read; kUnavailable naming what failed otherwise.
  core::Status CheckHealth() const;

 private:
  store::Store& store_;
  PasswordHasher hasher_;
  Authentication authentication_;
  SignUp sign_up_;
  PasswordReset password_reset_;
  AccountSettings account_settings_;
  Dashboard dashboard_;
  PublicDirectory public_directory_;
  Deposits deposits_;
  InvoiceProcessing invoices_;
  Feedback feedback_;
  NotificationInbox notifications_;
};

}  // namespace choral::platform
