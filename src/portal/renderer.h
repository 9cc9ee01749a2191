// Renderer: turns a page (a template name and its data) into a complete HTML document inside the
// layout: header, navigation for the actor, footer, and the catalogue's texts as `t`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <mstch/mstch.hpp>

#include "http/request.h"
#include "platform/actor.h"
#include "portal/catalogue.h"

namespace choral::portal {

// The navigation entry a page belongs to; highlights it in the header.
enum class NavEntry {
  kNone,
  kHome,
  kDeposit,
  kSent,
  kReceived,
  kToProcess,
  kDirectory,
  kNotifications,
  kManager,
  kSupport,
  kAccount,
  kApiAccess,
  kFlows
};

struct Page {
  Page(std::string template_name_in, std::string title_in, NavEntry nav_in = NavEntry::kNone,
       mstch::map data_in = {}, int status_in = 200)
      : template_name(std::move(template_name_in)),
        title(std::move(title_in)),
        nav(nav_in),
        data(std::move(data_in)),
        status(status_in) {}

  std::string template_name;  // a file of templates/ without ".mustache"
  std::string title;          // plain text, shown in <title> before " – Choral"
  NavEntry nav = NavEntry::kNone;
  mstch::map data;  // the template's own values; user data are escaped by {{ }}
  int status = 200;
  // Invoices waiting on the actor, shown as a badge on "À traiter"; none hides the badge.
  std::optional<int64_t> to_process;
  // The actor's unread notifications, a badge on "Notifications"; none hides the badge.
  std::optional<int64_t> unread_notifications;
};

// Thread-safe: holds only immutable data.
class Renderer {
 public:
  // `catalogue` must outlive the renderer; `asset_version` goes into the asset links.
  Renderer(const Catalogue& catalogue, std::string asset_version)
      : catalogue_(catalogue), asset_version_(std::move(asset_version)) {}

  // The page inside the layout. `actor` is null for a visitor who is not logged in. The result
  // carries the page's status, no-store caching and the portal's security headers.
  http::Response Render(const Page& page, const platform::Actor* actor) const;

  // The HTML alone, for tests.
  std::string RenderHtml(const Page& page, const platform::Actor* actor) const;

  const Catalogue& catalogue() const { return catalogue_; }

 private:
  const Catalogue& catalogue_;
  std::string asset_version_;
};

// Headers every portal page carries: a Content-Security-Policy allowing only this origin's
// scripts and styles, no framing, no MIME sniffing, no referrer outside the site, no caching of
// pages that show personal data.
void AddPageHeaders(http::Response& response);

}  // namespace choral::portal
