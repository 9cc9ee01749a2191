// Sign-up on both backends: every rule of the form, the activation link (single use, expires),
// no account enumeration, the first account managing its new structure and the next one waiting
// for the managers' approval.
#include "platform/sign_up.h"

#include <gtest/gtest.h>

#include "platform/account_test_fixture.h"
#include "platform/authentication.h"

namespace choral::platform {
namespace {

using accounts::AttachmentStatus;
using accounts::Role;
using core::ErrorCode;

constexpr char kSiret[] = "73282932000074";        // valid checksum
constexpr char kPublicSiret[] = "11000201100044";  // valid checksum, a public entity below

class SignUpTest : public testing::AccountTestBase {
 protected:
  SignUpTest() : sign_up_(*store_, clock_, hasher_) {
    EXPECT_TRUE(store_->Write([&](store::Transaction& tx) -> core::Status {
      directory::Structure ministry;
      ministry.identifier = kPublicSiret;
      ministry.kind = directory::StructureKind::kPublic;
      ministry.name = "Ministère des Essais";
      auto id = tx.structures().Insert(ministry);
      if (!id) return core::Fail(id.error());
      return core::Ok();
    }));
  }

  static SignUpRequest Request(std::string email, std::string identifier = kSiret) {
    SignUpRequest r;
    r.email = std::move(email);
    r.first_name = "Léa";
    r.last_name = "Fontaine";
    r.password = "cheval agrafe correct";
    r.identifier = std::move(identifier);
    r.company_name = "Léa Fontaine EI";
    r.remote_address = "192.0.2.7";
    return r;
  }

  // Signs up and follows the activation link.
  core::Result<Activation> SignUpAndActivate(const std::string& email) {
    auto problems = sign_up_.Register(Request(email));
    EXPECT_TRUE(problems && problems->empty());
    return sign_up_.Activate(LastMailParam(email, "activation_token"));
  }

  bool CanLogIn(const std::string& email) {
    Authentication auth(*store_, clock_, hasher_);
    return auth.Login({email, "cheval agrafe correct", "192.0.2.9"}).has_value();
  }

  SignUp sign_up_;
};

TEST_F(SignUpTest, EveryRuleIsNamedWithItsField) {
  SignUpRequest bad = Request("pas-une-adresse");
  bad.first_name = " ";
  bad.last_name = "";
  bad.password = "court";
  auto problems = sign_up_.Register(bad);
  ASSERT_TRUE(problems);
  EXPECT_EQ(*problems, (FieldProblems{{"email", "email_invalid"},
                                      {"first_name", "first_name_missing"},
                                      {"last_name", "last_name_missing"},
                                      {"password", "password_too_short"}}));

  auto common = Request("lea@fontaine.example");
  common.password = "Password2024!";
  EXPECT_EQ(*sign_up_.Register(common), (FieldProblems{{"password", "password_common"}}));
  auto email = Request("lea@fontaine.example");
  email.password = "LEA@fontaine.example";
  EXPECT_EQ(*sign_up_.Register(email), (FieldProblems{{"password", "password_is_email"}}));
  EXPECT_EQ(*sign_up_.Register(Request("lea@fontaine.example", "73282932000075")),
            (FieldProblems{{"identifier", "identifier_invalid"}}));
  auto type = Request("lea@fontaine.example");
  type.identifier_type = "NIR";
  EXPECT_EQ(*sign_up_.Register(type),
            (FieldProblems{{"identifier_type", "identifier_type_unknown"}}));
  auto no_name = Request("lea@fontaine.example");
  no_name.company_name = "";
  EXPECT_EQ(*sign_up_.Register(no_name), (FieldProblems{{"company_name", "company_name_missing"}}));
  EXPECT_TRUE(MailsTo("lea@fontaine.example").empty());
}

TEST_F(SignUpTest, APublicStructuresIdentifierIsRefused) {
  auto problems = sign_up_.Register(Request("agent@ministere.example", kPublicSiret));
  ASSERT_TRUE(problems);
  EXPECT_EQ(*problems, (FieldProblems{{"identifier", "identifier_public"}}));
  EXPECT_TRUE(MailsTo("agent@ministere.example").empty());
}

TEST_F(SignUpTest, TheFirstAccountBecomesMainManagerOfItsNewStructure) {
  auto problems = sign_up_.Register(Request("Lea@Fontaine.example"));
  ASSERT_TRUE(problems);
  EXPECT_TRUE(problems->empty());
  EXPECT_FALSE(CanLogIn("lea@fontaine.example"));  // not activated yet
  auto mails = MailsTo("lea@fontaine.example");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].template_key, "mail.account_activation");

