// Pages: the portal's request handlers. Each parses the request, checks the session and the
// CSRF token, calls one platform function and renders; every failure renders a French page.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "http/form.h"
#include "http/request.h"
#include "platform/actor.h"
#include "platform/field_problem.h"
#include "platform/platform.h"
#include "portal/renderer.h"
#include "portal/static_files.h"

namespace choral::portal {

struct DepositFormState;  // deposit_view_models.h
struct BatchRow;          // deposit_view_models.h

// What support typed in the main-manager appointment form, and the one field refused, if any.
struct SupportFormState {
  std::string siret, login, reason;
  std::string error_field;  // "siret", "login", "reason", "certificate" or ""
  std::string error;        // French sentence shown next to that field
  // The account deactivation form (POST /support/desactivation): the login typed, its refusal.
  std::string deactivate_login, deactivate_error;
};

// What a manager typed in a service form, and its error.
struct ServiceFormState {
  std::string id, code, name, valid_from, valid_to;
  bool active = true, engagement_number_required = false, payment_status_reported = true;
  std::string error_field;  // "code", "name", "dates" or ""
  std::string error;
};

inline constexpr std::string_view kSessionCookie = "choral_session";
// Login form's double-submit token: before a session exists, the form's hidden field must
// equal this cookie, which another site can neither read nor set.
inline constexpr std::string_view kLoginCsrfCookie = "choral_csrf";
inline constexpr std::string_view kCsrfField = "csrf_token";

// Both non-empty and equal, compared in constant time.
bool CsrfMatches(std::string_view submitted, std::string_view expected);

// An anonymous page that asks only for an e-mail address: its catalogue keys and its path.
struct EmailOnlyPage {
  std::string_view title_key, intro_key, submit_key, done_key, action;
};

// Thread-safe: handlers keep no state between requests.
class Pages {
 public:
  // `platform` and `renderer`'s catalogue must outlive the pages. `secure_cookies` sets the
  // cookies' Secure attribute even on requests that did not arrive over TLS.
  Pages(platform::Platform& platform, Renderer renderer, StaticFiles static_files,
        bool secure_cookies)
      : platform_(platform),
        renderer_(std::move(renderer)),
        static_files_(std::move(static_files)),
        secure_cookies_(secure_cookies) {}

  http::Response LoginForm(const http::Request& request);     // GET /login
  http::Response Login(const http::Request& request);         // POST /login
  http::Response Logout(const http::Request& request);        // POST /logout
  http::Response Home(const http::Request& request);          // GET /
  http::Response Directory(const http::Request& request);     // GET /annuaire
  http::Response Account(const http::Request& request);       // GET /compte
  http::Response Static(const http::Request& request) const;  // GET /static/:path(.*)
  http::Response NotFound(const http::Request& request);      // any unknown page

  // Account links by e-mail (account_pages.cc), anonymous forms with the login's CSRF cookie.
  http::Response SignUpForm(const http::Request& request);       // GET /inscription
  http::Response SignUp(const http::Request& request);           // POST /inscription
  http::Response Activate(const http::Request& request);         // GET /activation?jeton=
  http::Response ResendForm(const http::Request& request);       // GET /activation/renvoyer
  http::Response Resend(const http::Request& request);           // POST /activation/renvoyer
  http::Response ForgotForm(const http::Request& request);       // GET /mot-de-passe/oubli
  http::Response Forgot(const http::Request& request);           // POST /mot-de-passe/oubli
  http::Response NewPasswordForm(const http::Request& request);  // GET /mot-de-passe/nouveau
  http::Response NewPassword(const http::Request& request);      // POST /mot-de-passe/nouveau
  // "Vérifier une facture" (check_pages.cc), public: a UBL, CII or Factur-X file checked against
  // the schema and EN 16931, shown with its findings beside the XML; nothing is stored.
  http::Response CheckInvoiceForm(const http::Request& request);  // GET /verifier
  http::Response CheckInvoice(const http::Request& request);      // POST /verifier
  // "Mon compte" forms (account_settings_pages.cc).
  http::Response UpdateProfile(const http::Request& request);   // POST /compte/profil
  http::Response ChangePassword(const http::Request& request);  // POST /compte/mot-de-passe

