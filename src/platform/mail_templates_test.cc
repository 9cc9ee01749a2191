// The mail templates: every key the platform queues has one, each renders in French from the
// parameters its callers give, and a missing key or parameter is a clear error.
#include "platform/mail_templates.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

namespace choral::platform {
namespace {

std::string ReadSource(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The template key of every NotifyStructure / NotifyUser / NotifyManagers call in platform's
// sources, resolving the kMail* constants of mail_templates.h.
std::set<std::string> KeysQueuedBySources() {
  const std::filesystem::path dir = CHORAL_PLATFORM_SOURCE_DIR;
  std::map<std::string, std::string> constants;
  static const std::regex kConstant(R"re(constexpr std::string_view (kMail\w+) = "([^"]+)")re");
  std::string header = ReadSource(dir / "mail_templates.h");
  for (auto it = std::sregex_iterator(header.begin(), header.end(), kConstant);
       it != std::sregex_iterator(); ++it) {
    constants[(*it)[1]] = (*it)[2];
  }
  static const std::regex kCall(
      R"re(Notify(?:Structure|User|Managers)\(\s*tx,\s*[^,]+,\s*("[^"]*"|\w+))re");
  std::set<std::string> keys;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".cc" || entry.path().stem().string().ends_with("_test")) {
      continue;
    }
    std::string source = ReadSource(entry.path());
    for (auto it = std::sregex_iterator(source.begin(), source.end(), kCall);
         it != std::sregex_iterator(); ++it) {
      std::string key = (*it)[1];
      if (key.front() == '"') {
        keys.insert(key.substr(1, key.size() - 2));
      } else {
        keys.insert(constants.contains(key) ? constants[key] : "unknown constant " + key);
      }
    }
  }
  return keys;
}

TEST(MailTemplatesTest, EveryKeyTheSourcesQueueHasATemplate) {
  std::set<std::string> queued = KeysQueuedBySources();
  EXPECT_GE(queued.size(), 2u);
  auto known = MailTemplateKeys();
  for (const std::string& key : queued) {
    EXPECT_NE(std::find(known.begin(), known.end(), key), known.end()) << key;
  }
}

TEST(MailTemplatesTest, TheDepositMailNamesTheSupplierTheAmountAndTheLink) {
  nlohmann::json params = {{"invoice_id", 42},
                           {"invoice_number", "FAC-2026-0001"},
                           {"supplier", "Atelier Lumen"},
                           {"total_with_vat", "5100.00"},
                           {"currency", "EUR"}};
  auto mail = RenderMail(kMailInvoiceDeposited, params, "https://choral.example/");
  ASSERT_TRUE(mail) << mail.error().ToString();
  EXPECT_EQ(mail->subject, "Nouvelle facture FAC-2026-0001 de Atelier Lumen");
  EXPECT_NE(mail->body.find("Atelier Lumen a déposé la facture FAC-2026-0001, d’un montant de "
                            "5 100,00\u00a0€ TTC"),
            std::string::npos)
      << mail->body;
  EXPECT_NE(mail->body.find("\nhttps://choral.example/factures/42\n"), std::string::npos);
}

TEST(MailTemplatesTest, TheStatusMailNamesTheStatusInFrench) {
  nlohmann::json params = {
      {"invoice_id", 7}, {"invoice_number", "F-7"}, {"status", "MISE_EN_PAIEMENT"}};
  auto mail = RenderMail(kMailInvoiceStatus, params, "http://localhost:8080");
  ASSERT_TRUE(mail) << mail.error().ToString();
  EXPECT_EQ(mail->subject, "Facture F-7 : Mise en paiement");
  EXPECT_NE(mail->body.find("« Mise en paiement »"), std::string::npos);
  EXPECT_NE(mail->body.find("http://localhost:8080/factures/7"), std::string::npos);
}

TEST(MailTemplatesTest, LineBreaksInValuesDoNotReachTheSubject) {
  nlohmann::json params = {
      {"invoice_id", 7}, {"invoice_number", "F-7\r\nBcc: x@y"}, {"status", "SUSPENDUE"}};
  auto mail = RenderMail(kMailInvoiceStatus, params, "");
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->subject, "Facture F-7  Bcc: x@y : Suspendue");
}

TEST(MailTemplatesTest, UnknownKeysAndMissingParametersAreClearErrors) {
  auto unknown = RenderMail("mail.nothing", nlohmann::json::object(), "");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().message, "no mail template \"mail.nothing\"");
  auto missing = RenderMail(kMailInvoiceStatus, {{"invoice_id", 7}, {"status", "SUSPENDUE"}}, "");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            "mail template mail.invoice_status needs parameter invoice_number");
  EXPECT_FALSE(RenderMail(kMailInvoiceStatus, nlohmann::json::array(), ""));
}

TEST(MailTemplatesTest, EveryStatusHasAFrenchLabel) {
  for (auto status : invoice::AllStatuses()) EXPECT_FALSE(StatusLabel(status).empty());
}

}  // namespace
}  // namespace choral::platform
