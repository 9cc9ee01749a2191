#include "portal/catalogue.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "platform/mail_templates.h"
#include "portal/messages_fr.h"
#include "portal/templates.h"

namespace choral::portal {
namespace {

Catalogue French() {
  auto catalogue = Catalogue::Build(FrenchMessages());
  EXPECT_TRUE(catalogue) << catalogue.error().ToString();
  return std::move(*catalogue);
}

// Keys the C++ sources name as string literals ("login.title"), from every non-test .cc file.
std::set<std::string> KeysUsedInSources() {
  static const std::regex kKey(
      R"re("((?:account|accountform|activation|check|forgot|newpassword|resend|signup|api_access|app|attachment_status|batch|deposit|directory|error|figure|flow|hand_over|home|invoice|invoices|kind|layout|login|manager|nav|notifications|receipt|refusal|role|search|services|structures|support|time)\.[a-z0-9_.]*[a-z0-9])")re");
  std::set<std::string> keys;
  for (const auto& entry : std::filesystem::directory_iterator(CHORAL_PORTAL_SOURCE_DIR)) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".cc") || name.ends_with("_test.cc") || name == "messages_fr.cc") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    std::string source = text.str();
    for (auto it = std::sregex_iterator(source.begin(), source.end(), kKey);
         it != std::sregex_iterator(); ++it) {
      keys.insert((*it)[1]);
    }
  }
  return keys;
}

std::set<std::string> KeysUsedInTemplates() {
  static const std::regex kKey(R"re(\{\{[#^/{&]?\s*t\.([a-z0-9_.]+)\s*\}?\}\})re");
  std::set<std::string> keys;
  for (const auto& [name, text] : Templates()) {
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kKey);
         it != std::sregex_iterator(); ++it) {
      keys.insert((*it)[1]);
    }
  }
  return keys;
}

TEST(CatalogueTest, FrenchBuildsAndIsSorted) {
  Catalogue catalogue = French();
  auto messages = FrenchMessages();
  for (size_t i = 1; i < messages.size(); ++i) {
    EXPECT_LT(messages[i - 1].key, messages[i].key) << "keep messages_fr.cc sorted by key";
  }
  EXPECT_EQ(catalogue.Text("nav.home"), "Accueil");
}

TEST(CatalogueTest, EveryKeyTheTemplatesUseExists) {
  Catalogue catalogue = French();
  std::set<std::string> keys = KeysUsedInTemplates();
  EXPECT_GT(keys.size(), 40u);
  for (const std::string& key : keys) EXPECT_TRUE(catalogue.Has(key)) << key;
}

TEST(CatalogueTest, EveryKeyTheCodeUsesExists) {
  Catalogue catalogue = French();
  std::set<std::string> keys = KeysUsedInSources();
  EXPECT_GT(keys.size(), 20u);
  for (const std::string& key : keys) EXPECT_TRUE(catalogue.Has(key)) << key;
  // Pages::ErrorPage builds these from the status.
  for (std::string kind :
       {"bad_request", "forbidden", "not_found", "busy", "unavailable", "internal"}) {
    EXPECT_TRUE(catalogue.Has("error." + kind + "_title")) << kind;
    EXPECT_TRUE(catalogue.Has("error." + kind + "_text")) << kind;
  }
}

// The key figures platform::Dashboard names (its labels are catalogue keys), read from its source.
std::set<std::string> FigureKeysOfTheDashboard() {
  static const std::regex kKey(R"re("(figure\.[a-z_]+)")re");
  std::ifstream in(std::string(CHORAL_PORTAL_SOURCE_DIR) + "/../platform/dashboard.cc");
  std::stringstream text;
  text << in.rdbuf();
  std::string source = text.str();
  std::set<std::string> keys;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), kKey);
       it != std::sregex_iterator(); ++it) {
    keys.insert((*it)[1]);
  }
  return keys;
}

TEST(CatalogueTest, EveryFigureTheDashboardNamesHasALabel) {
  Catalogue catalogue = French();
  std::set<std::string> keys = FigureKeysOfTheDashboard();
  EXPECT_FALSE(keys.empty());
  for (const std::string& key : keys) EXPECT_TRUE(catalogue.Has(key)) << key;
}

