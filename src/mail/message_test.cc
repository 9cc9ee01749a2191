// The wire form of an e-mail: headers encoded, CRLF everywhere, header injection refused.
#include "mail/message.h"

#include <gtest/gtest.h>

namespace choral::mail {
namespace {

Message Sample() {
  Message m;
  m.from_address = "noreply@choral.example";
  m.from_name = "Choral";
  m.to = "claire@numerique.example";
  m.subject = "Facture F-1 déposée";
  m.body = "Bonjour,\nUne facture a été déposée.\n";
  m.date = core::Timestamp(std::chrono::milliseconds(1'795'000'000'000));
  m.message_id = "<choral.outbox.7@choral.example>";
  return m;
}

// The header block (before the empty line), one entry per header line.
std::string Headers(const std::string& text) { return text.substr(0, text.find("\r\n\r\n")); }

TEST(MessageTest, WritesTheHeadersOfAPlainTextUtf8Mail) {
  auto text = BuildMessage(Sample());
  ASSERT_TRUE(text) << text.error().ToString();
  EXPECT_EQ(Headers(*text),
            "Date: Wed, 18 Nov 2026 11:06:40 +0000\r\n"
            "From: Choral <noreply@choral.example>\r\n"
            "To: claire@numerique.example\r\n"
            "Subject: =?UTF-8?B?RmFjdHVyZSBGLTEgZMOpcG9zw6ll?=\r\n"
            "Message-ID: <choral.outbox.7@choral.example>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "Auto-Submitted: auto-generated");
  EXPECT_TRUE(
      text->ends_with("\r\n\r\nBonjour,\r\nUne facture a =C3=A9t=C3=A9 d=C3=A9pos=C3=A9e.\r\n"));
}

TEST(MessageTest, EveryLineEndsWithCrlf) {
  auto text = BuildMessage(Sample());
  ASSERT_TRUE(text);
  for (size_t at = text->find('\n'); at != std::string::npos; at = text->find('\n', at + 1)) {
    ASSERT_GT(at, 0u);
    EXPECT_EQ((*text)[at - 1], '\r') << "bare LF at byte " << at;
  }
}

TEST(MessageTest, RefusesLineBreaksInHeaderValues) {
  for (auto inject : {"\r\nBcc: victim@example.fr", "\nBcc: victim@example.fr", "\rX: y"}) {
    Message subject = Sample();
    subject.subject += inject;
    EXPECT_EQ(BuildMessage(subject).error().code, core::ErrorCode::kInvalidArgument);
    Message name = Sample();
    name.from_name += inject;
    EXPECT_FALSE(BuildMessage(name));
    Message to = Sample();
    to.to += inject;
    EXPECT_FALSE(BuildMessage(to));
  }
  Message id = Sample();
  id.message_id = "<a@b>\r\nBcc: x@y";
  EXPECT_FALSE(BuildMessage(id));
}

TEST(MessageTest, RefusesAddressesThatAreNotPlain) {
  EXPECT_TRUE(IsPlainAddress("a.b+c@d.example"));
  for (auto bad : {"", "a", "@d", "a@", "a@b@c", "a b@c", "<a@b>", "a@b>", "a,b@c", "\"a\"@b"}) {
    EXPECT_FALSE(IsPlainAddress(bad)) << bad;
  }
  Message m = Sample();
  m.to = "x@y>\r\nRCPT TO:<z@w";
  EXPECT_FALSE(BuildMessage(m));
}

TEST(MessageTest, EncodesLongSubjectsInFoldedWordsCutBetweenCharacters) {
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += "é";  // 60 bytes: more than one word (45) holds
  std::string encoded = EncodeHeaderWord(subject);
  EXPECT_EQ(encoded,
            "=?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6k=?=\r\n"
            " =?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqQ==?=");
  EXPECT_EQ(EncodeHeaderWord("Plain ASCII"), "Plain ASCII");
  EXPECT_EQ(EncodeHeaderWord("=?looks encoded?="), "=?UTF-8?B?PT9sb29rcyBlbmNvZGVkPz0=?=");
}

TEST(MessageTest, QuotesOrEncodesDisplayNames) {
  Message quoted = Sample();
  quoted.from_name = "Choral, plateforme";
  EXPECT_NE(BuildMessage(quoted)->find("From: \"Choral, plateforme\" <noreply@choral.example>"),
            std::string::npos);
  Message accented = Sample();
  accented.from_name = "Mairie de Léon";
  EXPECT_NE(BuildMessage(accented)->find("From: =?UTF-8?B?TWFpcmllIGRlIEzDqW9u?= <noreply@"),
            std::string::npos);
}

TEST(MessageTest, QuotedPrintableKeepsLinesShortAndTrailingSpacesVisible) {
  EXPECT_EQ(EncodeQuotedPrintable("a = b \nfin\t"), "a =3D b=20\r\nfin=09");
  std::string long_line(100, 'x');
  std::string encoded = EncodeQuotedPrintable(long_line);
  EXPECT_EQ(encoded, std::string(75, 'x') + "=\r\n" + std::string(25, 'x'));
  // An escape is never cut by a soft break.
  std::string accents;
  for (int i = 0; i < 30; ++i) accents += "é";
  for (size_t start = 0, end; start < EncodeQuotedPrintable(accents).size(); start = end + 2) {
    std::string text = EncodeQuotedPrintable(accents);
    end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    EXPECT_LE(end - start, 76u);
    std::string_view line(text.data() + start, end - start);
    if (line.ends_with("=")) line.remove_suffix(1);
    EXPECT_EQ(line.size() % 3, 0u) << line;
  }
}

TEST(MessageTest, FormatsTheDateInUtc) {
  EXPECT_EQ(FormatDate(core::Timestamp(std::chrono::milliseconds(0))),
            "Thu, 01 Jan 1970 00:00:00 +0000");
}

}  // namespace
}  // namespace choral::mail
