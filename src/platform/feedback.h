// Feedback: "Donnez votre avis", the rating (1 to 5) and optional comment a person gives after a
// deposit; counted and averaged for the platform's administrators (Dashboard).
#pragma once

#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "platform/actor.h"
#include "store/store.h"

namespace choral::platform {

// The longest comment, in characters (UTF-8 code points).
inline constexpr size_t kMaxFeedbackCommentChars = 1000;

// Thread-safe.
class Feedback {
 public:
  Feedback(store::Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}

  // Stores the actor's opinion with its audit event ("feedback.given") in one transaction.
  // `context` says where it was given: only "deposit" for now. kInvalidArgument for a rating
  // outside 1..5, a comment over kMaxFeedbackCommentChars characters or not UTF-8, or an
  // unknown context. The comment is trimmed.
  core::Status Give(const Actor& actor, int rating, const std::string& comment,
                    const std::string& context) const;

 private:
  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace choral::platform
