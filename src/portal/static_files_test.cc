#include "portal/static_files.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

namespace choral::portal {
namespace {

namespace fs = std::filesystem;

std::string HeaderOf(const http::Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

http::Request Get() {
  http::Request request;
  request.method = "GET";
  return request;
}

void WriteFile(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("choral_portal_test_" + std::to_string(::getpid()) + "_" + std::to_string(count_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  static inline int count_ = 0;
  fs::path path_;
};

TEST(StaticFilesTest, ServesFilesWithTypeEtagAndCaching) {
  StaticFiles files = StaticFiles::FromMemory({{"app.css", "body{}"}, {"fonts/x.woff2", "w"}});
  http::Response css = files.Serve("app.css", Get());
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.body, "body{}");
  EXPECT_EQ(HeaderOf(css, "Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(HeaderOf(css, "Cache-Control"), "public, max-age=86400");
  EXPECT_EQ(HeaderOf(css, "X-Content-Type-Options"), "nosniff");
  std::string etag = HeaderOf(css, "ETag");
  ASSERT_EQ(etag.size(), 18u);
  EXPECT_EQ(etag.front(), '"');

  EXPECT_EQ(HeaderOf(files.Serve("fonts/x.woff2", Get()), "Content-Type"), "font/woff2");

  http::Request conditional = Get();
  conditional.headers["if-none-match"] = "\"other\", " + etag;
  http::Response not_modified = files.Serve("app.css", conditional);
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());
}

TEST(StaticFilesTest, ContentTypes) {
  EXPECT_EQ(StaticFiles::ContentType("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentType("a.css.map"), "application/json");
  EXPECT_EQ(StaticFiles::ContentType("a.woff"), "font/woff");
  EXPECT_EQ(StaticFiles::ContentType("a.svg"), "image/svg+xml");
  EXPECT_EQ(StaticFiles::ContentType("a"), "application/octet-stream");
}

TEST(StaticFilesTest, RefusesPathsOutsideTheFolder) {
  StaticFiles files = StaticFiles::FromMemory({{"app.css", "x"}, {"sub/b.css", "y"}});
  for (std::string_view path : std::initializer_list<std::string_view>{
           "", "/app.css", "../app.css", "sub/../app.css", "./app.css", "sub//b.css", "sub\\b.css",
           "..", "sub/", std::string_view("app.css\0", 8), "../../../../etc/passwd"}) {
    EXPECT_EQ(files.Serve(path, Get()).status, 404) << path;
  }
  EXPECT_EQ(files.Serve("sub/b.css", Get()).status, 200);
}

TEST(StaticFilesTest, LoadsOnlyWhatIsInsideStaticAndNotThroughLinks) {
  TempDir dir;
  WriteFile(dir.path() / "static" / "app.css", "body{}");
  WriteFile(dir.path() / "static" / "fonts" / "f.woff2", "font");
  WriteFile(dir.path() / "secret.txt", "password");
  fs::create_symlink(dir.path() / "secret.txt", dir.path() / "static" / "link.txt");
  auto files = StaticFiles::Load((dir.path() / "static").string(), {"app.css", "fonts/f.woff2"});
  ASSERT_TRUE(files) << files.error().ToString();
  EXPECT_EQ(files->Serve("app.css", Get()).body, "body{}");
  EXPECT_EQ(files->Serve("fonts/f.woff2", Get()).body, "font");
  EXPECT_EQ(files->Serve("../secret.txt", Get()).status, 404);
  EXPECT_EQ(files->Serve("link.txt", Get()).status, 404);
  EXPECT_EQ(files->version().size(), 10u);
}

TEST(StaticFilesTest, MissingFolderOrRequiredFileIsUnavailable) {
  TempDir dir;
  auto missing = StaticFiles::Load((dir.path() / "nowhere").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kUnavailable);
  WriteFile(dir.path() / "static" / "a.css", "x");
  auto incomplete = StaticFiles::Load((dir.path() / "static").string(), {"a.css", "b.js"});
  ASSERT_FALSE(incomplete);
  EXPECT_NE(incomplete.error().message.find("b.js"), std::string::npos);
}

TEST(StaticFilesTest, VersionChangesWithContent) {
  EXPECT_NE(StaticFiles::FromMemory({{"a.css", "1"}}).version(),
            StaticFiles::FromMemory({{"a.css", "2"}}).version());
}

TEST(StaticFilesTest, TheBuiltWebRootHasEveryAsset) {
  auto files = StaticFiles::Load(
      std::string(CHORAL_WEB_ROOT) + "/static",
      {"bootstrap.min.css", "bootstrap.bundle.min.js", "bootstrap-icons.min.css",
       "fonts/bootstrap-icons.woff2", "fonts/bootstrap-icons.woff", "htmx.min.js", "choral.css"});
  ASSERT_TRUE(files) << files.error().ToString();
}

}  // namespace
}  // namespace choral::portal
