// FlowJob: the thread of `choral serve` that integrates deposited flows. It runs FlowProcessor
// passes every poll interval (at once again while a pass fills its batch) and logs what failed.
// Several `choral serve` on one PostgreSQL database share the work through the jobs' leases.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/logger.h>

#include "platform/flow_processor.h"

namespace choral::cli {

class FlowJob {
 public:
  // Starts the thread. `processor` must outlive the job, and so must the store behind it.
  FlowJob(const platform::FlowProcessor& processor, std::chrono::milliseconds poll,
          std::shared_ptr<spdlog::logger> logger);
  // Stops and joins: the flow being processed finishes its current invoice first... or the whole
  // flow; an interrupted one resumes at the next start, once its lease has run out.
  ~FlowJob();

  FlowJob(const FlowJob&) = delete;
  FlowJob& operator=(const FlowJob&) = delete;

  void Stop();

 private:
  void Run(std::stop_token stop);

  const platform::FlowProcessor& processor_;
  std::chrono::milliseconds poll_;
  std::shared_ptr<spdlog::logger> logger_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: started once the members it uses exist
};

}  // namespace choral::cli
