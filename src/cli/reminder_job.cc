#include "cli/reminder_job.h"

#include <nlohmann/json.hpp>

namespace choral::cli {

ReminderJob::ReminderJob(const platform::ApiAccess& access, std::chrono::seconds period,
                         std::shared_ptr<spdlog::logger> logger)
    : access_(access),
      period_(period),
      logger_(std::move(logger)),
      thread_([this](std::stop_token stop) { Run(stop); }) {}

ReminderJob::~ReminderJob() { Stop(); }

void ReminderJob::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  thread_.join();
}

void ReminderJob::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    auto reminded = access_.RemindExpiringPasswords();
    if (!reminded) {
      logger_->error(nlohmann::json{{"msg", "password expiry reminders failed"},
                                    {"error", reminded.error().ToString()}}
                         .dump());
    } else if (*reminded > 0) {
      logger_->info(nlohmann::json{
          {"msg", "password expiry reminders queued"},
          {"accounts",
           *reminded}}.dump());
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, period_, [] { return false; });
  }
}

}  // namespace choral::cli
