#include "rules/deposit_rules.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace choral::rules {
namespace {

using core::Decimal;

core::Date Day(int year, int month, int day) { return *core::Date::FromYmd(year, month, day); }

Decimal Amount(std::string_view text) { return *Decimal::Parse(text); }

// A supplier, a public recipient with one open service, and a draft that breaks no rule.
class DepositRulesTest : public ::testing::Test {
 protected:
  DepositRulesTest() {
    supplier_.id = core::StructureId(1);
    supplier_.identifier = "35600000000048";
    supplier_.name = "Papeterie Martin";

    recipient_.id = core::StructureId(2);
    recipient_.identifier = "73282932000074";
    recipient_.kind = directory::StructureKind::kPublic;
    recipient_.name = "Commune d'Exemple";

    service_.id = core::ServiceId(3);
    service_.structure_id = recipient_.id;
    service_.code = "FIN-01";
    service_.name = "Finances";

    draft_.supplier_id = supplier_.id;
    draft_.recipient_id = recipient_.id;
    draft_.service_code = "FIN-01";
    draft_.engagement_number = "EJ-2026-0042";
    draft_.invoice_number = "F-2026/001+A_b";
    draft_.issue_date = Day(2026, 11, 20);
    draft_.total_without_vat = Amount("1000.00");
    draft_.total_vat = Amount("200.00");
    draft_.total_with_vat = Amount("1200.00");
    draft_.amount_due = Amount("1200.00");

    context_.supplier = &supplier_;
    context_.recipient = &recipient_;
    context_.service = &service_;
    context_.today = Day(2026, 11, 26);
    context_.recipient_identifier = "73282932000074";
  }

  std::vector<Finding> Check() const { return CheckDeposit(draft_, context_); }

  // The rule ids found, in order.
  std::vector<std::string> RuleIds() const {
    std::vector<std::string> ids;
    for (const Finding& finding : Check()) ids.push_back(finding.rule_id);
    return ids;
  }

  // The only finding, which must be `rule_id`; its field and message are checked by the caller.
  Finding Only(std::string_view rule_id) const {
    const std::vector<Finding> findings = Check();
    EXPECT_EQ(findings.size(), 1u) << ::testing::PrintToString(RuleIds());
    if (findings.empty()) return {};
    EXPECT_EQ(findings[0].rule_id, rule_id);
    return findings[0];
  }

  void ExpectClean() const { EXPECT_TRUE(Check().empty()) << ::testing::PrintToString(RuleIds()); }

