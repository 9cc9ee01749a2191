// Service limits and space rights on invoices (platform/invoice_access.h): what a simple user
// limited to services, or with consultation only, may see and do; managers and outsiders.
#include <gtest/gtest.h>

#include "directory/identifier_type.h"
#include "platform/invoice_access.h"
#include "platform/invoice_test_fixture.h"

namespace choral::platform {
namespace {

using accounts::Space;
using accounts::SpaceAccess;
using invoice::InvoiceStatus;

constexpr const char* kSaintAubinSiret = "21340158100011";

class InvoiceScopeTest : public testing::InvoiceFixture {
 protected:
  // Records on `email`'s attachment to `siret` the services (by code) it is limited to and the
  // space grants, as a manager's tools would; the person must then log in again.
  void Scope(const std::string& email, const std::string& siret,
             const std::vector<std::string>& service_codes,
             const std::vector<store::SpaceGrant>& grants) {
    ASSERT_TRUE(store_->Write([&](store::Transaction& tx) -> core::Status {
      auto user = tx.users().FindByEmail(email);
      if (!user) return core::Fail(user.error());
      if (!*user) return core::Fail(core::ErrorCode::kNotFound, email);
      auto structure = tx.structures().FindByIdentifier(directory::IdentifierType::kSiret, siret);
      if (!structure) return core::Fail(structure.error());
      if (!*structure) return core::Fail(core::ErrorCode::kNotFound, siret);
      auto memberships = tx.memberships().ListByUser((*user)->id);
      if (!memberships) return core::Fail(memberships.error());
      for (const auto& m : *memberships) {
        if (m.structure_id != (*structure)->id) continue;
        std::vector<core::ServiceId> services;
        for (const auto& code : service_codes) {
          auto service = tx.services().FindByCode(m.structure_id, code);
          if (!service) return core::Fail(service.error());
          if (!*service) return core::Fail(core::ErrorCode::kNotFound, code);
          services.push_back((*service)->id);
        }
        if (auto set = tx.membership_scopes().SetServices(m.id, services); !set) return set;
        for (const auto& grant : grants) {
          if (auto granted = tx.membership_scopes().Grant(m.id, grant); !granted) return granted;
        }
      }
      return core::Ok();
    }));
  }

  Actor ministry_manager() { return LogIn("claire.martin@numerique.example"); }

