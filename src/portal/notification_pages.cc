// "Notifications" (pages.h): the e-mails Choral sent the logged-in person, newest first.
#include "portal/invoice_view_models.h"
#include "portal/pages.h"

namespace choral::portal {

http::Response Pages::Notifications(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  auto list = platform_.notifications().Open(who);
  if (!list) return ErrorPage(list.error(), request, &who);

  const Catalogue& catalogue = renderer_.catalogue();
  mstch::array items;
  for (const platform::Notification& n : list->items) {
    mstch::map item{{"subject", n.subject}, {"when", FormatTimestamp(n.at)}, {"unread", n.unread}};
    if (n.invoice_id) {
      item["href"] = "/factures/" + std::to_string(n.invoice_id->value());
    }
    items.push_back(std::move(item));
  }
  std::string unread = std::to_string(list->unread);
  mstch::map data{
      {"items", std::move(items)},
      {"has_items", !list->items.empty()},
      {"unread_text", list->unread == 0 ? std::string(catalogue.Text("notifications.none_unread"))
                      : list->unread == 1
                          ? std::string(catalogue.Text("notifications.one_unread"))
                          : catalogue.Format("notifications.many_unread", {{"count", unread}})},
  };
  Page page{"notifications", std::string(catalogue.Text("notifications.title")),
            NavEntry::kNotifications, std::move(data)};
  return Render(std::move(page), who);
}

}  // namespace choral::portal