  // Deposit (deposit_pages.cc): choose PDFs, confirm what Choral read, get the receipts.
  http::Response DepositStart(const http::Request& request);  // GET /factures/deposer
  // POST /factures/deposer/lecture: one PDF -> the form beside its preview; several -> a table.
  http::Response DepositRead(const http::Request& request);
  // GET /factures/deposer/brouillons/:draft: the form of one uploaded PDF (a batch's detail).
  http::Response DepositDraft(const http::Request& request);
  // GET /factures/deposer/brouillons/:draft/pages/:page.png: a page of it, for the preview.
  http::Response DepositPreview(const http::Request& request);
  http::Response DepositConfirm(const http::Request& request);  // POST /factures/deposer
  // POST /factures/deposer/lot: deposits the batch's rows (or the one its "ligne" names).
  http::Response DepositBatch(const http::Request& request);
  http::Response DepositReceipt(const http::Request& request);  // GET /factures/:id/accuse-de-depot
  // Invoice spaces and the invoice page (invoice_pages.cc).
  http::Response SentInvoices(const http::Request& request);       // GET /factures/emises
  http::Response ReceivedInvoices(const http::Request& request);   // GET /factures/recues
  http::Response InvoicesToProcess(const http::Request& request);  // GET /factures/a-traiter
  http::Response InvoicePage(const http::Request& request);        // GET /factures/:id
  http::Response MoveInvoice(const http::Request& request);        // POST /factures/:id/statut
  // GET /factures/:id/pieces/:piece: an attachment, downloaded.
  http::Response AttachmentDownload(const http::Request& request);
  // POST /factures/:id/acquittement: the supplier acknowledges a rejection or a suspension.
  http::Response AcknowledgeInvoice(const http::Request& request);
  // Downloads (invoice_export_pages.cc): GET /factures/:id/pdf, the deposited PDF shown inline;
  // GET /factures/emises.csv, /factures/recues.csv, /factures/a-traiter.csv, a list as CSV.
  http::Response InvoicePdf(const http::Request& request);
  http::Response SentInvoicesCsv(const http::Request& request);
  http::Response ReceivedInvoicesCsv(const http::Request& request);
  http::Response InvoicesToProcessCsv(const http::Request& request);
  // GET /notifications (notification_pages.cc): the actor's notifications; opening reads them.
  http::Response Notifications(const http::Request& request);
  // Managers (manager_pages.cc). GET /gestion: the first structure the actor manages;
  // GET /gestion/:structure: "Activité du gestionnaire"; POST .../decision: validate, refuse,
  // deactivate, reactivate or detach; POST .../rattacher: attach a login directly;
  // GET .../utilisateurs.csv: the people as CSV.
  http::Response ManagerHome(const http::Request& request);
  http::Response ManagerActivity(const http::Request& request);
  http::Response ManagerDecision(const http::Request& request);
  http::Response ManagerAttach(const http::Request& request);
  http::Response ManagerUsersCsv(const http::Request& request);
  // POST /gestion/:structure/espaces: the rights of one attachment on the invoice spaces.
  http::Response ManagerSpaces(const http::Request& request);
  // Services (structure_pages.cc): GET /gestion/:structure/services lists them with the form
  // (?service=ID edits one); POST saves.
  http::Response StructureServicesPage(const http::Request& request);
  http::Response SaveStructureService(const http::Request& request);
  // Support (support_pages.cc): GET / POST /support/gestionnaire-principal, platform
  // administrators appoint a main manager on the structure head's signed certificate.
  http::Response SupportMainManagerForm(const http::Request& request);
  http::Response SupportAssignMainManager(const http::Request& request);
  // POST /support/desactivation: a platform administrator deactivates an account by its login.
  http::Response SupportDeactivateAccount(const http::Request& request);
  // GET / POST /compte/fermeture: a person closes their own account, after a confirmation.
  http::Response AccountCloseForm(const http::Request& request);
  http::Response CloseAccount(const http::Request& request);
  // GET / POST /rattachement: a user asks to join a structure.
  http::Response AttachmentRequestForm(const http::Request& request);
  http::Response RequestAttachment(const http::Request& request);
  // GET / POST /compte/rattachements/:structure/passation: confirm, choose the successor (by
  // login or by search), validate.
  http::Response HandOverForm(const http::Request& request);
  http::Response HandOver(const http::Request& request);
  // Flows (flow_pages.cc): GET /flux/deposer and POST /flux/deposer deposit a structured file or
  // archive with its syntax (then to its page); GET /flux lists "Mes flux"; GET /flux/:number
  // shows a flow's report, refreshing itself while processed; GET /flux/:number/compte-rendu.pdf.
  http::Response FlowStart(const http::Request& request);
  http::Response FlowDeposit(const http::Request& request);
  http::Response FlowList(const http::Request& request);
  http::Response FlowPage(const http::Request& request);
  http::Response FlowReportPdf(const http::Request& request);
  // POST /avis (feedback_pages.cc): the "Donnez votre avis" form after a deposit.
  http::Response GiveFeedback(const http::Request& request);
  // "Connexions API" (api_access_pages.cc), for managers: GET /connexions-api lists their
  // structures' technical accounts and OAuth2 clients; ApiAccessChange answers the forms:
  // POST /connexions-api/comptes and /clients (create: the page with the password or secret
  // shown once), /comptes/:id/mot-de-passe (rotate: likewise), /comptes/:id/revocation and
  // /clients/:id/revocation (revoke, then back to the list).
  http::Response ApiAccess(const http::Request& request);
  http::Response ApiAccessChange(const http::Request& request);

  // The French page for `error`, with the status http::HttpStatusFor gives its code.
  http::Response ErrorPage(const core::Error& error, const http::Request& request,
                           const platform::Actor* actor) const;
  // The 500 page, built with as little as possible so that it renders when other things fail.
  http::Response InternalErrorPage(const http::Request& request) const;

  const Renderer& renderer() const { return renderer_; }

