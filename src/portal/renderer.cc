#include "portal/renderer.h"

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
  nav.push_back(
      NavItem(catalogue_, "/annuaire", "nav.directory", page.nav == NavEntry::kDirectory));
  if (actor != nullptr) {
    nav.push_back(NavItem(catalogue_, "/compte", "nav.account", page.nav == NavEntry::kAccount));
    context["user"] = mstch::map{{"name", actor->display_name}, {"csrf_token", actor->csrf_token}};
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
