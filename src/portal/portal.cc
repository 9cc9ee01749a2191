#include "portal/portal.h"

#include <exception>
#include <memory>

#include "portal/catalogue.h"
#include "portal/messages_fr.h"
#include "portal/pages.h"
#include "portal/renderer.h"
#include "portal/static_files.h"

namespace choral::portal {
namespace {

// What the routes' handlers share; lives as long as the last handler holding it.
struct PortalState {
  PortalState(Catalogue catalogue_in, platform::Platform& platform, StaticFiles static_files,
              bool secure_cookies)
      : catalogue(std::move(catalogue_in)),
        pages(platform, Renderer(catalogue, static_files.version()), std::move(static_files),
              secure_cookies) {}

  Catalogue catalogue;
  Pages pages;
};

// The French catalogue is a compiled-in constant: failing to build it is a bug the portal test
// catches, never a runtime condition.
Catalogue FrenchCatalogue() {
  auto catalogue = Catalogue::Build(FrenchMessages());
  if (!catalogue) std::terminate();
  return std::move(*catalogue);
}

// Runs a page handler so that nothing escapes as an exception: the visitor gets the 500 page,
// and if even that cannot render, a plain-text one.
http::Handler Guarded(std::shared_ptr<PortalState> state,
                      http::Response (Pages::*method)(const http::Request&)) {
  return [state = std::move(state), method](const http::Request& request) {
    try {
      return (state->pages.*method)(request);
    } catch (...) {
      try {
        return state->pages.InternalErrorPage(request);
      } catch (...) {
        return http::Response::Text("Erreur interne\n", 500);
      }
    }
  };
}

core::Result<std::shared_ptr<PortalState>> MakeState(platform::Platform& platform,
                                                     const PortalOptions& options) {
  auto static_files =
      StaticFiles::Load(options.web_root + "/static",
                        {"bootstrap.min.css", "bootstrap.bundle.min.js", "bootstrap-icons.min.css",
                         "fonts/bootstrap-icons.woff2", "htmx.min.js", "choral.css"});
  if (!static_files) return core::Fail(static_files.error());
  return std::make_shared<PortalState>(FrenchCatalogue(), platform, std::move(*static_files),
                                       options.secure_cookies_hint);
}

}  // namespace

core::Status RegisterPortal(http::Routes& routes, platform::Platform& platform,
                            const PortalOptions& options) {
  auto made = MakeState(platform, options);
  if (!made) return core::Fail(made.error());
  std::shared_ptr<PortalState> state = std::move(*made);

  routes.Get("/login", Guarded(state, &Pages::LoginForm));
  routes.Post("/login", Guarded(state, &Pages::Login));
  routes.Post("/logout", Guarded(state, &Pages::Logout));
  routes.Get("/", Guarded(state, &Pages::Home));
  routes.Get("/annuaire", Guarded(state, &Pages::Directory));
  routes.Get("/compte", Guarded(state, &Pages::Account));
  routes.Post("/compte/profil", Guarded(state, &Pages::UpdateProfile));
  routes.Post("/compte/mot-de-passe", Guarded(state, &Pages::ChangePassword));
  routes.Get("/inscription", Guarded(state, &Pages::SignUpForm));
  routes.Post("/inscription", Guarded(state, &Pages::SignUp));
  routes.Get("/activation", Guarded(state, &Pages::Activate));
  routes.Get("/activation/renvoyer", Guarded(state, &Pages::ResendForm));
  routes.Post("/activation/renvoyer", Guarded(state, &Pages::Resend));
  routes.Get("/mot-de-passe/oubli", Guarded(state, &Pages::ForgotForm));
  routes.Post("/mot-de-passe/oubli", Guarded(state, &Pages::Forgot));
  routes.Get("/mot-de-passe/nouveau", Guarded(state, &Pages::NewPasswordForm));
  routes.Post("/mot-de-passe/nouveau", Guarded(state, &Pages::NewPassword));
  routes.Get("/verifier", Guarded(state, &Pages::CheckInvoiceForm));
  routes.Post("/verifier", Guarded(state, &Pages::CheckInvoice));
  routes.Get("/factures/deposer", Guarded(state, &Pages::DepositStart));
  routes.Post("/factures/deposer/lecture", Guarded(state, &Pages::DepositRead));
  routes.Post("/factures/deposer", Guarded(state, &Pages::DepositConfirm));
  routes.Post("/factures/deposer/lot", Guarded(state, &Pages::DepositBatch));
  routes.Get("/factures/deposer/brouillons/:draft(\\d+)", Guarded(state, &Pages::DepositDraft));
  routes.Get("/factures/deposer/brouillons/:draft(\\d+)/pages/:page(\\d+).png",
             Guarded(state, &Pages::DepositPreview));
  routes.Get("/factures/emises", Guarded(state, &Pages::SentInvoices));
  routes.Get("/factures/recues", Guarded(state, &Pages::ReceivedInvoices));
  routes.Get("/factures/a-traiter", Guarded(state, &Pages::InvoicesToProcess));
  routes.Get("/factures/emises.csv", Guarded(state, &Pages::SentInvoicesCsv));
  routes.Get("/factures/recues.csv", Guarded(state, &Pages::ReceivedInvoicesCsv));
  routes.Get("/factures/a-traiter.csv", Guarded(state, &Pages::InvoicesToProcessCsv));
  routes.Get("/factures/:id(\\d+)/pdf", Guarded(state, &Pages::InvoicePdf));
  routes.Get("/factures/:id(\\d+)", Guarded(state, &Pages::InvoicePage));
  routes.Get("/factures/:id(\\d+)/accuse-de-depot", Guarded(state, &Pages::DepositReceipt));
  routes.Post("/factures/:id(\\d+)/statut", Guarded(state, &Pages::MoveInvoice));
  routes.Get("/factures/:id(\\d+)/pieces/:piece(\\d+)", Guarded(state, &Pages::AttachmentDownload));
  routes.Post("/factures/:id(\\d+)/acquittement", Guarded(state, &Pages::AcknowledgeInvoice));
  routes.Get("/flux", Guarded(state, &Pages::FlowList));
  routes.Get("/flux/deposer", Guarded(state, &Pages::FlowStart));
  routes.Post("/flux/deposer", Guarded(state, &Pages::FlowDeposit));
  routes.Get("/flux/:number(CPP\\d+)", Guarded(state, &Pages::FlowPage));
  routes.Get("/flux/:number(CPP\\d+)/compte-rendu.pdf", Guarded(state, &Pages::FlowReportPdf));
  routes.Post("/avis", Guarded(state, &Pages::GiveFeedback));
  routes.Get("/notifications", Guarded(state, &Pages::Notifications));
  routes.Get("/connexions-api", Guarded(state, &Pages::ApiAccess));
  routes.Post("/connexions-api/comptes", Guarded(state, &Pages::ApiAccessChange));
  routes.Post("/connexions-api/clients", Guarded(state, &Pages::ApiAccessChange));
  routes.Post("/connexions-api/comptes/:id(\\d+)/mot-de-passe",
              Guarded(state, &Pages::ApiAccessChange));
  routes.Post("/connexions-api/comptes/:id(\\d+)/revocation",
              Guarded(state, &Pages::ApiAccessChange));
  routes.Post("/connexions-api/clients/:id(\\d+)/revocation",
              Guarded(state, &Pages::ApiAccessChange));
  routes.Get("/gestion", Guarded(state, &Pages::ManagerHome));
  routes.Get("/gestion/:structure(\\d+)", Guarded(state, &Pages::ManagerActivity));
  routes.Post("/gestion/:structure(\\d+)/decision", Guarded(state, &Pages::ManagerDecision));
  routes.Post("/gestion/:structure(\\d+)/rattacher", Guarded(state, &Pages::ManagerAttach));
  routes.Get("/gestion/:structure(\\d+)/utilisateurs.csv", Guarded(state, &Pages::ManagerUsersCsv));
  routes.Post("/gestion/:structure(\\d+)/espaces", Guarded(state, &Pages::ManagerSpaces));
  routes.Get("/gestion/:structure(\\d+)/services", Guarded(state, &Pages::StructureServicesPage));
  routes.Post("/gestion/:structure(\\d+)/services", Guarded(state, &Pages::SaveStructureService));
  routes.Get("/support/gestionnaire-principal", Guarded(state, &Pages::SupportMainManagerForm));
  routes.Post("/support/gestionnaire-principal", Guarded(state, &Pages::SupportAssignMainManager));
  routes.Post("/support/desactivation", Guarded(state, &Pages::SupportDeactivateAccount));
  routes.Get("/compte/fermeture", Guarded(state, &Pages::AccountCloseForm));
  routes.Post("/compte/fermeture", Guarded(state, &Pages::CloseAccount));
  routes.Get("/rattachement", Guarded(state, &Pages::AttachmentRequestForm));
  routes.Post("/rattachement", Guarded(state, &Pages::RequestAttachment));
  routes.Get("/compte/rattachements/:structure(\\d+)/passation",
             Guarded(state, &Pages::HandOverForm));
  routes.Post("/compte/rattachements/:structure(\\d+)/passation", Guarded(state, &Pages::HandOver));
  // Memory only: no reason to hand these to the worker pool.
  routes.Get(
      "/static/:path(.*)",
      [state](const http::Request& request) { return state->pages.Static(request); },
      http::Dispatch::kInline);
  return core::Ok();
}

core::Result<http::Handler> NotFoundHandler(platform::Platform& platform,
                                            const PortalOptions& options) {
  auto state = MakeState(platform, options);
  if (!state) return core::Fail(state.error());
  return Guarded(std::move(*state), &Pages::NotFound);
}

}  // namespace choral::portal
