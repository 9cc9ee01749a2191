// Managers' tools through the platform, on the demo data: attachment requests and decisions,
// direct attachment, spaces, services, history, hand-over, automatic re-assignment on
// deactivation, and support's appointment; every refusal the rules make.
#include <gtest/gtest.h>

#include "platform/attachments.h"
#include "platform/authentication.h"
#include "platform/demo_data.h"
#include "platform/main_manager.h"
#include "platform/structure_services.h"
#include "platform/test_support.h"

namespace choral::platform {
namespace {

using accounts::AttachmentMove;
using accounts::AttachmentStatus;
using accounts::Role;
using core::ErrorCode;

constexpr const char* kMinistry = "11000998200015";
constexpr const char* kCommune = "21340158100011";
constexpr const char* kJulie = "91247797300016";

class ManagersTest : public ::testing::Test {
 protected:
  ManagersTest()
      : clock_(testing::At(1'795'000'000'000)),
        store_(clock_),
        attachments_(*store_, clock_),
        services_(*store_),
        main_(*store_, clock_) {
    auto seeded = SeedDemoData(*store_, hasher_);
    EXPECT_TRUE(seeded);
    for (const auto& login : seeded->logins) passwords_[login.email] = login.password;
  }

  Actor LogIn(const std::string& email) {
    clock_.Advance(std::chrono::minutes(1));
    Authentication auth(*store_, clock_, hasher_);
    auto login = auth.Login({email, passwords_[email], "127.0.0.1"});
    EXPECT_TRUE(login) << email;
    return login ? login->actor : Actor{};
  }

  core::StructureId Structure(const std::string& siret) {
    core::StructureId id;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
      auto found = tx.structures().FindByIdentifier(directory::IdentifierType::kSiret, siret);
      if (!found) return core::Fail(found.error());
      id = (*found)->id;
      return core::Ok();
    }));
    return id;
  }

  // The role and state of `email` on the structure, as its managers see them.
  std::optional<StructureMember> Member(const Actor& manager, core::StructureId structure,
                                        const std::string& email) {
    auto members = attachments_.Members(manager, structure);
    EXPECT_TRUE(members) << members.error().ToString();
    if (!members) return std::nullopt;
    for (const auto& m : *members) {
      if (m.email == email) return m;
    }
    return std::nullopt;
  }

  std::vector<std::string> MailsTo(const std::string& email) {
    std::vector<std::string> keys;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
      auto sent = tx.outbox().SentTo(email);
      if (!sent) return core::Fail(sent.error());
      for (const auto& m : *sent) keys.push_back(m.template_key);
      return core::Ok();
    }));
    return keys;
  }

  std::vector<std::string> Actions(const Actor& manager, core::StructureId structure) {
    std::vector<std::string> out;
    auto history = attachments_.History(manager, structure);
    EXPECT_TRUE(history) << history.error().ToString();
    if (history) {
      for (const auto& h : *history) out.push_back(h.action + " by " + h.actor_email);
    }
    return out;
  }

  static bool Has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  }

  core::FixedClock clock_;
  testing::TempStore store_;
  PasswordHasher hasher_{PasswordHasher::Minimal()};
  Attachments attachments_;
  StructureServices services_;
  MainManager main_;
  std::map<std::string, std::string> passwords_;
};

