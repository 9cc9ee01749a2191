#include "cli/mail_job.h"

#include <nlohmann/json.hpp>

namespace choral::cli {

MailJob::MailJob(const platform::MailDispatcher& dispatcher, std::chrono::seconds poll,
                 std::shared_ptr<spdlog::logger> logger)
    : dispatcher_(dispatcher),
      poll_(poll),
      logger_(std::move(logger)),
      thread_([this](std::stop_token stop) { Run(stop); }) {}

MailJob::~MailJob() { Stop(); }

void MailJob::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  thread_.join();
}

void MailJob::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    bool batch_full = false;
    auto report = dispatcher_.RunOnce();
    if (!report) {
      logger_->error(
          nlohmann::json{{"msg", "mail outbox pass failed"}, {"error", report.error().ToString()}}
              .dump());
    } else {
      for (const std::string& error : report->errors) {
        logger_->warn(nlohmann::json{{"msg", "mail not sent"}, {"error", error}}.dump());
      }
      if (report->claimed > 0) {
        logger_->info(nlohmann::json{{"msg", "mail outbox pass"},
                                     {"sent", report->sent},
                                     {"retried", report->retried},
                                     {"abandoned", report->abandoned}}
                          .dump());
      }
      batch_full = report->claimed >= dispatcher_.options().batch_size;
    }
    if (batch_full) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, poll_, [] { return false; });
  }
}

}  // namespace choral::cli
