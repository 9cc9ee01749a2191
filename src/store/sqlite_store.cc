// The SQLite store (DESIGN.md, Storage): WAL, synchronous=FULL, one writer thread committing
// queued write jobs in groups, a pool of read-only connections reading beside it.
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include <soci/sqlite3/soci-sqlite3.h>

#include "store/backends.h"
#include "store/file_blob_store.h"
#include "store/migrations.h"
#include "store/session_pool.h"
#include "store/sql_store.h"
#include "store/sqlite_functions.h"

namespace choral::store {
namespace {

// How many jobs one commit may carry at most: bounds the latency a job adds to its group.
constexpr size_t kMaxGroup = 128;
constexpr int kBusyTimeoutMs = 10000;

std::unique_ptr<soci::session> Connect(const std::string& db_path, bool read_only) {
  // SOCI's SQLite connect string reads `db=` up to the next space unless quoted.
  std::string db = db_path.find(' ') == std::string::npos ? db_path : "\"" + db_path + "\"";
  auto session = std::make_unique<soci::session>(soci::sqlite3, "db=" + db);
  soci::session& sql = *session;
  sql << "PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs);
  sql << "PRAGMA foreign_keys = ON";
  // FULL: the WAL is fsync'd at every commit, so an acknowledged write survives a power cut.
  sql << "PRAGMA synchronous = FULL";
  if (read_only) sql << "PRAGMA query_only = ON";
  InstallSqliteFunctions(sql);
  return session;
}

class SqliteStore final : public SqlStore {
 public:
  SqliteStore(std::unique_ptr<soci::session> writer, std::unique_ptr<SessionPool> readers,
              std::string blob_root, const core::Clock& clock)
      : writer_session_(std::move(writer)),
        readers_(std::move(readers)),
        blobs_(std::move(blob_root)),
        clock_(clock) {
    writer_thread_ = std::thread([this] { WriterLoop(); });
  }

  ~SqliteStore() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    queued_.notify_all();
    writer_thread_.join();
  }

  core::Status Write(const std::function<core::Status(Transaction&)>& work) override {
    if (std::this_thread::get_id() == writer_thread_.get_id()) {
      // A Write from inside a write job would wait for itself forever.
      return core::Fail(core::ErrorCode::kInternal, "Store::Write called from inside a Write");
    }
    Job job{&work, {}};
    std::future<core::Status> done = job.done.get_future();
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return core::Fail(core::ErrorCode::kUnavailable, "the store is closing");
      queue_.push_back(&job);
    }
    queued_.notify_one();
    return done.get();
  }

  BlobStore& blobs() override { return blobs_; }
  std::string_view backend_name() const override { return "sqlite"; }

 protected:
  core::Status ReadSql(const std::function<core::Status(SqlTransaction&)>& work) const override {
    auto lease = readers_->Acquire();
    if (!lease) return core::Fail(lease.error());
    soci::session& sql = **lease;
    try {
      // Deferred: the snapshot starts at the first read and holds until the end, while the
      // writer goes on appending to the WAL.
      sql << "BEGIN";
    } catch (...) {
      return core::Fail(CurrentExceptionToError("starting a read transaction"));
    }
    core::Status result;
    try {
      SqlTransaction tx(sql, Dialect::kSqlite, /*read_only=*/true, clock_);
      result = work(tx);
    } catch (...) {
      result = core::Fail(CurrentExceptionToError("read transaction"));
    }
    try {
      sql << "ROLLBACK";
    } catch (...) {
      if (result) result = core::Fail(CurrentExceptionToError("ending a read transaction"));
    }
    return result;
  }

  const BlobStore& const_blobs() const override { return blobs_; }

 private:
  struct Job {
    const std::function<core::Status(Transaction&)>* work;
    std::promise<core::Status> done;
  };

