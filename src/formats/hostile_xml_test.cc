// Hostile XML end to end: external entities (file and network), billion laughs, a 100 MB file and
// deep nesting get a clear answer and never expand or fetch anything, both through
// StructuredDocument::Parse (pugixml and the readers) and XsdValidator::Validate (libxml2).
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pugixml.hpp>
#include <sys/socket.h>

#include "formats/structured_document.h"
#include "formats/xsd_validator.h"

namespace choral::formats {
namespace {

constexpr const char* kUblOpen =
    "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\""
    " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">";

std::string XxeDocument(const std::string& system_id) {
  return "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [\n  <!ENTITY xxe SYSTEM \"" + system_id +
         "\">\n]>\n" + kUblOpen + "<cbc:ID>&xxe;</cbc:ID></Invoice>\n";
}

std::string BillionLaughs() {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [\n <!ENTITY lol0 \"lol\">\n";
  for (int level = 1; level <= 9; ++level) {
    xml += " <!ENTITY lol" + std::to_string(level) + " \"";
    for (int i = 0; i < 10; ++i) xml += "&lol" + std::to_string(level - 1) + ";";
    xml += "\">\n";
  }
  return xml + "]>\n" + kUblOpen + "<cbc:ID>&lol9;</cbc:ID></Invoice>\n";
}

std::string DeeplyNested(int depth) {
  std::string xml = kUblOpen;
  for (int i = 0; i < depth; ++i) xml += "<cbc:Note>";
  for (int i = 0; i < depth; ++i) xml += "</cbc:Note>";
  return xml + "</Invoice>";
}

// A 100 MB invoice: a valid start, then one long note.
std::string HundredMegabytes() {
  std::string xml = kUblOpen;
  xml += "<cbc:Note>";
  xml.append(100 * 1024 * 1024, 'x');
  return xml + "</cbc:Note></Invoice>";
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A TCP listener on 127.0.0.1 at a random port, to prove nobody connects to it.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    std::mt19937 random(std::random_device{}());
    for (int attempt = 0; attempt < 50; ++attempt) {
      port_ = 20000 + static_cast<int>(random() % 40000);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<uint16_t>(port_));
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
          ::listen(fd_, 16) == 0) {
        return;
      }
    }
    ADD_FAILURE() << "no free port";
  }
  ~Listener() { ::close(fd_); }

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  // True when someone connected since the start.
  bool WasContacted() const {
    int client = ::accept(fd_, nullptr, nullptr);
    if (client >= 0) {
      ::close(client);
      return true;
    }
    return errno != EAGAIN && errno != EWOULDBLOCK;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

class HostileXmlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = XsdValidator::Load(CHORAL_XSD_DIR);
    ASSERT_TRUE(loaded) << loaded.error().ToString();
    validator_ = new XsdValidator(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete validator_;
    validator_ = nullptr;
  }

  // The findings for `xml`, which must be exactly one finding of `rule`, given within a second.
  static invoice::ValidationFinding ExpectRefused(const std::string& xml, const std::string& rule) {
    auto start = std::chrono::steady_clock::now();
    invoice::Findings findings = validator_->Validate(xml, Syntax::kUbl);
    EXPECT_LT(SecondsSince(start), 1.0);
    EXPECT_EQ(findings.size(), 1u);
    if (findings.empty()) return {};
    EXPECT_EQ(findings[0].rule, rule) << findings[0].message;
    EXPECT_EQ(findings[0].flag, invoice::FindingFlag::kFatal);
    EXPECT_FALSE(findings[0].message.empty());
    // Nothing read from /etc/passwd, nothing expanded, ever reaches a message.
    EXPECT_EQ(findings[0].message.find("root:"), std::string::npos) << findings[0].message;
    EXPECT_EQ(findings[0].message.find("lollol"), std::string::npos) << findings[0].message;
    return findings[0];
  }

  static inline XsdValidator* validator_ = nullptr;
};

TEST_F(HostileXmlTest, XxeToALocalFileIsRefused) {
  invoice::ValidationFinding finding =
      ExpectRefused(XxeDocument("file:///etc/passwd"), "XSD-DOCTYPE-REFUSED");
  EXPECT_EQ(finding.line, 2);
  EXPECT_NE(finding.message.find("DOCTYPE"), std::string::npos);
  ExpectRefused(XxeDocument("/etc/passwd"), "XSD-DOCTYPE-REFUSED");
}

TEST_F(HostileXmlTest, XxeToTheNetworkIsRefusedWithoutConnecting) {
  ExpectRefused(XxeDocument("http://127.0.0.1:1/"), "XSD-DOCTYPE-REFUSED");

  Listener listener;
  ExpectRefused(XxeDocument(listener.url("/xxe")), "XSD-DOCTYPE-REFUSED");
  // An external DTD, and a parameter entity that would pull one in.
  ExpectRefused("<!DOCTYPE Invoice SYSTEM \"" + listener.url("/invoice.dtd") + "\">" + kUblOpen +
                    "</Invoice>",
                "XSD-DOCTYPE-REFUSED");
  ExpectRefused("<!DOCTYPE Invoice [<!ENTITY % p SYSTEM \"" + listener.url("/p.dtd") + "\"> %p;]>" +
                    kUblOpen + "</Invoice>",
                "XSD-DOCTYPE-REFUSED");
  EXPECT_FALSE(listener.WasContacted());
}

TEST_F(HostileXmlTest, SchemaLocationsAndXIncludesAreNotFetched) {
  Listener listener;
  std::string xml =
      "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\""
      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
      " xmlns:xi=\"http://www.w3.org/2001/XInclude\""
      " xsi:schemaLocation=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 " +
      listener.url("/evil.xsd") + "\"><xi:include href=\"" + listener.url("/part.xml") +
      "\"/></Invoice>";
  invoice::Findings findings = validator_->Validate(xml, Syntax::kUbl);
  // The XInclude element is just an element the schema does not expect.
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings[0].rule, "XSD-ELEMENT-NOT-EXPECTED") << findings[0].message;
  EXPECT_FALSE(listener.WasContacted());
}

