#include "platform/feedback.h"

#include <nlohmann/json.hpp>

namespace choral::platform {
namespace {

// Code points in `text`, or -1 when it is not valid UTF-8.
int64_t CodePoints(std::string_view text) {
  int64_t count = 0;
  for (size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t length = byte < 0x80           ? 1
                    : (byte >> 5) == 0x6  ? 2
                    : (byte >> 4) == 0xE  ? 3
                    : (byte >> 3) == 0x1E ? 4
                                          : 0;
    if (length == 0 || i + length > text.size()) return -1;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return -1;
    }
    i += length;
    ++count;
  }
  return count;
}

std::string Trim(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

}  // namespace

core::Status Feedback::Give(const Actor& actor, int rating, const std::string& comment,
                            const std::string& context) const {
  if (rating < 1 || rating > 5) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "rating must be 1 to 5");
  }
  if (context != "deposit") {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "feedback context " + core::Quoted(context) + " is unknown");
  }
  std::string text = Trim(comment);
  int64_t length = CodePoints(text);
  if (length < 0 || length > static_cast<int64_t>(kMaxFeedbackCommentChars)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "comment must be UTF-8 text of at most 1000 characters");
  }
  const std::string actor_name = "user:" + std::to_string(actor.user_id.value());
  store::Feedback row{0, actor.user_id, rating, text, context, clock_.Now()};
  return store_.Write([&](store::Transaction& tx) -> core::Status {
    auto id = tx.feedback().Insert(row);
    if (!id) return core::Fail(id.error());
    nlohmann::json details = {
        {"rating", rating}, {"context", context}, {"has_comment", !text.empty()}};
    auto event = tx.audit().Append(actor_name, "feedback.given", "feedback:" + std::to_string(*id),
                                   details.dump());
    if (!event) return core::Fail(event.error());
    return core::Ok();
  });
}

}  // namespace choral::platform