 private:
  // The actor behind the request's session cookie; nullopt without a cookie or with an unknown
  // or expired one; an error only when the platform could not tell (database down).
  core::Result<std::optional<platform::Actor>> CurrentActor(const http::Request& request);

  // A logged-in person's urlencoded form, its CSRF token checked: what every POST page starts
  // with. `may`, when given, is asked before the form is read, so an outsider gets a refusal
  // rather than a form error. Otherwise the response to send instead: the login redirect, or the
  // French error page naming `form_name` ("service form's CSRF token does not match").
  struct PostedForm {
    platform::Actor actor;
    http::Form form;
  };
  tl::expected<PostedForm, http::Response> ReadPostedForm(
      const http::Request& request, std::string_view form_name,
      const std::function<core::Status(const platform::Actor&)>& may = {});

  // The page inside the layout for a logged-in actor, with the counts of invoices waiting on
  // them and of unread notifications in the navigation (left out when the platform cannot tell).
  http::Response Render(Page page, const platform::Actor& actor) const;

  // The check page: the form, `error_key`'s sentence, and `report` (ReportData) when not empty.
  http::Response CheckPage(const std::string& csrf, std::string_view error_key, mstch::map report,
                           int status) const;

  http::Response InvoiceList(const http::Request& request, platform::InvoiceSpace space);
  http::Response InvoiceListCsv(const http::Request& request, platform::InvoiceSpace space);
  http::Response UploadPage(const platform::Actor& actor, std::string_view error_key, bool scanned,
                            int status) const;
  http::Response DepositFormPage(const platform::Actor& actor, DepositFormState state) const;
  http::Response FlowUploadPage(const platform::Actor& actor, std::string_view syntax,
                                std::string_view error_key, int status) const;
  http::Response BatchPage(const platform::Actor& actor, const std::vector<BatchRow>& rows,
                           int status) const;
  // The invoice page; `error` and `notice` are French sentences shown above the moves.
  http::Response InvoicePageFor(const http::Request& request, const platform::Actor& actor,
                                core::InvoiceId id, std::string_view error, std::string_view notice,
                                std::string_view failed_move, std::string_view failed_comment,
                                int status) const;

  // A new password or secret, shown once above the lists.
  struct ShownOnceData {
    std::string title;
    std::string name_label;
    std::string name;
    std::string secret_label;
    std::string secret;
  };
  http::Response ApiAccessPage(const http::Request& request, const platform::Actor& who,
                               std::string_view error, const ShownOnceData* shown, int status);
  http::Response ManagerActivityPage(const http::Request& request, const platform::Actor& who,
                                     core::StructureId structure, std::string_view error,
                                     int status) const;
  http::Response ManagerRefusal(const http::Request& request, const platform::Actor& who,
                                core::StructureId structure, const core::Error& error) const;
  http::Response SupportMainManagerPage(const http::Request& request, const platform::Actor& who,
                                        const SupportFormState& state, bool done, int status) const;
  http::Response ServicesPage(const http::Request& request, const platform::Actor& who,
                              core::StructureId structure, const ServiceFormState& form,
                              int status) const;
  http::Response AttachmentRequestPage(const platform::Actor& who, std::string_view siret,
                                       std::string_view services, std::string_view error, bool sent,
                                       int status) const;
  http::Response HandOverPage(const http::Request& request, const platform::Actor& who,
                              core::StructureId structure, std::string_view search, bool confirmed,
                              std::string_view error, int status) const;
  // "Mon compte" with the forms' values (name -> typed value) and problems; `notice` a French
  // sentence shown on top.
  http::Response AccountPage(const http::Request& request, const platform::Actor& actor,
                             const std::vector<std::pair<std::string, std::string>>& profile_values,
                             const platform::FieldProblems& profile_problems,
                             const platform::FieldProblems& password_problems,
                             std::string_view password_error, std::string_view notice,
                             int status) const;
  http::Response AccountClosePage(const platform::Actor& who, bool missing_confirmation,
                                  int status) const;
  // The CSRF token of an anonymous form: the browser's login cookie, or a new one to set.
  std::string AnonymousCsrf(const http::Request& request, bool& fresh) const;
  // Ok when the form's token matches the login cookie; kPermissionDenied otherwise.
  core::Status CheckAnonymousCsrf(const http::Request& request, const http::Form& form) const;
  // The anonymous pages that ask only for an e-mail address and send a link to it ("renvoyer
  // le lien d'activation", "mot de passe oublié"): their catalogue keys and path, and (for the
  // answer) what the address gets.
  http::Response EmailOnlyForm(const http::Request& request, const EmailOnlyPage& texts) const;
  http::Response EmailOnlyAnswer(const http::Request& request, const EmailOnlyPage& texts,
                                 const std::function<core::Status(const std::string& email)>& send);

  http::Response LoginPage(std::string_view csrf_token, std::string_view email,
                           std::string_view error, int status, std::string_view notice = {}) const;
  std::string Cookie(std::string_view name, std::string_view value, const http::Request& request,
                     long max_age_seconds) const;

  platform::Platform& platform_;
  Renderer renderer_;
  StaticFiles static_files_;
  bool secure_cookies_;
};

}  // namespace choral::portal