  auto activation = sign_up_.Activate(LastMailParam("lea@fontaine.example", "activation_token"));
  ASSERT_TRUE(activation) << activation.error().ToString();
  EXPECT_TRUE(activation->created_structure);
  EXPECT_EQ(activation->role, Role::kMainManager);
  EXPECT_EQ(activation->status, AttachmentStatus::kApproved);
  EXPECT_EQ(activation->structure_name, "Léa Fontaine EI");
  EXPECT_TRUE(CanLogIn("lea@fontaine.example"));
  auto actions = AuditActions();
  for (const char* action : {"user.signed_up", "structure.created", "user.activated"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
  }
}

TEST_F(SignUpTest, ASecondAccountOnTheSameSiretWaitsForTheMainManager) {
  ASSERT_TRUE(SignUpAndActivate("lea@fontaine.example"));
  auto second = SignUpAndActivate("paul@fontaine.example");
  ASSERT_TRUE(second) << second.error().ToString();
  EXPECT_FALSE(second->created_structure);
  EXPECT_EQ(second->role, Role::kUser);
  EXPECT_EQ(second->status, AttachmentStatus::kPending);
  auto to_manager = MailsTo("lea@fontaine.example");
  ASSERT_FALSE(to_manager.empty());
  EXPECT_EQ(to_manager.back().template_key, "mail.attachment_requested");
  // The account works, but does not act for the structure until approved.
  Authentication auth(*store_, clock_, hasher_);
  auto login = auth.Login({"paul@fontaine.example", "cheval agrafe correct", "192.0.2.9"});
  ASSERT_TRUE(login);
  EXPECT_TRUE(login->actor.structures.empty());
  auto actions = AuditActions();
  EXPECT_NE(std::find(actions.begin(), actions.end(), "membership.requested"), actions.end());
}

TEST_F(SignUpTest, TheActivationLinkWorksOnceAndExpires) {
  ASSERT_TRUE(sign_up_.Register(Request("lea@fontaine.example")));
  std::string token = LastMailParam("lea@fontaine.example", "activation_token");
  clock_.Advance(std::chrono::hours(48));
  auto late = sign_up_.Activate(token);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kPermissionDenied);

  // A new link replaces the old one, works once.
  ASSERT_TRUE(sign_up_.ResendActivation("lea@fontaine.example", "192.0.2.7"));
  std::string fresh = LastMailParam("lea@fontaine.example", "activation_token");
  ASSERT_NE(fresh, token);
  ASSERT_TRUE(sign_up_.Activate(fresh));
  auto again = sign_up_.Activate(fresh);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto forged = sign_up_.Activate(std::string(64, 'a'));
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(sign_up_.Activate("not a token").error().code, ErrorCode::kNotFound);
}

TEST_F(SignUpTest, AnswersNeverTellWhetherAnAddressHasAnAccount) {
  ASSERT_TRUE(SignUpAndActivate("lea@fontaine.example"));
  const size_t before = MailsTo("lea@fontaine.example").size();

  // Signing up again with a taken address: the same empty answer, no second account; the owner
  // is told by mail.
  auto duplicate = sign_up_.Register(Request("LEA@fontaine.example"));
  ASSERT_TRUE(duplicate);
  EXPECT_TRUE(duplicate->empty());
  auto mails = MailsTo("lea@fontaine.example");
  ASSERT_EQ(mails.size(), before + 1);
  EXPECT_EQ(mails.back().template_key, "mail.account_exists");

  // Resending to an active account, to an unknown one: Ok and nothing queued.
  EXPECT_TRUE(sign_up_.ResendActivation("lea@fontaine.example", "192.0.2.7"));
  EXPECT_TRUE(sign_up_.ResendActivation("nobody@nowhere.example", "192.0.2.7"));
  EXPECT_EQ(MailsTo("lea@fontaine.example").size(), before + 1);
  EXPECT_TRUE(MailsTo("nobody@nowhere.example").empty());
}

TEST_F(SignUpTest, RequestsAreThrottledPerAddressAndMailsPerAccount) {
  SignUpOptions options;
  options.per_address = ThrottleOptions{3, std::chrono::minutes(60)};
  options.per_email = ThrottleOptions{2, std::chrono::minutes(60)};
  SignUp strict(*store_, clock_, hasher_, options);
  ASSERT_TRUE(strict.Register(Request("lea@fontaine.example")));
  ASSERT_TRUE(strict.ResendActivation("lea@fontaine.example", "192.0.2.7"));
  ASSERT_TRUE(strict.ResendActivation("lea@fontaine.example", "192.0.2.8"));  // not mailed
  EXPECT_EQ(MailsTo("lea@fontaine.example").size(), 2u);
  ASSERT_TRUE(strict.ResendActivation("lea@fontaine.example", "192.0.2.7"));
  auto throttled = strict.ResendActivation("lea@fontaine.example", "192.0.2.7");
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::kResourceExhausted);
  clock_.Advance(std::chrono::minutes(61));
  EXPECT_TRUE(strict.ResendActivation("lea@fontaine.example", "192.0.2.7"));
  EXPECT_EQ(MailsTo("lea@fontaine.example").size(), 3u);
}

TEST_F(SignUpTest, ForeignSuppliersSignUpWithTheirIdentifier) {
  auto request = Request("hans@werkstatt.example", "DE123456789");
  request.identifier_type = "UE_HORS_FRANCE";
  request.company_name = "Werkstatt GmbH";
  ASSERT_TRUE(sign_up_.Register(request));
  auto activation = sign_up_.Activate(LastMailParam("hans@werkstatt.example", "activation_token"));
  ASSERT_TRUE(activation) << activation.error().ToString();
  EXPECT_EQ(activation->role, Role::kMainManager);
}

}  // namespace
}  // namespace choral::platform
