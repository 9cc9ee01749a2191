// FeedbackRepository: the opinions people give on Choral ("Donnez votre avis" after a deposit),
// shown to the platform's administrators.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

struct Feedback {
  int64_t id = 0;
  core::UserId user_id;
  int rating = 0;       // 1..5
  std::string comment;  // may be empty
  std::string context;  // where it was given: "deposit"
  core::Timestamp created_at{};

  friend bool operator==(const Feedback&, const Feedback&) = default;
};

struct FeedbackSummary {
  int64_t count = 0;
  int64_t average_tenths = 0;  // the mean rating x 10, rounded half up; 0 without any
};

// Bound to one Transaction (see store.h); not thread-safe.
class FeedbackRepository {
 public:
  virtual ~FeedbackRepository() = default;

  // Stores one (id ignored); returns its id. kInvalidArgument for a rating outside 1..5,
  // kNotFound for an unknown user.
  virtual core::Result<int64_t> Insert(const Feedback& feedback) = 0;

  // The newest first, at most `limit`.
  virtual core::Result<std::vector<Feedback>> List(int limit) = 0;

  // How many were given and their mean rating.
  virtual core::Result<FeedbackSummary> Summary() = 0;
};

}  // namespace choral::store
