#include "cli/config.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

namespace choral::cli {
namespace {

class ConfigFileTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& text) {
    path_ = std::filesystem::temp_directory_path() /
            ("choral-config-test-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(path_) << text;
    return path_.string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::filesystem::path path_;
};

TEST_F(ConfigFileTest, ReadsEverySection) {
  Config config;
  auto loaded = LoadConfigFile(Write(R"(
[server]
listen = "0.0.0.0:9090"
worker_threads = 8
behind_tls_proxy = true
[storage]
data = "/var/lib/choral"
database = "postgresql://choral@db:5432/choral"
[log]
level = "warn"
[pdf]
workers = 3
)"),
                               config);
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_EQ(config.host, "0.0.0.0");
  EXPECT_EQ(config.port, 9090);
  EXPECT_EQ(config.worker_threads, 8);
  EXPECT_TRUE(config.behind_tls_proxy);
  EXPECT_EQ(config.data_dir, "/var/lib/choral");
  EXPECT_EQ(config.database_url, "postgresql://choral@db:5432/choral");
  EXPECT_EQ(config.log_level, "warn");
  EXPECT_EQ(config.pdf_workers, 3);
}

TEST_F(ConfigFileTest, ReadsTheSchemaFolder) {
  Config config;
  EXPECT_TRUE(config.schema_dir.empty());
  EXPECT_FALSE(DefaultSchemaDir().empty());
  auto loaded = LoadConfigFile(Write("[validation]\nschema_dir = \"/srv/xsd\"\n"), config);
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_EQ(config.schema_dir, "/srv/xsd");
  Config other;
  auto wrong = LoadConfigFile(Write("[validation]\nschemas = \"/srv/xsd\"\n"), other);
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("validation.schemas"), std::string::npos);
}

TEST_F(ConfigFileTest, ReadsTheMailSections) {
  Config config;
  auto loaded = LoadConfigFile(Write(R"(
[smtp]
host = "smtp.example.fr"
port = 465
security = "tls"
username = "choral"
password = "secret"
from = "noreply@choral.example"
[mail]
public_url = "https://choral.example"
poll_seconds = 2
retry_seconds = 30
max_attempts = 5
)"),
                               config);
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_EQ(config.smtp.host, "smtp.example.fr");
  EXPECT_EQ(config.smtp.port, 465);
  EXPECT_EQ(config.smtp.security, "tls");
  EXPECT_EQ(config.smtp.username, "choral");
  EXPECT_EQ(config.smtp.password, "secret");
  EXPECT_EQ(config.smtp.from, "noreply@choral.example");
  EXPECT_EQ(config.mail.public_url, "https://choral.example");
  EXPECT_EQ(config.mail.poll_seconds, 2);
  EXPECT_EQ(config.mail.retry_seconds, 30);
  EXPECT_EQ(config.mail.max_attempts, 5);
  EXPECT_TRUE(CheckMailSettings(config));

  Config bad;
  auto security = LoadConfigFile(Write("[smtp]\nsecurity = \"ssl\"\n"), bad);
  ASSERT_FALSE(security);
  EXPECT_NE(security.error().message.find("starttls, tls or none"), std::string::npos);
  bad = Config{};
  bad.smtp.host = "smtp.example.fr";
  auto no_from = CheckMailSettings(bad);
  ASSERT_FALSE(no_from);
  EXPECT_NE(no_from.error().message.find("smtp.from"), std::string::npos);
}

TEST_F(ConfigFileTest, SyntaxErrorNamesFileLineAndColumn) {
  Config config;
  std::string path = Write("[server]\nlisten = \n");
  auto loaded = LoadConfigFile(path, config);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message.rfind(path + ":2:", 0), 0u) << loaded.error().message;
}

TEST_F(ConfigFileTest, UnknownKeyAndWrongTypeAreNamed) {
  Config config;
  auto unknown = LoadConfigFile(Write("[server]\nlisten_port = 80\n"), config);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("server.listen_port"), std::string::npos);
  auto wrong = LoadConfigFile(Write("[server]\nworker_threads = \"many\"\n"), config);
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("server.worker_threads"), std::string::npos);
  auto workers = LoadConfigFile(Write("[pdf]\nworkers = -1\n"), config);
  ASSERT_FALSE(workers);
  EXPECT_NE(workers.error().message.find("pdf.workers"), std::string::npos);
  auto level = LoadConfigFile(Write("[log]\nlevel = \"loud\"\n"), config);
  ASSERT_FALSE(level);
  EXPECT_NE(level.error().message.find("trace, debug, info, warn, error"), std::string::npos);
}

TEST_F(ConfigFileTest, MissingFileIsNotFound) {
  Config config;
  auto loaded = LoadConfigFile("/nonexistent/choral.toml", config);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, core::ErrorCode::kNotFound);
}

TEST(SetListenTest, ParsesHostAndPort) {
  Config config;
  ASSERT_TRUE(SetListen("127.0.0.1:8080", config));
  EXPECT_EQ(config.host, "127.0.0.1");
  ASSERT_TRUE(SetListen("[::1]:0", config));
  EXPECT_EQ(config.host, "::1");
  EXPECT_EQ(config.port, 0);
  for (const char* bad : {"8080", ":8080", "host:", "host:99999", "host:80x"}) {
    EXPECT_FALSE(SetListen(bad, config)) << bad;
  }
}

TEST(EnvironmentTest, OverridesAndChecks) {
  Config config;
  ::setenv("CHORAL_DATA", "/tmp/choral-env", 1);
  ::setenv("CHORAL_LISTEN", "127.0.0.1:7000", 1);
  ASSERT_TRUE(ApplyEnvironment(config));
  EXPECT_EQ(config.data_dir, "/tmp/choral-env");
  EXPECT_EQ(config.port, 7000);
  ::setenv("CHORAL_LOG_LEVEL", "chatty", 1);
  auto bad = ApplyEnvironment(config);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("CHORAL_LOG_LEVEL"), std::string::npos);
  ::unsetenv("CHORAL_DATA");
  ::unsetenv("CHORAL_LISTEN");
  ::unsetenv("CHORAL_LOG_LEVEL");
}

TEST(EnvironmentTest, SetsTheSmtpSettings) {
  Config config;
  ::setenv("CHORAL_SMTP_HOST", "127.0.0.1", 1);
  ::setenv("CHORAL_SMTP_PORT", "2525", 1);
  ::setenv("CHORAL_SMTP_SECURITY", "none", 1);
  ::setenv("CHORAL_SMTP_FROM", "noreply@choral.example", 1);
  ASSERT_TRUE(ApplyEnvironment(config));
  EXPECT_EQ(config.smtp.host, "127.0.0.1");
  EXPECT_EQ(config.smtp.port, 2525);
  EXPECT_EQ(config.smtp.security, "none");
  EXPECT_EQ(config.smtp.from, "noreply@choral.example");
  ::setenv("CHORAL_SMTP_PORT", "smtp", 1);
  EXPECT_FALSE(ApplyEnvironment(config));
  for (const char* name :
       {"CHORAL_SMTP_HOST", "CHORAL_SMTP_PORT", "CHORAL_SMTP_SECURITY", "CHORAL_SMTP_FROM"}) {
    ::unsetenv(name);
  }
}

}  // namespace
}  // namespace choral::cli