TEST(CatalogueTest, EveryKeyIsUsed) {
  std::set<std::string> used = KeysUsedInTemplates();
  used.merge(KeysUsedInSources());
  used.merge(FigureKeysOfTheDashboard());
  for (const Message& message : FrenchMessages()) {
    std::string key(message.key);
    // Keys built from a code: error pages' from a status, the others from invoice statuses,
    // rule ids, history actions, frameworks, document types, form field names and spaces, manager
    // actions and space access codes.
    bool built = false;
    for (std::string_view prefix :
         {"error.", "status.", "move.", "rule.", "action.", "framework.", "doctype.",
          "deposit.field_", "deposit.hint_", "invoices.sent_", "invoices.received_",
          "invoices.to_process_", "manager_action.", "space_access.", "accountform.rule_",
          "accountform.idtype_", "account.status_"}) {
      built = built || key.starts_with(prefix);
    }
    if (built) continue;
    EXPECT_TRUE(used.contains(key)) << key << " is in the catalogue but nothing shows it";
  }
}

// The rule ids deposit_rules.cc lists, and the DEP-FORMAT findings platform's deposit adds for
// values that do not parse: each has its French text (shown next to its field).
TEST(CatalogueTest, EveryDepositRuleHasAText) {
  static const std::regex kRule(R"re("(DEP-[A-Z-]+)")re");
  std::set<std::string> ids = {"DEP-FORMAT"};
  for (std::string file : {"/../rules/deposit_rules.cc", "/../platform/deposit.cc"}) {
    std::ifstream in(std::string(CHORAL_PORTAL_SOURCE_DIR) + file);
    std::stringstream text;
    text << in.rdbuf();
    std::string source = text.str();
    for (auto it = std::sregex_iterator(source.begin(), source.end(), kRule);
         it != std::sregex_iterator(); ++it) {
      ids.insert((*it)[1]);
    }
  }
  EXPECT_GT(ids.size(), 20u);
  Catalogue catalogue = French();
  for (const std::string& id : ids) EXPECT_TRUE(catalogue.Has("rule." + id)) << id;
  for (std::string field : {"issue_date", "total_without_vat", "total_vat", "total_with_vat",
                            "amount_due", "document_type"}) {
    EXPECT_TRUE(catalogue.Has("rule.DEP-FORMAT-" + field)) << field;
  }
}

TEST(CatalogueTest, TemplatesReachTextsThroughNestedKeys) {
  Catalogue catalogue = French();
  mstch::map context{{"t", catalogue.AsNode()}};
  EXPECT_EQ(mstch::render("{{t.login.title}}|{{t.nav.account}}", context), "Connexion|Mon compte");
}

TEST(CatalogueTest, RefusesRepeatedKeysAndKeysThatArePrefixesOfOthers) {
  const Message repeated[] = {{"a.b", "x"}, {"a.b", "y"}};
  EXPECT_FALSE(Catalogue::Build(repeated));
  const Message prefix[] = {{"a.b", "x"}, {"a.b.c", "y"}};
  EXPECT_FALSE(Catalogue::Build(prefix));
  const Message prefix_after[] = {{"a.b.c", "x"}, {"a.b", "y"}};
  EXPECT_FALSE(Catalogue::Build(prefix_after));
  const Message empty[] = {{"", "x"}};
  EXPECT_FALSE(Catalogue::Build(empty));
}

TEST(CatalogueTest, FormatFillsParametersAndLeavesUnknownOnes) {
  const Message messages[] = {{"greet", "Bonjour {name}, {other} {name}"}};
  auto catalogue = Catalogue::Build(messages);
  ASSERT_TRUE(catalogue);
  EXPECT_EQ(catalogue->Format("greet", {{"name", "Claire"}}), "Bonjour Claire, {other} Claire");
  EXPECT_EQ(catalogue->Text("missing.key"), "missing.key");
}

// E-mails name statuses as the pages do: platform's table (mail_templates.h) cannot read the
// portal's catalogue, so the two are held equal here.
TEST(CatalogueTest, MailsAndPagesNameStatusesAlike) {
  Catalogue catalogue = French();
  for (invoice::InvoiceStatus status : invoice::AllStatuses()) {
    std::string key = "status." + std::string(invoice::StatusCode(status));
    EXPECT_EQ(catalogue.Text(key), platform::StatusLabel(status)) << key;
  }
}

}  // namespace
}  // namespace choral::portal
