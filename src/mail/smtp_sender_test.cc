// SmtpSender's own decisions; sending to a real SMTP server is tests/mail/smtp.test.mjs's job.
#include "mail/smtp_sender.h"

#include <gtest/gtest.h>

namespace choral::mail {
namespace {

SmtpOptions Options(std::string host, uint16_t port, SmtpSecurity security) {
  SmtpOptions options;
  options.host = std::move(host);
  options.port = port;
  options.security = security;
  return options;
}

TEST(SmtpSenderTest, ParsesTheSecurityNames) {
  EXPECT_EQ(ParseSmtpSecurity("starttls").value(), SmtpSecurity::kStartTls);
  EXPECT_EQ(ParseSmtpSecurity("tls").value(), SmtpSecurity::kTls);
  EXPECT_EQ(ParseSmtpSecurity("none").value(), SmtpSecurity::kNone);
  EXPECT_EQ(ParseSmtpSecurity("ssl").error().code, core::ErrorCode::kInvalidArgument);
}

TEST(SmtpSenderTest, PicksTheUsualPortForEachSecurity) {
  EXPECT_EQ(SmtpSender(Options("mail.example", 0, SmtpSecurity::kStartTls)).Url(),
            "smtp://mail.example:587");
  EXPECT_EQ(SmtpSender(Options("mail.example", 0, SmtpSecurity::kTls)).Url(),
            "smtps://mail.example:465");
  EXPECT_EQ(SmtpSender(Options("::1", 2525, SmtpSecurity::kNone)).Url(), "smtp://[::1]:2525");
}

TEST(SmtpSenderTest, AnUnreachableServerIsUnavailable) {
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  SmtpSender sender(Options("127.0.0.1", 1, SmtpSecurity::kNone));
  Message m;
  m.from_address = "noreply@choral.example";
  m.to = "claire@numerique.example";
  m.subject = "Test";
  m.message_id = "<t@choral.example>";
  auto sent = sender.Send(m);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(sent.error().message.find("smtp://127.0.0.1:1"), std::string::npos);
}

TEST(SmtpSenderTest, AMessageItRefusesIsNotRetried) {
  SmtpSender sender(Options("127.0.0.1", 1, SmtpSecurity::kNone));
  Message m;
  m.from_address = "noreply@choral.example";
  m.to = "claire@numerique.example\r\nBcc: x@y";
  m.message_id = "<t@choral.example>";
  EXPECT_EQ(sender.Send(m).error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace choral::mail
