// SqlFeedbackRepository: table `feedback` (migrations/0004_feedback.sql).
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

struct FeedbackRow {
  long long id = 0, user_id = 0, created_at = 0;
  int rating = 0;
  std::string comment, context;
};

}  // namespace

core::Result<int64_t> SqlFeedbackRepository::Insert(const Feedback& feedback) {
  if (feedback.rating < 1 || feedback.rating > 5) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "rating " + std::to_string(feedback.rating) + " must be 1 to 5");
  }
  long long user = feedback.user_id.value(), created_at = ToMillis(feedback.created_at);
  int rating = feedback.rating;
  std::string comment = feedback.comment, context = feedback.context;
  long long id = 0;
  auto status = GuardedWrite(ctx_, "storing an opinion", {"", "the user does not exist"}, [&] {
    ctx_.sql << "INSERT INTO feedback (user_id, rating, comment, context, created_at) "
                "VALUES (:u, :r, :c, :x, :t) RETURNING id",
        soci::use(user), soci::use(rating), soci::use(comment), soci::use(context),
        soci::use(created_at), soci::into(id);
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(id);
}

core::Result<std::vector<Feedback>> SqlFeedbackRepository::List(int limit) {
  long long max_rows = std::max(0, limit);
  std::vector<FeedbackRow> rows;
  auto status = SelectRows<FeedbackRow>(
      ctx_, "reading opinions",
      "SELECT id, user_id, rating, comment, context, created_at FROM feedback "
      "ORDER BY created_at DESC, id DESC LIMIT :limit",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(max_rows); },
      [](soci::details::prepare_temp_type& p, FeedbackRow& r) {
        p, soci::into(r.id), soci::into(r.user_id), soci::into(r.rating), soci::into(r.comment),
            soci::into(r.context), soci::into(r.created_at);
      },
      rows);
  if (!status) return core::Fail(status.error());
  std::vector<Feedback> out;
  for (const FeedbackRow& r : rows) {
    out.push_back(
        {r.id, core::UserId(r.user_id), r.rating, r.comment, r.context, FromMillis(r.created_at)});
  }
  return out;
}

core::Result<FeedbackSummary> SqlFeedbackRepository::Summary() {
  long long count = 0, sum = 0;
  auto status = GuardedRead("summing opinions", [&] {
    ctx_.sql << "SELECT COUNT(*), COALESCE(SUM(rating), 0) FROM feedback", soci::into(count),
        soci::into(sum);
  });
  if (!status) return core::Fail(status.error());
  FeedbackSummary summary;
  summary.count = count;
  if (count > 0) summary.average_tenths = (sum * 10 * 2 + count) / (2 * count);
  return summary;
}

}  // namespace choral::store
