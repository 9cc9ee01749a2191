// Platform: every use case, wired to one store and one clock. The cli builds it; http and portal
// call it. Authorization is decided here and only here.
#pragma once

#include "core/clock.h"
#include "pdf/reader_pool.h"
#include "platform/account_settings.h"
#include "platform/api_access.h"
#include "platform/attachments.h"
#include "platform/authentication.h"
#include "platform/dashboard.h"
#include "platform/deposit.h"
#include "platform/feedback.h"
#include "platform/flow_processor.h"
#include "platform/flows.h"
#include "platform/invoice_processing.h"
#include "platform/invoice_validation.h"
#include "platform/main_manager.h"
#include "platform/notification_inbox.h"
#include "platform/password_hasher.h"
#include "platform/password_reset.h"
#include "platform/public_directory.h"
#include "platform/sign_up.h"
#include "platform/structure_services.h"
#include "store/store.h"

namespace choral::platform {

struct PlatformOptions {
  PasswordHasher::Cost password_cost = PasswordHasher::Interactive();
  AuthenticationOptions authentication;
  SignUpOptions sign_up;
  PasswordResetOptions password_reset;
  // The shared pool of PDF worker processes: their number, the wait for a free one, and the
  // limits on the PDFs suppliers deposit.
  pdf::ReaderPoolOptions pdf_readers;
  ApiAccessOptions api_access;
  FlowOptions flows;
  FlowProcessorOptions flow_processing;
  // The XML schemas invoices are validated against first; null: the schema step is skipped (each
  // report says so). Must outlive the platform.
  const formats::XsdValidator* xsd = nullptr;
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
  ApiAccess& api_access() { return api_access_; }
  const Attachments& attachments() const { return attachments_; }
  const StructureServices& structure_services() const { return structure_services_; }
  const MainManager& main_manager() const { return main_manager_; }
  const InvoiceValidator& invoice_validator() const { return invoice_validator_; }
  const Flows& flows() const { return flows_; }
  // Run by the background job of `choral serve` (cli/flow_job.h).
  const FlowProcessor& flow_processor() const { return flow_processor_; }

  // Ok when the database answers a read; kUnavailable naming what failed otherwise.
  core::Status CheckHealth() const;

 private:
  store::Store& store_;
  PasswordHasher hasher_;
  // Before the use cases that borrow from it, so it is destroyed after them.
  pdf::ReaderPool pdf_readers_;
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
  ApiAccess api_access_;
  Attachments attachments_;
  StructureServices structure_services_;
  MainManager main_manager_;
  InvoiceValidator invoice_validator_;
  Flows flows_;
  FlowProcessor flow_processor_;
};

}  // namespace choral::platform