  directory::Structure supplier_;
  directory::Structure recipient_;
  directory::Service service_;
  invoice::Invoice draft_;
  DepositContext context_;
};

using Ids = std::vector<std::string>;

TEST_F(DepositRulesTest, AValidDraftHasNoFinding) { ExpectClean(); }

TEST_F(DepositRulesTest, AValidDraftWithoutServiceOrEngagementHasNoFinding) {
  draft_.service_code.clear();
  draft_.engagement_number.clear();
  context_.service = nullptr;
  ExpectClean();
}

TEST_F(DepositRulesTest, RecipientUnknown) {
  context_.recipient = nullptr;
  context_.service = nullptr;
  Finding f = Only("DEP-RECIPIENT-UNKNOWN");
  EXPECT_EQ(f.field, "recipient_siret");
  EXPECT_EQ(f.message,
            "recipient_siret \"73282932000074\": no structure in the directory has this "
            "identifier");
  context_.recipient_identifier.clear();
  f = Only("DEP-RECIPIENT-UNKNOWN");
  EXPECT_EQ(f.message, "recipient_siret: no structure in the directory is the recipient");
}

TEST_F(DepositRulesTest, RecipientUnknownSkipsTheRecipientsRequirements) {
  context_.recipient = nullptr;
  context_.service = nullptr;
  draft_.service_code.clear();
  EXPECT_EQ(RuleIds(), Ids{"DEP-RECIPIENT-UNKNOWN"});
}

TEST_F(DepositRulesTest, RecipientNotPublic) {
  recipient_.kind = directory::StructureKind::kPrivate;
  const Finding f = Only("DEP-RECIPIENT-NOT-PUBLIC");
  EXPECT_EQ(f.field, "recipient_siret");
  EXPECT_EQ(f.message,
            "recipient_siret \"73282932000074\": \"Commune d'Exemple\" is not a public structure; "
            "invoices are deposited to public structures only");
}

TEST_F(DepositRulesTest, RecipientInactive) {
  recipient_.active = false;
  const Finding f = Only("DEP-RECIPIENT-INACTIVE");
  EXPECT_EQ(f.field, "recipient_siret");
  EXPECT_EQ(f.message,
            "recipient_siret \"73282932000074\": \"Commune d'Exemple\" is inactive and does not "
            "accept invoices");
}

TEST_F(DepositRulesTest, SupplierIsRecipient) {
  context_.supplier = &recipient_;
  Finding f = Only("DEP-SUPPLIER-IS-RECIPIENT");
  EXPECT_EQ(f.field, "recipient_siret");
  EXPECT_EQ(f.message,
            "recipient_siret \"73282932000074\": \"Commune d'Exemple\" is the supplier itself; a "
            "structure cannot deposit an invoice to itself");
  // The same structure loaded twice: same id.
  directory::Structure copy = recipient_;
  context_.supplier = &copy;
  Only("DEP-SUPPLIER-IS-RECIPIENT");
  // Not stored yet (no id): the same identifier.
  copy.id = core::StructureId();
  Only("DEP-SUPPLIER-IS-RECIPIENT");
  // Another structure with another SIRET is fine, even with no id.
  context_.supplier = &supplier_;
  supplier_.id = core::StructureId();
  ExpectClean();
}

TEST_F(DepositRulesTest, ServiceUnknown) {
  draft_.service_code = "NOPE";
  context_.service = nullptr;
  context_.service_code_unknown = true;
  const Finding f = Only("DEP-SERVICE-UNKNOWN");
  EXPECT_EQ(f.field, "service_code");
  EXPECT_EQ(f.message, "service_code \"NOPE\": the recipient has no service with this code");
}

TEST_F(DepositRulesTest, ServiceInactive) {
  service_.active = false;
  Finding f = Only("DEP-SERVICE-INACTIVE");
  EXPECT_EQ(f.field, "service_code");
  EXPECT_EQ(f.message,
            "service_code \"FIN-01\": the service does not accept invoices on 2026-11-26 "
            "(inactive or outside its validity dates)");
  service_.active = true;
  service_.valid_to = Day(2026, 11, 25);
  Only("DEP-SERVICE-INACTIVE");
  service_.valid_to = Day(2026, 11, 26);  // inclusive
  ExpectClean();
  service_.valid_from = Day(2026, 11, 27);
  Only("DEP-SERVICE-INACTIVE");
}

TEST_F(DepositRulesTest, ServiceCodeRequired) {
  recipient_.flags.service_code_required = true;
  ExpectClean();
  draft_.service_code = "  ";
  context_.service = nullptr;
  const Finding f = Only("DEP-SERVICE-CODE-REQUIRED");
  EXPECT_EQ(f.field, "service_code");
  EXPECT_EQ(f.message,
            "service_code is required: the recipient \"Commune d'Exemple\" asks for a service "
            "code on every invoice");
}

TEST_F(DepositRulesTest, EngagementRequiredByTheRecipient) {
  recipient_.flags.engagement_number_required = true;
  ExpectClean();
  draft_.engagement_number.clear();
  const Finding f = Only("DEP-ENGAGEMENT-REQUIRED");
  EXPECT_EQ(f.field, "engagement_number");
  EXPECT_EQ(f.message,
            "engagement_number is required: the recipient \"Commune d'Exemple\" asks for an "
            "engagement number on every invoice");
}

TEST_F(DepositRulesTest, EngagementRequiredByTheService) {
  service_.engagement_number_required = true;
  ExpectClean();
  draft_.engagement_number.clear();
  const Finding f = Only("DEP-ENGAGEMENT-REQUIRED");
  EXPECT_EQ(f.message,
            "engagement_number is required: the service \"FIN-01\" asks for an engagement number "
            "on every invoice");
}

TEST_F(DepositRulesTest, ServiceOrEngagementRequired) {
  recipient_.flags.service_code_or_engagement_required = true;
  ExpectClean();
  draft_.service_code.clear();
  context_.service = nullptr;
  ExpectClean();  // the engagement number is enough
  draft_.service_code = "FIN-01";
  context_.service = &service_;
  draft_.engagement_number.clear();
  ExpectClean();  // so is the service code
  draft_.service_code.clear();
  context_.service = nullptr;
  const Finding f = Only("DEP-SERVICE-OR-ENGAGEMENT-REQUIRED");
  EXPECT_EQ(f.field, "service_code");
  EXPECT_EQ(f.message,
            "service_code or engagement_number is required: the recipient \"Commune d'Exemple\" "
            "asks for at least one of them on every invoice");
}

TEST_F(DepositRulesTest, AStricterRequirementSpeaksAlone) {
  recipient_.flags.service_code_or_engagement_required = true;
  recipient_.flags.service_code_required = true;
  draft_.service_code.clear();
  draft_.engagement_number.clear();
  context_.service = nullptr;
  EXPECT_EQ(RuleIds(), Ids{"DEP-SERVICE-CODE-REQUIRED"});
}

TEST_F(DepositRulesTest, EngagementFormat) {
  draft_.engagement_number = std::string(50, '7');
  ExpectClean();
  draft_.engagement_number = std::string(25, 'e');
  for (int i = 0; i < 25; ++i) draft_.engagement_number += "\xC3\xA9";  // 50 characters
  ExpectClean();
  draft_.engagement_number = std::string(51, '7');
  const Finding f = Only("DEP-ENGAGEMENT-FORMAT");
  EXPECT_EQ(f.field, "engagement_number");
  EXPECT_EQ(f.message,
            "engagement_number \"" + std::string(51, '7') + "\" must have at most 50 characters");
}

TEST_F(DepositRulesTest, NumberRequired) {
  draft_.invoice_number.clear();
  const Finding f = Only("DEP-NUMBER-REQUIRED");
  EXPECT_EQ(f.field, "invoice_number");
  EXPECT_EQ(f.message, "invoice_number must not be empty");
}

TEST_F(DepositRulesTest, NumberFormat) {
  draft_.invoice_number = "ABCDEFGHIJ0123456789";  // 20
  ExpectClean();
  draft_.invoice_number = "ABCDEFGHIJ0123456789X";  // 21
  Finding f = Only("DEP-NUMBER-FORMAT");
  EXPECT_EQ(f.field, "invoice_number");
  EXPECT_EQ(f.message, "invoice_number \"ABCDEFGHIJ0123456789X\" must have at most 20 characters");
  for (std::string bad : {"F 001", "F.001", "F#1", "Fé1", " ", "F,1", "F\t1"}) {
    draft_.invoice_number = bad;
    f = Only("DEP-NUMBER-FORMAT");
    EXPECT_NE(f.message.find("may contain only letters A-Z a-z, digits and - _ / +"),
              std::string::npos)
        << bad;
  }
  draft_.invoice_number = "F 001";
  EXPECT_EQ(Only("DEP-NUMBER-FORMAT").message,
            "invoice_number \"F 001\" may contain only letters A-Z a-z, digits and - _ / +");
}

TEST_F(DepositRulesTest, NumberTaken) {
  context_.invoice_number_taken = true;
  const Finding f = Only("DEP-NUMBER-TAKEN");
  EXPECT_EQ(f.field, "invoice_number");
  EXPECT_EQ(f.message, "invoice_number \"F-2026/001+A_b\" is already used by this supplier");
}

TEST_F(DepositRulesTest, DateFuture) {
  draft_.issue_date = context_.today;
  ExpectClean();
  draft_.issue_date = Day(2026, 11, 27);
  const Finding f = Only("DEP-DATE-FUTURE");
  EXPECT_EQ(f.field, "issue_date");
  EXPECT_EQ(f.message, "issue_date \"2026-11-27\" is in the future (today is 2026-11-26)");
}

TEST_F(DepositRulesTest, TotalsToTheCent) {
  draft_.total_with_vat = Amount("1200.01");
  draft_.amount_due = Amount("1000");
  const Finding f = Only("DEP-TOTALS");
  EXPECT_EQ(f.field, "total_with_vat");
  EXPECT_EQ(f.message,
            "total_with_vat \"1200.01\" must equal total_without_vat \"1000.00\" + total_vat "
            "\"200.00\" = \"1200.00\"");
}

TEST_F(DepositRulesTest, TotalsCompareRoundedToCents) {
  draft_.total_without_vat = Amount("1000.004");
  draft_.total_vat = Amount("200.0009");
  draft_.total_with_vat = Amount("1200");  // 1200.0049 is 1200.00 to the cent
  ExpectClean();
  draft_.total_vat = Amount("200.001");  // 1200.005 is 1200.01
  EXPECT_EQ(RuleIds(), Ids{"DEP-TOTALS"});
}

TEST_F(DepositRulesTest, AmountDue) {
  draft_.amount_due = Amount("0");  // already paid (A2): nothing due
  ExpectClean();
  draft_.amount_due = Amount("1200.004");  // 1200.00 to the cent, like the totals
  ExpectClean();
  draft_.amount_due = Amount("1200.005");
  EXPECT_EQ(RuleIds(), Ids{"DEP-AMOUNT-DUE"});
}

TEST_F(DepositRulesTest, AmountDueAboveTotal) {
  draft_.amount_due = Amount("1200.01");
  const Finding f = Only("DEP-AMOUNT-DUE");
  EXPECT_EQ(f.field, "amount_due");
  EXPECT_EQ(f.message, "amount_due \"1200.01\" must not exceed total_with_vat \"1200.00\"");
}

TEST_F(DepositRulesTest, AmountDueOfACreditNoteComparesMagnitudes) {
  draft_.type = invoice::DocumentType::kCreditNote;
  draft_.total_without_vat = Amount("-100");
  draft_.total_vat = Amount("-20");
  draft_.total_with_vat = Amount("-120");
  draft_.amount_due = Amount("-120");
  ExpectClean();
  draft_.amount_due = Amount("120");  // written positive: same magnitude
  ExpectClean();
  draft_.amount_due = Amount("-120.50");
  EXPECT_EQ(Only("DEP-AMOUNT-DUE").message,
            "amount_due \"-120.50\" must not exceed total_with_vat \"-120.00\"");
}

TEST_F(DepositRulesTest, NegativeInvoice) {
  draft_.total_without_vat = Amount("-100");
  draft_.total_vat = Amount("-20");
  draft_.total_with_vat = Amount("-120");
  draft_.amount_due = Amount("-120");
  const Finding f = Only("DEP-NEGATIVE-INVOICE");
  EXPECT_EQ(f.field, "total_with_vat");
  EXPECT_EQ(f.message,
            "total_with_vat \"-120.00\" is negative: an invoice (FACTURE) must not be; deposit a "
            "credit note (AVOIR)");
  draft_.type = invoice::DocumentType::kCreditNote;
  ExpectClean();
}

TEST_F(DepositRulesTest, AmountFormat) {
  draft_.total_vat = Amount("200.0000001");
  Finding f = Only("DEP-AMOUNT-FORMAT");
  EXPECT_EQ(f.field, "total_vat");
  EXPECT_EQ(f.message, "total_vat \"200.0000001\" must have at most 6 decimals");
  draft_.total_vat = Amount("200.000000000");  // zeros are no decimals
  ExpectClean();
  draft_.amount_due = Amount("100000000000");
  f = Only("DEP-AMOUNT-FORMAT");
  EXPECT_EQ(f.field, "amount_due");
  EXPECT_EQ(f.message,
            "amount_due \"100000000000\" must be less than 100 000 000 000 in absolute value");
}

TEST_F(DepositRulesTest, HostileAmountsGiveFindingsNotACrash) {
  // Without the range rule, 10^18 units plus a 9-decimal amount would overflow Decimal.
  draft_.total_without_vat = Amount("999999999999999999");
  draft_.total_vat = Amount("0.000000001");
  draft_.total_with_vat = Amount("-999999999999999999");
  draft_.amount_due = Amount("999999999.999999999");
  EXPECT_EQ(RuleIds(), (Ids{"DEP-AMOUNT-FORMAT", "DEP-AMOUNT-FORMAT", "DEP-AMOUNT-FORMAT",
                            "DEP-AMOUNT-FORMAT", "DEP-NEGATIVE-INVOICE"}));
}

TEST_F(DepositRulesTest, LargestAllowedAmountsStillAddUp) {
  draft_.total_without_vat = Amount("83333333333.333333");
  draft_.total_vat = Amount("16666666666.666666");
  draft_.total_with_vat = Amount("99999999999.999999");
  draft_.amount_due = Amount("99999999999.999999");
  ExpectClean();
}

TEST_F(DepositRulesTest, Framework) {
  for (std::string ok : {"A1_FACTURE_FOURNISSEUR", "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE",
                         "A9_FACTURE_SOUSTRAITANT", "A12_FACTURE_COTRAITANT"}) {
    draft_.framework = ok;
    ExpectClean();
  }
  draft_.framework = "A3_MEMOIRE_JUSTICE";
  const Finding f = Only("DEP-FRAMEWORK");
  EXPECT_EQ(f.field, "framework");
  EXPECT_EQ(f.message,
            "framework \"A3_MEMOIRE_JUSTICE\" is not offered for a deposit "
            "(A1_FACTURE_FOURNISSEUR, A2_FACTURE_FOURNISSEUR_DEJA_PAYEE, A9_FACTURE_SOUSTRAITANT "
            "or A12_FACTURE_COTRAITANT)");
}

TEST_F(DepositRulesTest, Currency) {
  draft_.currency = "USD";
  ExpectClean();
  for (std::string bad : {"eur", "EU", "EURO", "", "E1R", "€"}) {
    draft_.currency = bad;
    const Finding f = Only("DEP-CURRENCY");
    EXPECT_EQ(f.field, "currency");
    EXPECT_EQ(f.message, "currency " + core::Quoted(bad) +
                             " must be an ISO 4217 code of 3 upper-case letters, such as \"EUR\"");
  }
}

TEST_F(DepositRulesTest, ScannedPdf) {
  context_.pdf_is_scanned = true;
  const Finding f = Only("DEP-SCANNED-PDF");
  EXPECT_EQ(f.field, "pdf");
  EXPECT_EQ(f.message,
            "pdf is a scanned image without text; deposit a native PDF (keywords before each "
            "value, space between fields, black on white)");
}

TEST_F(DepositRulesTest, EveryBrokenRuleIsReportedAtOnceInFormOrder) {
  recipient_.kind = directory::StructureKind::kPrivate;
  recipient_.active = false;
  recipient_.flags.engagement_number_required = true;
  draft_.engagement_number.clear();
  draft_.invoice_number = "F 1";
  context_.invoice_number_taken = true;
  draft_.issue_date = Day(2027, 1, 1);
  draft_.amount_due = Amount("5000");
  draft_.framework = "";
  draft_.currency = "eur";
  context_.pdf_is_scanned = true;
  EXPECT_EQ(RuleIds(),
            (Ids{"DEP-RECIPIENT-NOT-PUBLIC", "DEP-RECIPIENT-INACTIVE", "DEP-ENGAGEMENT-REQUIRED",
                 "DEP-NUMBER-FORMAT", "DEP-NUMBER-TAKEN", "DEP-DATE-FUTURE", "DEP-AMOUNT-DUE",
                 "DEP-FRAMEWORK", "DEP-CURRENCY", "DEP-SCANNED-PDF"}));
}

TEST_F(DepositRulesTest, MessagesQuoteHostileValues) {
  draft_.invoice_number = "a\"b\nc";
  const Finding f = Only("DEP-NUMBER-FORMAT");
  EXPECT_EQ(f.message.find('\n'), std::string::npos);
  EXPECT_NE(f.message.find("\"a\\\"b?c\""), std::string::npos) << f.message;
}

}  // namespace
}  // namespace choral::rules
