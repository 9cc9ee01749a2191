// `choral admin routes`: the served routes beside the authorization policy table, as JSON, for
// the authorization matrix test (tests/http/authz_matrix.test.mjs).
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/route_table.h"
#include "core/clock.h"
#include "http/route_policy.h"
#include "store/store.h"

namespace choral::cli {

int RunRoutes(const Config& config) {
  core::SystemClock clock;
  store::StoreOptions store_options;
  store_options.data_dir = config.data_dir;
  store_options.database_url = config.database_url;
  auto store = store::Store::Open(store_options, clock);
  if (!store) {
    PrintFatal(store.error().message);
    return 1;
  }
  // The routes are built exactly as `serve` builds them; none is called.
  platform::Platform platform(**store, clock);
  http::Routes routes;
  if (auto registered = RegisterAllRoutes(routes, platform, config); !registered) {
    PrintFatal(registered.error().message);
    return 1;
  }
  nlohmann::json registered = nlohmann::json::array();
  for (const http::Route& route : routes.all()) {
    registered.push_back({{"method", route.method}, {"pattern", route.pattern}});
  }
  nlohmann::json policies = nlohmann::json::array();
  for (const http::RoutePolicy& policy : http::RoutePolicies()) {
    policies.push_back({{"method", policy.method},
                        {"pattern", policy.pattern},
                        {"audience", http::AudienceName(policy.audience)}});
  }
  std::cout << nlohmann::json{{"registered", registered}, {"policies", policies}}.dump(1) << "\n";
  return 0;
}

}  // namespace choral::cli
