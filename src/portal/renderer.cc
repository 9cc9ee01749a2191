#include "portal/renderer.h"

#include "platform/invoice_access.h"
#include "portal/templates.h"

namespace choral::portal {
namespace {

// `href` is one of the portal's own paths: the layout writes it unescaped ({{{href}}}), as
// mustache would otherwise turn "/" into "&#x2F;".
mstch::node NavItem(const Catalogue& catalogue, std::string href, std::string_view label_key,
                    bool current) {
  return mstch::map{{"href", std::move(href)},
                    {"label", std::string(catalogue.Text(label_key))},
                    {"current", current}};
}

// A navigation entry with a count: visible as a badge, read out by screen readers as
// "À traiter, 3 en attente" or "Notifications, 2 non lue(s)".
mstch::node CountedItem(const Catalogue& catalogue, std::string href, std::string_view label_key,
                        bool current, std::optional<int64_t> count, std::string_view count_key) {
  mstch::node item = NavItem(catalogue, std::move(href), label_key, current);
  if (count && *count > 0) {
    std::string text = std::to_string(*count);
    boost::get<mstch::map>(item)["badge"] = mstch::map{
        {"count", text},
        {"label", catalogue.Format(count_key, {{"count", text}})},
    };
  }
  return item;
}

}  // namespace

void AddPageHeaders(http::Response& response) {
  // Bootstrap's CSS draws a few controls with data: SVG images; nothing else leaves 'self'.
  response.AddHeader("Content-Security-Policy",
                     "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                     "script-src 'self'; object-src 'none'; base-uri 'none'; "
                     "form-action 'self'; frame-ancestors 'none'");
  response.AddHeader("X-Content-Type-Options", "nosniff");
  response.AddHeader("X-Frame-Options", "DENY");
  response.AddHeader("Referrer-Policy", "same-origin");
  response.AddHeader("Cache-Control", "no-store");
}

std::string Renderer::RenderHtml(const Page& page, const platform::Actor* actor) const {
  mstch::map context = page.data;
  context["t"] = catalogue_.AsNode();
  context["page_title"] = page.title;
  context["asset_version"] = asset_version_;

  // Only pages that exist, and only those the visitor can open: home and account need a login.
  mstch::array nav;
  if (actor != nullptr) {
    nav.push_back(NavItem(catalogue_, "/", "nav.home", page.nav == NavEntry::kHome));
  }
  // Consultation only on the sent invoices: no deposit link (the platform refuses anyway).
  if (actor != nullptr && platform::MayDepositAny(*actor)) {
    nav.push_back(
        NavItem(catalogue_, "/factures/deposer", "nav.deposit", page.nav == NavEntry::kDeposit));
  }
  if (actor != nullptr && actor->ActsForSupplier()) {
    nav.push_back(NavItem(catalogue_, "/factures/emises", "nav.sent", page.nav == NavEntry::kSent));
    nav.push_back(NavItem(catalogue_, "/flux", "nav.flows", page.nav == NavEntry::kFlows));
  }
  if (actor != nullptr && actor->ActsForPublicEntity()) {
    nav.push_back(
        NavItem(catalogue_, "/factures/recues", "nav.received", page.nav == NavEntry::kReceived));
  }
  if (actor != nullptr && (actor->ActsForSupplier() || actor->ActsForPublicEntity())) {
    nav.push_back(CountedItem(catalogue_, "/factures/a-traiter", "nav.to_process",
                              page.nav == NavEntry::kToProcess, page.to_process,
                              "nav.to_process_count"));
  }
  nav.push_back(
      NavItem(catalogue_, "/annuaire", "nav.directory", page.nav == NavEntry::kDirectory));
  if (actor != nullptr && actor->ManagesAny()) {
    nav.push_back(NavItem(catalogue_, "/gestion", "nav.manager", page.nav == NavEntry::kManager));
    nav.push_back(
        NavItem(catalogue_, "/connexions-api", "nav.api_access", page.nav == NavEntry::kApiAccess));
  }
  if (actor != nullptr && actor->platform_admin) {
    nav.push_back(NavItem(catalogue_, "/support/gestionnaire-principal", "nav.support",
                          page.nav == NavEntry::kSupport));
  }
  if (actor != nullptr) {
    nav.push_back(NavItem(catalogue_, "/compte", "nav.account", page.nav == NavEntry::kAccount));
    // Notifications sit beside the name rather than in the menu, which they would make wrap.
    mstch::node notifications = CountedItem(catalogue_, "/notifications", "nav.notifications",
                                            page.nav == NavEntry::kNotifications,
                                            page.unread_notifications, "nav.notifications_count");
    context["user"] = mstch::map{{"name", actor->display_name},
                                 {"csrf_token", actor->csrf_token},
                                 {"notifications", std::move(notifications)}};
  }
  context["nav"] = std::move(nav);

  std::map<std::string, std::string> partials = Templates();
  partials["content"] = TemplateText(page.template_name);
  return mstch::render(TemplateText("layout"), context, partials);
}

http::Response Renderer::Render(const Page& page, const platform::Actor* actor) const {
  http::Response response = http::Response::Html(RenderHtml(page, actor), page.status);
  AddPageHeaders(response);
  return response;
}

}  // namespace choral::portal
