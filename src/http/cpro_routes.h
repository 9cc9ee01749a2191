// The Chorus Pro-compatible flow API (shared/spec/chorus-pro/API.md §5.1, §5.2), at the paths
// Chorus Pro's clients build from their base URL ("{base}/cpro/factures/v1/deposer/flux"), so an
// existing client (Odoo, Pastell...) deposits flows on Choral by changing only its base URL.
// Bearer-authenticated (POST /api/oauth/token). Functional outcomes answer HTTP 200 with
// codeRetour/libelle, as Chorus Pro does (API.md §3, §7); a missing or bad token is a 401.
#pragma once

#include "http/routes.h"
#include "platform/platform.h"

namespace choral::http {

// POST /cpro/factures/v1/deposer/flux (deposerFluxFacture), POST
// /cpro/transverses/v1/consulterCR and POST /cpro/transverses/v1/consulterCRDetaille.
// `platform` must outlive the routes.
void RegisterCproRoutes(Routes& routes, platform::Platform& platform);

}  // namespace choral::http
