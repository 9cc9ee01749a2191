// ReminderJob: the thread of `choral serve` that, at start and then once a day, queues the
// mails reminding managers that a technical account's password expires soon
// (platform::ApiAccess::RemindExpiringPasswords; each password is reminded once, so a restart or
// a second server does no harm beyond, at worst, a duplicate mail in a race).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/logger.h>

#include "platform/api_access.h"

namespace choral::cli {

class ReminderJob {
 public:
  // Starts the thread. `access` must outlive the job, and so must the store behind it.
  ReminderJob(const platform::ApiAccess& access, std::chrono::seconds period,
              std::shared_ptr<spdlog::logger> logger);
  // Stops and joins.
  ~ReminderJob();
  ReminderJob(const ReminderJob&) = delete;
  ReminderJob& operator=(const ReminderJob&) = delete;
  void Stop();

 private:
  void Run(std::stop_token stop);

  const platform::ApiAccess& access_;
  std::chrono::seconds period_;
  std::shared_ptr<spdlog::logger> logger_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: started once the members it uses exist
};

}  // namespace choral::cli
