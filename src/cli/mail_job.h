// MailJob: the thread of `choral serve` that sends the outbox. It runs MailDispatcher passes every
// poll interval (at once again while a pass fills its batch) and logs what failed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/logger.h>

#include "platform/mail_dispatcher.h"

namespace choral::cli {

class MailJob {
 public:
  // Starts the thread. `dispatcher` must outlive the job, and so must the store behind it.
  MailJob(const platform::MailDispatcher& dispatcher, std::chrono::seconds poll,
          std::shared_ptr<spdlog::logger> logger);
  // Stops and joins: a send in progress finishes (within the SMTP timeout) first.
  ~MailJob();

  MailJob(const MailJob&) = delete;
  MailJob& operator=(const MailJob&) = delete;

  void Stop();

 private:
  void Run(std::stop_token stop);

  const platform::MailDispatcher& dispatcher_;
  std::chrono::seconds poll_;
  std::shared_ptr<spdlog::logger> logger_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: started once the members it uses exist
};

}  // namespace choral::cli
