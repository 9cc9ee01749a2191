// Portal: the web pages people use (login, home, public directory, account, deposit, invoices)
// and their static
// assets, registered on the HTTP server's route table.
#pragma once

#include <string>

#include "core/result.h"
#include "http/routes.h"
#include "platform/platform.h"

namespace choral::portal {

struct PortalOptions {
  // Folder holding static/ (CSS, JavaScript, fonts), as the build lays it out in
  // ${CMAKE_BINARY_DIR}/web. Read once, at registration.
  std::string web_root;
  // Mark cookies Secure even on requests that did not come over TLS (a proxy that terminates
  // TLS without saying so). Requests with Request::secure get Secure cookies regardless.
  bool secure_cookies_hint = false;
};

// Registers GET /login, POST /login, POST /logout, GET /, GET /annuaire, GET /compte, the
// deposit pages (GET and POST /factures/deposer, POST /factures/deposer/lecture), the invoice
// spaces (GET /factures/emises, /factures/recues, /factures/a-traiter), the invoice page
// (GET /factures/:id, GET /factures/:id/accuse-de-depot, POST /factures/:id/statut) and
// GET /notifications and GET /static/:path(.*) (inline: served from memory). `platform` must
// outlive the routes. kUnavailable naming the folder or file when web_root/static is missing or
// incomplete.
core::Status RegisterPortal(http::Routes& routes, platform::Platform& platform,
                            const PortalOptions& options);

// The portal's French 404 page, for the server to answer GET requests no route matched (a route
// table has no fallback of its own). `platform` must outlive it. Same errors as RegisterPortal.
core::Result<http::Handler> NotFoundHandler(platform::Platform& platform,
                                            const PortalOptions& options);

}  // namespace choral::portal