TEST_F(ManagersTest, ARequestIsDecidedByTheStructuresManagersOnly) {
  Actor paul = LogIn("paul.fontaine@saint-aubin.example");
  auto request = attachments_.Request(paul, {"110 009 982 00015", {"DAF-ACHATS"}});
  ASSERT_TRUE(request) << request.error().ToString();
  EXPECT_EQ(attachments_.Request(paul, {kMinistry, {}}).error().code, ErrorCode::kAlreadyExists);
  EXPECT_TRUE(Has(MailsTo("claire.martin@numerique.example"), "mail.attachment_requested"));
  EXPECT_TRUE(Has(MailsTo("hugo.bernard@numerique.example"), "mail.attachment_requested"));
  EXPECT_FALSE(Has(MailsTo("ines.petit@numerique.example"), "mail.attachment_requested"));

  Actor luc = LogIn("luc.garnier@saint-aubin.example");  // manager of another structure
  Actor ines = LogIn("ines.petit@numerique.example");    // simple user of the ministry
  Actor admin = LogIn("admin@choral.example");           // not a manager of it either
  for (const Actor* outsider : {&luc, &ines, &admin}) {
    EXPECT_EQ(attachments_.Decide(*outsider, *request, AttachmentMove::kValidate, "").error().code,
              ErrorCode::kPermissionDenied)
        << outsider->email;
    EXPECT_EQ(attachments_.Members(*outsider, Structure(kMinistry)).error().code,
              ErrorCode::kPermissionDenied);
  }
  Actor claire = LogIn("claire.martin@numerique.example");
  auto pending = Member(claire, Structure(kMinistry), "paul.fontaine@saint-aubin.example");
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->status, AttachmentStatus::kPending);
  EXPECT_EQ(pending->service_codes, std::vector<std::string>{"DAF-ACHATS"});
  EXPECT_EQ(attachments_.Decide(claire, *request, AttachmentMove::kRefuse, "  ").error().code,
            ErrorCode::kInvalidArgument);

  Actor hugo = LogIn("hugo.bernard@numerique.example");  // a secondary manager decides too
  ASSERT_TRUE(attachments_.Decide(hugo, *request, AttachmentMove::kValidate, "Bienvenue"));
  EXPECT_EQ(attachments_.Decide(hugo, *request, AttachmentMove::kRefuse, "non").error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(Member(claire, Structure(kMinistry), "paul.fontaine@saint-aubin.example")->status,
            AttachmentStatus::kApproved);
  EXPECT_TRUE(Has(MailsTo("paul.fontaine@saint-aubin.example"), "mail.attachment_validated"));
  auto actions = Actions(claire, Structure(kMinistry));
  ASSERT_GE(actions.size(), 2u);
  EXPECT_EQ(actions[0], "attachment.validated by hugo.bernard@numerique.example");
  EXPECT_EQ(actions[1], "attachment.requested by paul.fontaine@saint-aubin.example");
}

TEST_F(ManagersTest, ARefusalIsNotifiedAndTheRequesterMayAskAgain) {
  Actor tom = LogIn("tom.lefevre@atelier-lumen.example");
  auto request = attachments_.Request(tom, {kCommune, {}});
  ASSERT_TRUE(request);
  Actor luc = LogIn("luc.garnier@saint-aubin.example");
  ASSERT_TRUE(attachments_.Decide(luc, *request, AttachmentMove::kRefuse, "Inconnu du service"));
  EXPECT_TRUE(Has(MailsTo("tom.lefevre@atelier-lumen.example"), "mail.attachment_refused"));
  EXPECT_TRUE(attachments_.Request(tom, {kCommune, {}}));
}