TEST_F(HostileXmlTest, BillionLaughsIsRefusedBeforeAnyEntityIsDeclared) {
  invoice::ValidationFinding finding = ExpectRefused(BillionLaughs(), "XSD-DOCTYPE-REFUSED");
  EXPECT_EQ(finding.line, 2);
}

TEST_F(HostileXmlTest, UndeclaredEntityIsNotWellFormed) {
  invoice::ValidationFinding finding = ExpectRefused(
      std::string(kUblOpen) + "\n<cbc:ID>&xxe;</cbc:ID></Invoice>", "XML-NOT-WELL-FORMED");
  EXPECT_EQ(finding.line, 2);
  EXPECT_NE(finding.message.find("xxe"), std::string::npos) << finding.message;
}

TEST_F(HostileXmlTest, HundredMegabyteFileIsRefusedUnread) {
  invoice::ValidationFinding finding = ExpectRefused(HundredMegabytes(), "XSD-TOO-LARGE");
  EXPECT_NE(finding.message.find("at most 104857599 bytes"), std::string::npos) << finding.message;
}

TEST_F(HostileXmlTest, HugeValueGivesABoundedMessage) {
  // 20 MB in one date, under the size limit: read, found invalid, quoted only in part.
  std::string xml = std::string(kUblOpen) + "<cbc:ID>1</cbc:ID><cbc:IssueDate>" +
                    std::string(20'000'000, '9') + "</cbc:IssueDate></Invoice>";
  auto start = std::chrono::steady_clock::now();
  invoice::Findings findings = validator_->Validate(xml, Syntax::kUbl);
  EXPECT_LT(SecondsSince(start), 5.0);
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings[0].rule, "XSD-DATATYPE-INVALID") << findings[0].message;
  for (const auto& finding : findings) EXPECT_LT(finding.message.size(), 600u);
}

