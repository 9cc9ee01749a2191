// RoutePolicy: who each route of the portal and the API is for, stated once as data. The
// authorization matrix test (tests/http/authz_matrix.test.mjs) uses it as its oracle; the
// handlers keep deciding through platform, this table only says what must happen.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace choral::http {

// The people a route serves. "Own" objects are those of a structure the person acts for.
enum class Audience {
  kPublic,                // anyone, logged in or not
  kLoggedIn,              // any logged-in person
  kSupplier,              // people acting for a supplier (private) structure
  kRecipient,             // people acting for a public structure (they receive invoices)
  kStructureMember,       // people acting for any structure, supplier or recipient side
  kInvoiceParties,        // the supplier's or the recipient's people of the invoice in the path
  kInvoiceSupplier,       // the supplier's people of the invoice in the path
  kDraftUploader,         // the person who uploaded the deposit draft in the path
  kFlowSupplier,          // the supplier's people of the flow (flux) in the path
  kAnyManager,            // managers (main or secondary) of at least one structure
  kStructureManagers,     // managers of the structure in the path
  kStructureMainManager,  // the main manager of the structure in the path
  kApiAccountManagers,    // managers of the structure owning the API account or client in the path
  kPlatformAdmin,         // platform administrators (support)
  kBearer,                // API programs with a bearer token, never a browser session
};

struct RoutePolicy {
  std::string_view method;   // as registered: "GET", "POST"
  std::string_view pattern;  // exactly as registered in http::Routes
  Audience audience;
};

// Every route `choral serve` registers, with its audience. A route missing here fails the
// matrix test, so a new route cannot ship without saying who it is for.
const std::vector<RoutePolicy>& RoutePolicies();

// The audience's name in the JSON the test reads: "public", "logged_in", "supplier", ...
std::string_view AudienceName(Audience audience);

}  // namespace choral::http
