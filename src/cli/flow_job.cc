#include "cli/flow_job.h"

#include <nlohmann/json.hpp>

namespace choral::cli {

FlowJob::FlowJob(const platform::FlowProcessor& processor, std::chrono::milliseconds poll,
                 std::shared_ptr<spdlog::logger> logger)
    : processor_(processor),
      poll_(poll),
      logger_(std::move(logger)),
      thread_([this](std::stop_token stop) { Run(stop); }) {}

FlowJob::~FlowJob() { Stop(); }

void FlowJob::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  thread_.join();
}

void FlowJob::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    bool batch_full = false;
    auto report = processor_.RunOnce();
    if (!report) {
      logger_->error(
          nlohmann::json{{"msg", "flow pass failed"}, {"error", report.error().ToString()}}.dump());
    } else {
      for (const std::string& error : report->errors) {
        logger_->warn(nlohmann::json{{"msg", "flow not processed"}, {"error", error}}.dump());
      }
      if (report->claimed > 0) {
        logger_->info(nlohmann::json{
            {"msg", "flow pass"}, {"finished", report->finished}, {"retried", report->retried}}
                          .dump());
      }
      batch_full = report->claimed >= processor_.options().batch_size;
    }
    if (batch_full) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, poll_, [] { return false; });
  }
}

}  // namespace choral::cli