TEST_F(ManagersTest, UnknownStructuresAndServicesAreRefused) {
  Actor tom = LogIn("tom.lefevre@atelier-lumen.example");
  EXPECT_EQ(attachments_.Request(tom, {"12345678901234", {}}).error().code,
            ErrorCode::kInvalidArgument);  // not a valid SIRET
  EXPECT_EQ(attachments_.Request(tom, {"73282932000074", {}}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(attachments_.Request(tom, {kMinistry, {"NOPE"}}).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(ManagersTest, ManagersAttachDeactivateDetachAndGrantSpaces) {
  Actor claire = LogIn("claire.martin@numerique.example");
  const core::StructureId ministry = Structure(kMinistry);
  auto attached =
      attachments_.AttachDirectly(claire, ministry, "Tom.Lefevre@atelier-lumen.example");
  ASSERT_TRUE(attached) << attached.error().ToString();
  EXPECT_EQ(attachments_.AttachDirectly(claire, ministry, "tom.lefevre@atelier-lumen.example")
                .error()
                .code,
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(attachments_.AttachDirectly(claire, ministry, "nobody@example.org").error().code,
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(attachments_.SetSpaceAccess(claire, *attached, accounts::Space::kReceivedInvoices,
                                          accounts::SpaceAccess::kConsultation));
  auto tom = Member(claire, ministry, "tom.lefevre@atelier-lumen.example");
  ASSERT_TRUE(tom);
  ASSERT_EQ(tom->spaces.size(), 1u);
  EXPECT_EQ(tom->spaces[0].access, accounts::SpaceAccess::kConsultation);
  // The same right again, and removing a space never granted, write nothing.
  const size_t actions = Actions(claire, ministry).size();
  ASSERT_TRUE(attachments_.SetSpaceAccess(claire, *attached, accounts::Space::kReceivedInvoices,
                                          accounts::SpaceAccess::kConsultation));
  ASSERT_TRUE(
      attachments_.SetSpaceAccess(claire, *attached, accounts::Space::kSentInvoices, std::nullopt));
  EXPECT_EQ(Actions(claire, ministry).size(), actions);
  Actor ines = LogIn("ines.petit@numerique.example");
  EXPECT_EQ(attachments_
                .SetSpaceAccess(ines, *attached, accounts::Space::kSentInvoices,
                                accounts::SpaceAccess::kModification)
                .error()
                .code,
            ErrorCode::kPermissionDenied);

  ASSERT_TRUE(attachments_.Decide(claire, *attached, AttachmentMove::kDeactivate, ""));
  EXPECT_EQ(Member(claire, ministry, "tom.lefevre@atelier-lumen.example")->status,
            AttachmentStatus::kDeactivated);
  ASSERT_TRUE(attachments_.Decide(claire, *attached, AttachmentMove::kDetach, "Parti"));
  EXPECT_FALSE(Member(claire, ministry, "tom.lefevre@atelier-lumen.example"));
  EXPECT_TRUE(Has(MailsTo("tom.lefevre@atelier-lumen.example"), "mail.attachment_changed"));

  // The main manager's own attachment is never removed: the role is handed over first.
  auto self = Member(claire, ministry, "claire.martin@numerique.example");
  Actor hugo = LogIn("hugo.bernard@numerique.example");
  EXPECT_EQ(
      attachments_.Decide(hugo, self->membership_id, AttachmentMove::kDetach, "").error().code,
      ErrorCode::kConflict);
}

TEST_F(ManagersTest, ManagersOfPublicStructuresEditServices) {
  Actor claire = LogIn("claire.martin@numerique.example");
  const core::StructureId ministry = Structure(kMinistry);
  directory::Service dsi;
  dsi.structure_id = ministry;
  dsi.code = "DSI";
  dsi.name = "Direction du numérique";
  dsi.engagement_number_required = true;
  auto id = services_.Save(claire, dsi);
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(services_.Save(claire, dsi).error().code, ErrorCode::kAlreadyExists);
  dsi.id = *id;
  dsi.active = false;
  dsi.valid_to = *core::Date::Parse("2027-12-31");
  ASSERT_TRUE(services_.Save(claire, dsi));
  auto list = services_.List(claire, ministry);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 3u);
  EXPECT_TRUE(Has(Actions(claire, ministry), "service.updated by claire.martin@numerique.example"));

  Actor ines = LogIn("ines.petit@numerique.example");
  EXPECT_EQ(services_.Save(ines, dsi).error().code, ErrorCode::kPermissionDenied);
  Actor luc = LogIn("luc.garnier@saint-aubin.example");
  EXPECT_EQ(services_.Save(luc, dsi).error().code, ErrorCode::kPermissionDenied);
  Actor marc = LogIn("marc.dubois@atelier-lumen.example");
  directory::Service supplier = dsi;
  supplier.id = core::ServiceId();
  supplier.structure_id = Structure("83412698900013");
  EXPECT_EQ(services_.Save(marc, supplier).error().code, ErrorCode::kInvalidArgument);
  dsi.valid_from = *core::Date::Parse("2028-01-01");  // after valid_to
  EXPECT_EQ(services_.Save(claire, dsi).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ManagersTest, TheMainManagerHandsTheRoleOverToAnActiveAttachedPerson) {
  Actor claire = LogIn("claire.martin@numerique.example");
  const core::StructureId ministry = Structure(kMinistry);
  auto candidates = main_.Candidates(claire, ministry, "bern");
  ASSERT_TRUE(candidates);
  ASSERT_EQ(candidates->size(), 1u);
  EXPECT_EQ(candidates->front().email, "hugo.bernard@numerique.example");

  // Refusals: not attached, pending, inactive, oneself, unknown.
  EXPECT_EQ(main_.HandOver(claire, ministry, "luc.garnier@saint-aubin.example").error().code,
            ErrorCode::kInvalidArgument);
  Actor paul = LogIn("paul.fontaine@saint-aubin.example");
  ASSERT_TRUE(attachments_.Request(paul, {kMinistry, {}}));
  EXPECT_EQ(main_.HandOver(claire, ministry, "paul.fontaine@saint-aubin.example").error().code,
            ErrorCode::kInvalidArgument);
  Actor ines = LogIn("ines.petit@numerique.example");
  Actor admin = LogIn("admin@choral.example");
  ASSERT_TRUE(main_.DeactivateAccount(admin, ines.user_id));
  EXPECT_EQ(main_.HandOver(claire, ministry, "ines.petit@numerique.example").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(main_.HandOver(claire, ministry, "claire.martin@numerique.example").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(main_.HandOver(claire, ministry, "nobody@example.org").error().code,
            ErrorCode::kInvalidArgument);
  // Only the holder hands over: not a secondary manager, not another structure's manager.
  Actor hugo = LogIn("hugo.bernard@numerique.example");
  EXPECT_EQ(main_.HandOver(hugo, ministry, "hugo.bernard@numerique.example").error().code,
            ErrorCode::kPermissionDenied);
  Actor luc = LogIn("luc.garnier@saint-aubin.example");
  EXPECT_EQ(main_.HandOver(luc, ministry, "hugo.bernard@numerique.example").error().code,
            ErrorCode::kPermissionDenied);

  ASSERT_TRUE(main_.HandOver(claire, ministry, "hugo.bernard@numerique.example"));
  EXPECT_EQ(Member(hugo, ministry, "hugo.bernard@numerique.example")->role, Role::kMainManager);
  EXPECT_EQ(Member(hugo, ministry, "claire.martin@numerique.example")->role,
            Role::kSecondaryManager);
  EXPECT_TRUE(Has(MailsTo("claire.martin@numerique.example"), "mail.main_manager_handed_over"));
  EXPECT_TRUE(Has(MailsTo("hugo.bernard@numerique.example"), "mail.main_manager_handed_over"));
  EXPECT_TRUE(
      Has(Actions(hugo, ministry), "main_manager.handed_over by claire.martin@numerique.example"));
  EXPECT_EQ(main_.HandOver(claire, ministry, "hugo.bernard@numerique.example").error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(ManagersTest, SupportDeactivatesAnAccountByItsLogin) {
  Actor admin = LogIn("admin@choral.example");
  Actor paul = LogIn("paul.fontaine@saint-aubin.example");
  EXPECT_EQ(main_.DeactivateAccountByLogin(paul, "tom.lefevre@atelier-lumen.example").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(main_.DeactivateAccountByLogin(admin, "personne@inconnu.example").error().code,
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(main_.DeactivateAccountByLogin(admin, " Tom.Lefevre@atelier-lumen.example"));
  auto again = main_.DeactivateAccountByLogin(admin, "tom.lefevre@atelier-lumen.example");
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("no active account has the login"), std::string::npos);
}

TEST_F(ManagersTest, DeactivatingTheMainManagerPromotesTheSecondarySeenLast) {
  const core::StructureId commune = Structure(kCommune);
  Actor luc = LogIn("luc.garnier@saint-aubin.example");
  Actor nadia = LogIn("nadia.roux@saint-aubin.example");
  Actor paul = LogIn("paul.fontaine@saint-aubin.example");
  EXPECT_EQ(main_.DeactivateAccount(paul, luc.user_id).error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(main_.DeactivateAccount(luc, luc.user_id));  // oneself
  EXPECT_EQ(main_.DeactivateAccount(luc, luc.user_id).error().code, ErrorCode::kConflict);
  EXPECT_EQ(Member(nadia, commune, "nadia.roux@saint-aubin.example")->role, Role::kMainManager);
  EXPECT_EQ(Member(nadia, commune, "luc.garnier@saint-aubin.example")->role,
            Role::kSecondaryManager);
  EXPECT_TRUE(Has(MailsTo("nadia.roux@saint-aubin.example"), "mail.main_manager_assigned"));
  EXPECT_TRUE(
      Has(Actions(nadia, commune), "main_manager.reassigned by luc.garnier@saint-aubin.example"));
  Actor admin = LogIn("admin@choral.example");
  auto flagged = main_.Flagged(admin);
  ASSERT_TRUE(flagged);
  EXPECT_TRUE(flagged->empty());
}

TEST_F(ManagersTest, WithNoSecondaryManagerSupportAppointsOneOnACertificate) {
  const core::StructureId julie_structure = Structure(kJulie);
  Actor julie = LogIn("julie.moreau@traduction.example");
  Actor tom = LogIn("tom.lefevre@atelier-lumen.example");
  ASSERT_TRUE(attachments_.Request(tom, {kJulie, {}}));
  Actor admin = LogIn("admin@choral.example");
  ASSERT_TRUE(main_.DeactivateAccount(admin, julie.user_id));
  auto flagged = main_.Flagged(admin);
  ASSERT_TRUE(flagged);
  ASSERT_EQ(flagged->size(), 1u);
  EXPECT_EQ(flagged->front().structure_id, julie_structure);

  MainManagerAssignment assignment{kJulie,
                                   "tom.lefevre@atelier-lumen.example",
                                   "Départ de la gérante sans passation",
                                   {"attestation.pdf", "%PDF-1.4\n%fake certificate\n"}};
  Actor marc = LogIn("marc.dubois@atelier-lumen.example");
  EXPECT_EQ(main_.Assign(marc, assignment).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(main_.Flagged(marc).error().code, ErrorCode::kPermissionDenied);
  MainManagerAssignment no_reason = assignment;
  no_reason.reason = " ";
  EXPECT_EQ(main_.Assign(admin, no_reason).error().code, ErrorCode::kInvalidArgument);
  MainManagerAssignment text_file = assignment;
  text_file.certificate = {"attestation.pdf", "just text"};
  EXPECT_EQ(main_.Assign(admin, text_file).error().code, ErrorCode::kInvalidArgument);
  MainManagerAssignment nowhere = assignment;
  nowhere.structure_siret = "73282932000074";
  EXPECT_EQ(main_.Assign(admin, nowhere).error().code, ErrorCode::kNotFound);
  MainManagerAssignment stranger = assignment;
  stranger.successor_email = "luc.garnier@saint-aubin.example";
  EXPECT_EQ(main_.Assign(admin, stranger).error().code, ErrorCode::kInvalidArgument);

  ASSERT_TRUE(main_.Assign(admin, assignment));
  tom = LogIn("tom.lefevre@atelier-lumen.example");
  auto me = Member(tom, julie_structure, "tom.lefevre@atelier-lumen.example");
  ASSERT_TRUE(me);
  EXPECT_EQ(me->role, Role::kMainManager);
  EXPECT_EQ(me->status, AttachmentStatus::kApproved);
  EXPECT_TRUE(main_.Flagged(admin)->empty());
  EXPECT_TRUE(Has(MailsTo("tom.lefevre@atelier-lumen.example"), "mail.main_manager_assigned"));
  auto history = attachments_.History(tom, julie_structure);
  ASSERT_TRUE(history);
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->front().action, "main_manager.assigned");
  EXPECT_NE(history->front().details.find("certificate_sha256"), std::string::npos);
}

}  // namespace
}  // namespace choral::platform