TEST_F(HostileXmlTest, DeepNestingIsRefused) {
  invoice::ValidationFinding finding = ExpectRefused(DeeplyNested(100'000), "XSD-TOO-DEEP");
  EXPECT_EQ(finding.line, 1);
  EXPECT_NE(finding.message.find("64"), std::string::npos) << finding.message;
  // An invoice's real depth passes the depth check (and is then just schema-invalid).
  invoice::Findings findings = validator_->Validate(DeeplyNested(10), Syntax::kUbl);
  ASSERT_FALSE(findings.empty());
  EXPECT_NE(findings[0].rule, "XSD-TOO-DEEP");
}

TEST_F(HostileXmlTest, UndecodableBytesAreNotWellFormedAndNothingGoesToStderr) {
  // libxml2 raises encoding errors with no parser context: they must become the finding, not
  // lines on the server's stderr.
  std::string xml = std::string("<?xml version=\"1.0\" encoding=\"EUC-JP\"?>\n") + kUblOpen +
                    "<cbc:ID>\xff\xfe\x80\x81</cbc:ID></Invoice>";
  ::testing::internal::CaptureStderr();
  invoice::Findings findings = validator_->Validate(xml, Syntax::kUbl);
  std::string stderr_text = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(stderr_text, "");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "XML-NOT-WELL-FORMED");
  EXPECT_NE(findings[0].message.find("conversion"), std::string::npos) << findings[0].message;
}

TEST_F(HostileXmlTest, GarbageIsNotWellFormed) {
  ExpectRefused("", "XML-NOT-WELL-FORMED");
  ExpectRefused("%PDF-1.7\n\xff\xfe", "XML-NOT-WELL-FORMED");
  ExpectRefused(std::string(kUblOpen) + "<cbc:ID>1</cbc:Note></Invoice>", "XML-NOT-WELL-FORMED");
  ExpectRefused(std::string(kUblOpen) + "<x:ID/></Invoice>", "XML-NOT-WELL-FORMED");
}

// Every hostile file, through both entry points: Parse refuses it with a clear error, Validate
// with one fatal XSD finding; fast, and nothing read or expanded reaches a message.
struct HostileCase {
  std::string name;
  std::string xml;
  core::ErrorCode parse_code;
  std::string parse_message;  // a part of Parse's error message
  std::string xsd_rule;
};

std::vector<HostileCase> HostileCases() {
  std::string utf16 = "\xFF\xFE";
  for (char c : XxeDocument("file:///etc/passwd").substr(22)) {  // without the XML declaration
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  return {
      {"XXE to /etc/passwd", XxeDocument("file:///etc/passwd"), core::ErrorCode::kInvalidArgument,
       "DOCTYPE", "XSD-DOCTYPE-REFUSED"},
      {"XXE to http://127.0.0.1:1/", XxeDocument("http://127.0.0.1:1/"),
       core::ErrorCode::kInvalidArgument, "DOCTYPE", "XSD-DOCTYPE-REFUSED"},
      {"XXE in UTF-16", utf16, core::ErrorCode::kInvalidArgument, "DOCTYPE", "XSD-DOCTYPE-REFUSED"},
      {"billion laughs", BillionLaughs(), core::ErrorCode::kInvalidArgument, "DOCTYPE",
       "XSD-DOCTYPE-REFUSED"},
      {"100 MB", HundredMegabytes(), core::ErrorCode::kInvalidArgument, "bytes allowed",
       "XSD-TOO-LARGE"},
      {"100,000 levels deep", DeeplyNested(100'000), core::ErrorCode::kInvalidArgument,
       "more than 64 deep", "XSD-TOO-DEEP"},
      {"65 levels deep", DeeplyNested(64), core::ErrorCode::kInvalidArgument, "more than 64 deep",
       "XSD-TOO-DEEP"},
  };
}

TEST_F(HostileXmlTest, EveryHostileFileIsRefusedByParseAndByValidate) {
  for (const HostileCase& hostile : HostileCases()) {
    SCOPED_TRACE(hostile.name);
    auto start = std::chrono::steady_clock::now();
    auto document = StructuredDocument::Parse(hostile.xml);
    EXPECT_LT(SecondsSince(start), 1.0);
    ASSERT_FALSE(document);
    EXPECT_EQ(document.error().code, hostile.parse_code);
    EXPECT_NE(document.error().message.find(hostile.parse_message), std::string::npos)
        << document.error().message;
    EXPECT_EQ(document.error().message.find("root:"), std::string::npos);
    EXPECT_LT(document.error().message.size(), 300u);
    ExpectRefused(hostile.xml, hostile.xsd_rule);
  }
}

TEST_F(HostileXmlTest, ParseNeverConnects) {
  Listener listener;
  for (const std::string& xml :
       {XxeDocument(listener.url("/xxe")),
        "<!DOCTYPE Invoice SYSTEM \"" + listener.url("/invoice.dtd") + "\">" + kUblOpen +
            "</Invoice>",
        std::string(kUblOpen) + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" +
            listener.url("/part.xml") + "\"/></Invoice>"}) {
    StructuredDocument::Parse(xml);
  }
  EXPECT_FALSE(listener.WasContacted());
}

TEST_F(HostileXmlTest, AnUndeclaredEntityStaysLiteralInTheModel) {
  // pugixml knows only the predefined entities: "&xxe;" without a DOCTYPE is kept as written
  // (the XSD step reports the document as not well-formed).
  std::string xml = std::string(kUblOpen) + "\n<cbc:ID>&xxe;</cbc:ID></Invoice>";
  auto document = StructuredDocument::Parse(xml);
  ASSERT_TRUE(document) << document.error().ToString();
  EXPECT_EQ(document->invoice().number, "&xxe;");
  ExpectRefused(xml, "XML-NOT-WELL-FORMED");
}

// pugixml, as the readers use it, has no DTD support at all: it skips a DOCTYPE and leaves an
// unknown entity reference as literal text, so nothing is fetched or expanded even before
// StructuredDocument refuses the DOCTYPE.
TEST(PugixmlHostileTest, NeverExpandsEntities) {
  for (const std::string& xml : {XxeDocument("file:///etc/passwd"), BillionLaughs()}) {
    pugi::xml_document doc;
    pugi::xml_parse_result result =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
    ASSERT_TRUE(result) << result.description();
    std::string id = doc.document_element().child("cbc:ID").text().get();
    EXPECT_TRUE(id == "&xxe;" || id == "&lol9;") << id.substr(0, 100);
  }
}

}  // namespace
}  // namespace choral::formats