  std::vector<std::string> Numbers(const Actor& actor, InvoiceSpace space) {
    InvoiceSearch search;
    search.space = space;
    search.sort = InvoiceSort::kNumber;
    search.descending = false;
    auto list = processing_.Search(actor, search);
    EXPECT_TRUE(list);
    std::vector<std::string> numbers;
    if (!list) return numbers;
    for (const auto& v : list->invoices) numbers.push_back(v.invoice.invoice_number);
    EXPECT_EQ(list->total, static_cast<int64_t>(numbers.size()));
    return numbers;
  }
};

TEST_F(InvoiceScopeTest, ARestrictedUserSeesOnlyTheirServicesInListsCountsAndPages) {
  core::InvoiceId achats = Deposit("S-ACHATS", kMinistrySiret, "DAF-ACHATS");
  core::InvoiceId immo = Deposit("S-IMMO", kMinistrySiret, "SG-IMMO");
  core::InvoiceId mairie = Deposit("S-MAIRIE", kSaintAubinSiret, "MAIRIE");
  core::InvoiceId no_service = Deposit("S-SANS", kSaintAubinSiret, "");
  Scope("ines.petit@numerique.example", kMinistrySiret, {"SG-IMMO"}, {});
  Scope("paul.fontaine@saint-aubin.example", kSaintAubinSiret, {"MAIRIE"}, {});
  Actor ines = LogIn("ines.petit@numerique.example");
  Actor paul = LogIn("paul.fontaine@saint-aubin.example");

  EXPECT_EQ(Numbers(ines, InvoiceSpace::kReceived), std::vector<std::string>{"S-IMMO"});
  EXPECT_EQ(Numbers(ines, InvoiceSpace::kToProcess), std::vector<std::string>{"S-IMMO"});
  EXPECT_EQ(processing_.CountToProcess(ines).value(), 1);
  EXPECT_TRUE(processing_.View(ines, immo));
  EXPECT_EQ(processing_.View(ines, achats).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(processing_.Pdf(ines, achats).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(Move(ines, achats, InvoiceStatus::kSuspended, "Pièce manquante").error().code,
            core::ErrorCode::kNotFound);
  EXPECT_TRUE(Move(ines, immo, InvoiceStatus::kSuspended, "Pièce manquante"));

  // An invoice without a service code is only for the unrestricted.
  EXPECT_EQ(Numbers(paul, InvoiceSpace::kReceived), std::vector<std::string>{"S-MAIRIE"});
  EXPECT_TRUE(processing_.View(paul, mairie));
  EXPECT_EQ(processing_.View(paul, no_service).error().code, core::ErrorCode::kNotFound);

  // Managers of the same structures are never limited.
  Actor luc = LogIn("luc.garnier@saint-aubin.example");
  EXPECT_EQ(Numbers(luc, InvoiceSpace::kReceived),
            (std::vector<std::string>{"S-MAIRIE", "S-SANS"}));
  EXPECT_EQ(Numbers(ministry_manager(), InvoiceSpace::kReceived),
            (std::vector<std::string>{"S-ACHATS", "S-IMMO"}));
}

TEST_F(InvoiceScopeTest, ConsultationOnlyViewsAndDownloadsButCannotMoveOrAcknowledge) {
  core::InvoiceId id = Deposit("C-1");
  Scope("ines.petit@numerique.example", kMinistrySiret, {},
        {{Space::kReceivedInvoices, SpaceAccess::kConsultation}});
  Actor ines = LogIn("ines.petit@numerique.example");

  EXPECT_EQ(Numbers(ines, InvoiceSpace::kReceived), std::vector<std::string>{"C-1"});
  auto view = processing_.View(ines, id);
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->possible_moves.empty());
  EXPECT_TRUE(processing_.Pdf(ines, id));
  auto moved = Move(ines, id, InvoiceStatus::kSuspended, "Pièce manquante");
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_NE(moved.error().message.find("CONSULTATION_UNIQUEMENT"), std::string::npos);

  // The supplier's simple user with consultation only sees the rejection, cannot acknowledge it.
  ASSERT_TRUE(Move(ministry_manager(), id, InvoiceStatus::kRejected, "Montant erroné"));
  Scope("tom.lefevre@atelier-lumen.example", "83412698900013", {},
        {{Space::kSentInvoices, SpaceAccess::kConsultation}});
  Actor tom = LogIn("tom.lefevre@atelier-lumen.example");
  auto seen = processing_.View(tom, id);
  ASSERT_TRUE(seen);
  EXPECT_FALSE(seen->can_acknowledge);
  auto acknowledged = processing_.Acknowledge(tom, id);
  ASSERT_FALSE(acknowledged);
  EXPECT_EQ(acknowledged.error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_TRUE(processing_.Acknowledge(supplier_, id));
}

TEST_F(InvoiceScopeTest, ConsultationOnlyOnSentInvoicesCannotDeposit) {
  Scope("tom.lefevre@atelier-lumen.example", "83412698900013", {},
        {{Space::kSentInvoices, SpaceAccess::kConsultation}});
  Actor tom = LogIn("tom.lefevre@atelier-lumen.example");
  EXPECT_FALSE(MayDepositAny(tom));
  DepositForm form;
  form.supplier_id = tom.structures.at(0).id;
  form.recipient_siret = kMinistrySiret;
  form.invoice_number = "T-1";
  auto refused = deposits_.Deposit(tom, form);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.error().message.find("CONSULTATION_UNIQUEMENT"), std::string::npos);

  Scope("tom.lefevre@atelier-lumen.example", "83412698900013", {},
        {{Space::kSentInvoices, SpaceAccess::kModification}});
  Actor tom_again = LogIn("tom.lefevre@atelier-lumen.example");
  EXPECT_TRUE(MayDepositAny(tom_again));
  EXPECT_TRUE(DepositAs(tom_again, "T-2").valid());
}

TEST_F(InvoiceScopeTest, NoGrantKeepsFullRightsAndAnUngrantedSpaceIsClosed) {
  core::InvoiceId id = Deposit("G-1");
  Actor tom = LogIn("tom.lefevre@atelier-lumen.example");
  EXPECT_TRUE(MayDepositAny(tom));
  EXPECT_TRUE(processing_.View(tom, id));

  // A grant on the received space only: the sent invoices are no longer Tom's to see.
  Scope("tom.lefevre@atelier-lumen.example", "83412698900013", {},
        {{Space::kReceivedInvoices, SpaceAccess::kModification}});
  tom = LogIn("tom.lefevre@atelier-lumen.example");
  EXPECT_TRUE(Numbers(tom, InvoiceSpace::kSent).empty());
  EXPECT_EQ(processing_.View(tom, id).error().code, core::ErrorCode::kNotFound);
  EXPECT_FALSE(MayDepositAny(tom));
}

TEST_F(InvoiceScopeTest, ManagersAreUnaffectedAndOutsidersStillGetNotFound) {
  core::InvoiceId id = Deposit("M-1");
  Scope("marc.dubois@atelier-lumen.example", "83412698900013", {},
        {{Space::kSentInvoices, SpaceAccess::kConsultation}});
  Actor marc = LogIn("marc.dubois@atelier-lumen.example");
  EXPECT_TRUE(MayDepositAny(marc));
  EXPECT_TRUE(DepositAs(marc, "M-2").valid());

  Actor julie = LogIn("julie.moreau@traduction.example");
  EXPECT_EQ(processing_.View(julie, id).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(processing_.View(hospital_, id).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(processing_.Pdf(hospital_, id).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(processing_.Acknowledge(julie, id).error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace choral::platform