  void WriterLoop() {
    for (;;) {
      std::vector<Job*> group;
      {
        std::unique_lock lock(mutex_);
        queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and every queued job was answered
        while (!queue_.empty() && group.size() < kMaxGroup) {
          group.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      RunGroup(group);
    }
  }

  // One transaction, one fsync, for the whole group; each job in its own savepoint so that a
  // failing job rolls back alone.
  void RunGroup(const std::vector<Job*>& group) {
    soci::session& sql = *writer_session_;
    std::vector<core::Status> results(group.size());
    auto fail_all = [&](const core::Error& error) {
      for (Job* job : group) job->done.set_value(core::Fail(error));
    };
    try {
      // IMMEDIATE: take the write lock now (waiting busy_timeout for another process), rather
      // than failing with SQLITE_BUSY in the middle of a job.
      sql << "BEGIN IMMEDIATE";
    } catch (...) {
      fail_all(CurrentExceptionToError("starting a write transaction"));
      return;
    }
    for (size_t i = 0; i < group.size(); ++i) {
      try {
        sql << "SAVEPOINT choral_job";
      } catch (...) {
        return AbortGroup(group, CurrentExceptionToError("starting a write job"));
      }
      try {
        SqlTransaction tx(sql, Dialect::kSqlite, /*read_only=*/false, clock_);
        results[i] = (*group[i]->work)(tx);
      } catch (...) {
        results[i] = core::Fail(CurrentExceptionToError("write transaction"));
      }
      try {
        if (!results[i]) sql << "ROLLBACK TO choral_job";
        sql << "RELEASE choral_job";
      } catch (...) {
        // SQLite rolled the whole transaction back on its own (I/O error, disk full): every
        // job of the group is lost.
        return AbortGroup(group, CurrentExceptionToError("ending a write job"));
      }
    }
    try {
      sql << "COMMIT";
    } catch (...) {
      return AbortGroup(group, CurrentExceptionToError("committing"));
    }
    for (size_t i = 0; i < group.size(); ++i) group[i]->done.set_value(std::move(results[i]));
  }

  void AbortGroup(const std::vector<Job*>& group, const core::Error& error) {
    try {
      *writer_session_ << "ROLLBACK";
    } catch (...) {
      // Already rolled back by SQLite; nothing more to undo.
    }
    for (Job* job : group) job->done.set_value(core::Fail(error));
  }

  std::unique_ptr<soci::session> writer_session_;  // used by writer_thread_ only (after Open)
  std::unique_ptr<SessionPool> readers_;
  FileBlobStore blobs_;
  const core::Clock& clock_;

  std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  std::thread writer_thread_;
};

}  // namespace

core::Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& db_path,
                                                     const std::string& blob_root,
                                                     int read_connections,
                                                     const core::Clock& clock) {
  std::unique_ptr<soci::session> writer;
  try {
    writer = Connect(db_path, /*read_only=*/false);
    std::string mode;
    *writer << "PRAGMA journal_mode = WAL", soci::into(mode);
    if (mode != "wal") {
      return core::Fail(core::ErrorCode::kUnavailable, "cannot switch SQLite database " + db_path +
                                                           " to WAL mode (got '" + mode +
                                                           "'): is it on a network file system?");
    }
  } catch (...) {
    core::Error error = CurrentExceptionToError("cannot open SQLite database " + db_path);
    error.code = core::ErrorCode::kUnavailable;
    return core::Fail(std::move(error));
  }
  if (auto migrated = Migrate(*writer, Dialect::kSqlite, clock); !migrated) {
    return core::Fail(migrated.error());
  }
  std::vector<std::unique_ptr<soci::session>> readers;
  try {
    for (int i = 0; i < std::max(1, read_connections); ++i) {
      readers.push_back(Connect(db_path, /*read_only=*/true));
    }
  } catch (...) {
    core::Error error = CurrentExceptionToError("cannot open SQLite database " + db_path);
    error.code = core::ErrorCode::kUnavailable;
    return core::Fail(std::move(error));
  }
  auto pool = std::make_unique<SessionPool>(
      std::move(readers), [db_path] { return Connect(db_path, /*read_only=*/true); },
      [](soci::session&) { return true; });
  return std::unique_ptr<Store>(
      std::make_unique<SqliteStore>(std::move(writer), std::move(pool), blob_root, clock));
}

}  // namespace choral::store
