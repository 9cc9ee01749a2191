// The real server on a loopback port, spoken to over real sockets.
#include "http/server.h"

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <asio.hpp>
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

namespace choral::http {
namespace {

struct RawResponse {
  int status = 0;
  std::string head;
  std::string body;
};

// One request on its own connection; reads until the server closes it.
RawResponse Send(uint16_t port, const std::string& raw_request) {
  asio::ip::tcp::iostream stream("127.0.0.1", std::to_string(port));
  stream << raw_request << std::flush;
  std::string all((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  RawResponse response;
  size_t split = all.find("\r\n\r\n");
  response.head = all.substr(0, split);
  response.body = split == std::string::npos ? "" : all.substr(split + 4);
  if (all.size() > 12) response.status = std::stoi(all.substr(9, 3));
  return response;
}

RawResponse Get(uint16_t port, const std::string& path, const std::string& extra_headers = "") {
  return Send(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" +
                        extra_headers + "\r\n");
}

class ServerTest : public ::testing::Test {
 protected:
  void Start(Routes routes) {
    ServerOptions options;
    options.port = 0;
    options.max_body_bytes = 1024;
    options.shutdown_grace = std::chrono::seconds(5);
    auto logger =
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
    server_ = std::make_unique<Server>(options, std::move(routes), logger);
    ASSERT_TRUE(server_->Listen());
    ASSERT_NE(server_->port(), 0);
    run_ = std::async(std::launch::async, [this] { return server_->Run(); });
  }
  void TearDown() override {
    if (server_) {
      server_->Stop();
      EXPECT_TRUE(run_.get());
    }
  }

  std::unique_ptr<Server> server_;
  std::future<core::Status> run_;
};

TEST_F(ServerTest, RoutesByMethodAndPathWithParameters) {
  Routes routes;
  routes.Get("/structures/:siret", [](const Request& r) {
    return Response::Text("siret=" + r.path_params.at("siret") + " q=" + r.query);
  });
  routes.Post("/echo", [](const Request& r) { return Response::Text(r.body, 201); });
  Start(std::move(routes));

  auto got = Get(server_->port(), "/structures/110%20009?x=1");
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body, "siret=110 009 q=x=1");

  auto posted = Send(server_->port(),
                     "POST /echo HTTP/1.1\r\nHost: l\r\nConnection: close\r\nContent-Length: 5\r\n"
                     "\r\nhello");
  EXPECT_EQ(posted.status, 201);
  EXPECT_EQ(posted.body, "hello");
}

TEST_F(ServerTest, UnknownRouteIsAJson404) {
  Start(Routes{});
  auto got = Get(server_->port(), "/nowhere");
  EXPECT_EQ(got.status, 404);
  EXPECT_NE(got.body.find("\"not_found\""), std::string::npos);
}

TEST_F(ServerTest, EchoesAPlainRequestIdAndReplacesAStrangeOne) {
  Routes routes;
  routes.Get(
      "/id", [](const Request& r) { return Response::Text(r.request_id); }, Dispatch::kInline);
  Start(std::move(routes));
  auto kept = Get(server_->port(), "/id", "X-Request-Id: abc-123\r\n");
  EXPECT_EQ(kept.body, "abc-123");
  EXPECT_NE(kept.head.find("X-Request-Id: abc-123"), std::string::npos);
  auto replaced = Get(server_->port(), "/id", "X-Request-Id: <script>\r\n");
  EXPECT_NE(replaced.body, "<script>");
  EXPECT_FALSE(replaced.body.empty());
}

TEST_F(ServerTest, AThrowingHandlerGivesA500WithoutDetails) {
  Routes routes;
  routes.Get("/boom",
             [](const Request&) -> Response { throw std::runtime_error("secret detail"); });
  Start(std::move(routes));
  auto got = Get(server_->port(), "/boom");
  EXPECT_EQ(got.status, 500);
  EXPECT_EQ(got.body.find("secret detail"), std::string::npos);
  EXPECT_NE(got.body.find("request id"), std::string::npos);
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
  Routes routes;
  routes.Get("/", [](const Request&) { return Response::Html("<p>x</p>"); });
  Start(std::move(routes));
  auto got = Get(server_->port(), "/");
  EXPECT_NE(got.head.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(got.head.find("X-Frame-Options: DENY"), std::string::npos);
  EXPECT_NE(got.head.find("Cache-Control: no-store"), std::string::npos);
}

TEST_F(ServerTest, RefusesABodyOverTheLimit) {
  std::atomic<int> calls{0};
  Routes routes;
  routes.Post("/echo", [&](const Request& r) {
    ++calls;
    return Response::Text(r.body);
  });
  Start(std::move(routes));
  std::string body(4096, 'x');
  auto got = Send(server_->port(),
                  "POST /echo HTTP/1.1\r\nHost: l\r\nConnection: close\r\n"
                  "Content-Length: 4096\r\n\r\n" +
                      body);
  EXPECT_NE(got.status, 200);
  EXPECT_EQ(calls.load(), 0);
}

TEST_F(ServerTest, StopLetsAnInFlightRequestFinish) {
  std::promise<void> entered;
  Routes routes;
  routes.Get("/slow", [&](const Request&) {
    entered.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return Response::Text("done");
  });
  Start(std::move(routes));
  auto slow =
      std::async(std::launch::async, [port = server_->port()] { return Get(port, "/slow"); });
  entered.get_future().wait();
  server_->Stop();
  auto got = slow.get();
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body, "done");
}

TEST(ServerListenTest, APortInUseSaysSoAndWhatToDo) {
  auto logger =
      std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>());
  ServerOptions options;
  options.port = 0;
  Server first(options, Routes{}, logger);
  ASSERT_TRUE(first.Listen());
  options.port = first.port();
  Server second(options, Routes{}, logger);
  auto status = second.Listen();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(status.error().message.find("already in use"), std::string::npos)
      << status.error().message;
  EXPECT_NE(status.error().message.find("--listen"), std::string::npos);
}

}  // namespace
}  // namespace choral::http
