#include "platform/demo_data.h"

#include <nlohmann/json.hpp>

#include "accounts/membership.h"
#include "accounts/user.h"
#include "directory/service.h"
#include "directory/structure.h"

namespace choral::platform {
namespace {

struct DemoService {
  const char* code;
  const char* name;
  bool engagement_number_required;
};

struct DemoPerson {
  const char* first_name;
  const char* last_name;
  const char* email;
  accounts::Role role;
};

struct DemoStructure {
  const char* siret;  // Luhn-valid, invented: no real establishment has it
  directory::StructureKind kind;
  const char* name;
  const char* address;
  directory::StructureFlags flags;
  std::vector<DemoService> services;
  std::vector<DemoPerson> people;
};

// Three public entities whose flags differ, so every deposit rule can be tried, and two suppliers.
std::vector<DemoStructure> DemoStructures() {
  using directory::StructureKind;
  using R = accounts::Role;
  return {
      {"11000998200015",
       StructureKind::kPublic,
       "Ministère de la Transition numérique",
       "20 avenue de Ségur, 75007 Paris",
       {.service_code_required = true, .engagement_number_required = true},
       {{"DAF-ACHATS", "Direction des affaires financières — achats", false},
        {"SG-IMMO", "Secrétariat général — immobilier", false}},
       {{"Claire", "Martin", "claire.martin@numerique.example", R::kMainManager},
        {"Hugo", "Bernard", "hugo.bernard@numerique.example", R::kSecondaryManager},
        {"Inès", "Petit", "ines.petit@numerique.example", R::kUser}}},
      {"21340158100011",
       StructureKind::kPublic,
       "Commune de Saint-Aubin-des-Prés",
       "1 place de la Mairie, 34170 Saint-Aubin-des-Prés",
       {.service_code_or_engagement_required = true},
       {{"MAIRIE", "Services administratifs de la mairie", false},
        {"CTM", "Centre technique municipal", true},
        {"CCAS", "Centre communal d'action sociale", false}},
       {{"Luc", "Garnier", "luc.garnier@saint-aubin.example", R::kMainManager},
        {"Nadia", "Roux", "nadia.roux@saint-aubin.example", R::kSecondaryManager},
        {"Paul", "Fontaine", "paul.fontaine@saint-aubin.example", R::kUser}}},
      {"26750813300019",
       StructureKind::kPublic,
       "Centre hospitalier de Bellerive",
       "12 rue des Tilleuls, 75020 Paris",
       {.service_code_required = true, .payment_status_not_reported = true},
       {{"PHARMA", "Pharmacie à usage intérieur", true},
        {"TECH", "Services techniques et biomédicaux", false}},
       {{"Sophie", "Lambert", "sophie.lambert@ch-bellerive.example", R::kMainManager},
        {"Karim", "Haddad", "karim.haddad@ch-bellerive.example", R::kSecondaryManager},
        {"Emma", "Chevalier", "emma.chevalier@ch-bellerive.example", R::kUser}}},
      {"83412698900013",
       StructureKind::kPrivate,
       "Atelier Lumen SARL",
       "8 rue des Artisans, 69003 Lyon",
       {},
       {},
       {{"Marc", "Dubois", "marc.dubois@atelier-lumen.example", R::kMainManager},
        {"Léa", "Girard", "lea.girard@atelier-lumen.example", R::kSecondaryManager},
        {"Tom", "Lefèvre", "tom.lefevre@atelier-lumen.example", R::kUser}}},
      {"91247797300016",
       StructureKind::kPrivate,
       "Julie Moreau — traduction (EI)",
       "3 impasse des Lilas, 33000 Bordeaux",
       {},
       {},
       {{"Julie", "Moreau", "julie.moreau@traduction.example", R::kMainManager}}},
  };
}

constexpr const char* kAdminEmail = "admin@choral.example";

// Easy to type, hard to guess: 72 random bits as "1a2b3c-4d5e6f-7a8b9c".
std::string NewPassword() {
  std::string hex = RandomHex(9);
  return hex.substr(0, 6) + "-" + hex.substr(6, 6) + "-" + hex.substr(12, 6);
}

core::Status Audit(store::Transaction& tx, std::string action, std::string subject,
                   nlohmann::json details) {
  auto event = tx.audit().Append("cli", std::move(action), std::move(subject), details.dump());
  if (!event) return core::Fail(event.error());
  return core::Ok();
}

core::Status SeedStructure(store::Transaction& tx, const PasswordHasher& hasher,
                           const DemoStructure& demo, DemoSeedReport& report) {
  directory::Structure structure;
  structure.identifier_type = directory::IdentifierType::kSiret;
  structure.identifier = demo.siret;
  structure.kind = demo.kind;
  structure.name = demo.name;
  structure.address = demo.address;
  structure.flags = demo.flags;
  if (auto valid = directory::ValidateStructure(structure); !valid) return valid;
  auto structure_id = tx.structures().Insert(structure);
  if (!structure_id) return core::Fail(structure_id.error());
  std::string subject = "structure:" + std::to_string(structure_id->value());
  if (auto a = Audit(tx, "structure.created", subject, {{"siret", demo.siret}}); !a) return a;
  ++report.structures;

  for (const DemoService& s : demo.services) {
    directory::Service service;
    service.structure_id = *structure_id;
    service.code = s.code;
    service.name = s.name;
    service.engagement_number_required = s.engagement_number_required;
    if (auto valid = directory::ValidateService(service); !valid) return valid;
    auto id = tx.services().Insert(service);
    if (!id) return core::Fail(id.error());
    if (auto a = Audit(tx, "service.created", "service:" + std::to_string(id->value()),
                       {{"structure", subject}, {"code", s.code}});
        !a) {
      return a;
    }
    ++report.services;
  }

  for (const DemoPerson& p : demo.people) {
    std::string password = NewPassword();
    auto hash = hasher.Hash(password);
    if (!hash) return core::Fail(hash.error());
    accounts::User user;
    user.email = p.email;
    user.first_name = p.first_name;
    user.last_name = p.last_name;
    user.password_hash = std::move(*hash);
    auto user_id = tx.users().Insert(user);
    if (!user_id) return core::Fail(user_id.error());
    std::string user_subject = "user:" + std::to_string(user_id->value());
    if (auto a = Audit(tx, "user.created", user_subject, {{"email", p.email}}); !a) return a;
    accounts::Membership membership;
    membership.user_id = *user_id;
    membership.structure_id = *structure_id;
    membership.role = p.role;
    membership.status = accounts::AttachmentStatus::kApproved;
    auto membership_id = tx.memberships().Insert(membership);
    if (!membership_id) return core::Fail(membership_id.error());
    if (auto a = Audit(tx, "membership.approved", user_subject,
                       {{"structure", subject}, {"role", accounts::RoleCode(p.role)}});
        !a) {
      return a;
    }
    report.logins.push_back(
        DemoLogin{p.email, password, demo.name, std::string(accounts::RoleCode(p.role))});
  }
  return core::Ok();
}

}  // namespace

core::Result<DemoSeedReport> SeedDemoData(store::Store& store, const PasswordHasher& hasher) {
  DemoSeedReport report;
  auto written = store.Write([&](store::Transaction& tx) -> core::Status {
    report = DemoSeedReport{};  // a retried transaction starts from nothing
    auto admin = tx.users().FindByEmail(kAdminEmail);
    if (!admin) return core::Fail(admin.error());
    if (*admin) {
      report.already_seeded = true;
      return core::Ok();
    }
    for (const DemoStructure& demo : DemoStructures()) {
      if (auto seeded = SeedStructure(tx, hasher, demo, report); !seeded) return seeded;
    }
    std::string password = NewPassword();
    auto hash = hasher.Hash(password);
    if (!hash) return core::Fail(hash.error());
    accounts::User user;
    user.email = kAdminEmail;
    user.first_name = "Administration";
    user.last_name = "Choral";
    user.password_hash = std::move(*hash);
    user.platform_admin = true;
    auto id = tx.users().Insert(user);
    if (!id) return core::Fail(id.error());
    if (auto a = Audit(tx, "user.created", "user:" + std::to_string(id->value()),
                       {{"email", kAdminEmail}, {"platform_admin", true}});
        !a) {
      return a;
    }
    report.logins.push_back(DemoLogin{kAdminEmail, password, "Choral", "ADMINISTRATEUR"});
    return core::Ok();
  });
  if (!written) return core::Fail(written.error());
  return report;
}

}  // namespace choral::platform
