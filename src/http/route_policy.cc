#include "http/route_policy.h"

namespace choral::http {

const std::vector<RoutePolicy>& RoutePolicies() {
  using A = Audience;
  static const std::vector<RoutePolicy> kPolicies = {
      // Health probes and the public API.
      {"GET", "/health", A::kPublic},
      {"GET", "/health/ready", A::kPublic},
      {"GET", "/api/v1/directory/structures/:siret", A::kPublic},
      // The client's credentials travel in the body: the route itself is open.
      {"POST", "/api/oauth/token", A::kPublic},
      {"GET", "/api/v1/whoami", A::kBearer},
      // The Chorus Pro-compatible flow API (deposerFluxFacture, consulterCR[Detaille]).
      {"POST", "/cpro/factures/v1/deposer/flux", A::kBearer},
      {"POST", "/cpro/transverses/v1/consulterCR", A::kBearer},
      {"POST", "/cpro/transverses/v1/consulterCRDetaille", A::kBearer},
      // Logging in, signing up, recovering a password: before any session exists.
      {"GET", "/login", A::kPublic},
      {"POST", "/login", A::kPublic},
      {"GET", "/inscription", A::kPublic},
      {"POST", "/inscription", A::kPublic},
      {"GET", "/activation", A::kPublic},
      {"GET", "/activation/renvoyer", A::kPublic},
      {"POST", "/activation/renvoyer", A::kPublic},
      {"GET", "/mot-de-passe/oubli", A::kPublic},
      {"POST", "/mot-de-passe/oubli", A::kPublic},
      {"GET", "/mot-de-passe/nouveau", A::kPublic},
      {"POST", "/mot-de-passe/nouveau", A::kPublic},
      {"GET", "/verifier", A::kPublic},
      {"POST", "/verifier", A::kPublic},
      {"GET", "/annuaire", A::kPublic},
      {"GET", "/static/:path(.*)", A::kPublic},
      // One's own session, account and notifications.
      {"POST", "/logout", A::kLoggedIn},
      {"GET", "/", A::kLoggedIn},
      {"GET", "/compte", A::kLoggedIn},
      {"POST", "/compte/profil", A::kLoggedIn},
      {"POST", "/compte/mot-de-passe", A::kLoggedIn},
      // Closing one's own account (with a confirmation step).
      {"GET", "/compte/fermeture", A::kLoggedIn},
      {"POST", "/compte/fermeture", A::kLoggedIn},
      {"POST", "/avis", A::kLoggedIn},
      {"GET", "/notifications", A::kLoggedIn},
      {"GET", "/rattachement", A::kLoggedIn},
      {"POST", "/rattachement", A::kLoggedIn},
      {"GET", "/compte/rattachements/:structure(\\d+)/passation", A::kStructureMainManager},
      {"POST", "/compte/rattachements/:structure(\\d+)/passation", A::kStructureMainManager},
      // Supplier side: depositing and the sent invoices.
      {"GET", "/factures/deposer", A::kSupplier},
      {"POST", "/factures/deposer/lecture", A::kSupplier},
      {"POST", "/factures/deposer", A::kSupplier},
      {"POST", "/factures/deposer/lot", A::kSupplier},
      {"GET", "/factures/deposer/brouillons/:draft(\\d+)", A::kDraftUploader},
      {"GET", "/factures/deposer/brouillons/:draft(\\d+)/pages/:page(\\d+).png", A::kDraftUploader},
      {"GET", "/factures/emises", A::kSupplier},
      {"GET", "/factures/emises.csv", A::kSupplier},
      // Flows (structured deposit): suppliers deposit and list; a flow's page for its supplier.
      {"GET", "/flux", A::kSupplier},
      {"GET", "/flux/deposer", A::kSupplier},
      {"POST", "/flux/deposer", A::kSupplier},
      {"GET", "/flux/:number(CPP\\d+)", A::kFlowSupplier},
      {"GET", "/flux/:number(CPP\\d+)/compte-rendu.pdf", A::kFlowSupplier},
      // Recipient side: the received invoices.
      {"GET", "/factures/recues", A::kRecipient},
      {"GET", "/factures/recues.csv", A::kRecipient},
      // What waits on someone: a recipient's invoices to process, a supplier's suspended ones.
      {"GET", "/factures/a-traiter", A::kStructureMember},
      {"GET", "/factures/a-traiter.csv", A::kStructureMember},
      // One invoice: its two sides only.
      {"GET", "/factures/:id(\\d+)", A::kInvoiceParties},
      {"GET", "/factures/:id(\\d+)/pdf", A::kInvoiceParties},
      {"GET", "/factures/:id(\\d+)/accuse-de-depot", A::kInvoiceParties},
      {"POST", "/factures/:id(\\d+)/statut", A::kInvoiceParties},
      {"GET", "/factures/:id(\\d+)/pieces/:piece(\\d+)", A::kInvoiceParties},
      // Acknowledging a rejection or a suspension is the supplier's move.
      {"POST", "/factures/:id(\\d+)/acquittement", A::kInvoiceSupplier},
      // API access (technical accounts, OAuth2 clients): managers of the structure concerned.
      {"GET", "/connexions-api", A::kLoggedIn},
      {"POST", "/connexions-api/comptes", A::kAnyManager},
      {"POST", "/connexions-api/clients", A::kAnyManager},
      {"POST", "/connexions-api/comptes/:id(\\d+)/mot-de-passe", A::kApiAccountManagers},
      {"POST", "/connexions-api/comptes/:id(\\d+)/revocation", A::kApiAccountManagers},
      {"POST", "/connexions-api/clients/:id(\\d+)/revocation", A::kApiAccountManagers},
      // Managers: their own structure only.
      {"GET", "/gestion", A::kAnyManager},
      {"GET", "/gestion/:structure(\\d+)", A::kStructureManagers},
      {"POST", "/gestion/:structure(\\d+)/decision", A::kStructureManagers},
      {"POST", "/gestion/:structure(\\d+)/rattacher", A::kStructureManagers},
      {"GET", "/gestion/:structure(\\d+)/utilisateurs.csv", A::kStructureManagers},
      {"POST", "/gestion/:structure(\\d+)/espaces", A::kStructureManagers},
      {"GET", "/gestion/:structure(\\d+)/services", A::kStructureManagers},
      {"POST", "/gestion/:structure(\\d+)/services", A::kStructureManagers},
      // Support: platform administrators.
      {"GET", "/support/gestionnaire-principal", A::kPlatformAdmin},
      {"POST", "/support/gestionnaire-principal", A::kPlatformAdmin},
      {"POST", "/support/desactivation", A::kPlatformAdmin},
  };
  return kPolicies;
}

std::string_view AudienceName(Audience audience) {
  switch (audience) {
    case Audience::kPublic:
      return "public";
    case Audience::kLoggedIn:
      return "logged_in";
    case Audience::kSupplier:
      return "supplier";
    case Audience::kRecipient:
      return "recipient";
    case Audience::kStructureMember:
      return "structure_member";
    case Audience::kInvoiceParties:
      return "invoice_parties";
    case Audience::kInvoiceSupplier:
      return "invoice_supplier";
    case Audience::kFlowSupplier:
      return "flow_supplier";
    case Audience::kDraftUploader:
      return "draft_uploader";
    case Audience::kAnyManager:
      return "any_manager";
    case Audience::kStructureManagers:
      return "structure_managers";
    case Audience::kStructureMainManager:
      return "structure_main_manager";
    case Audience::kApiAccountManagers:
      return "api_account_managers";
    case Audience::kPlatformAdmin:
      return "platform_admin";
    case Audience::kBearer:
      return "bearer";
  }
  return "unknown";
}

}  // namespace choral::http
