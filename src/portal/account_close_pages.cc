// "Fermer mon compte" (pages.h): a person deactivates their own account after a confirmation
// step; their session ends with it.
#include "http/form.h"
#include "portal/pages.h"
#include "portal/renderer.h"

namespace choral::portal {

http::Response Pages::AccountClosePage(const platform::Actor& who, bool missing_confirmation,
                                       int status) const {
  const Catalogue& catalogue = renderer_.catalogue();
  mstch::map data{{"csrf_token", who.csrf_token},
                  {"account_email", who.email},
                  {"missing_confirmation", missing_confirmation}};
  Page page{"account_close", std::string(catalogue.Text("account_close.title")), NavEntry::kAccount,
            std::move(data), status};
  return Render(std::move(page), who);
}

http::Response Pages::AccountCloseForm(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  return AccountClosePage(**actor, false, 200);
}

http::Response Pages::CloseAccount(const http::Request& request) {
  auto posted = ReadPostedForm(request, "account closing");
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  // Closing cannot be undone by the person: the box must be ticked, not just the button pressed.
  if (form.Get("confirmation") != "oui") return AccountClosePage(who, true, 422);
  auto closed = platform_.main_manager().DeactivateAccount(who, who.user_id);
  if (!closed) return ErrorPage(closed.error(), request, &who);
  // The account is inactive: its sessions no longer authenticate. This one is removed too, and
  // the browser forgets it.
  (void)platform_.authentication().Logout(request.Cookie(kSessionCookie).value_or(""));
  http::Response to_login = http::Response::Redirect("/login?info=compte-ferme");
  to_login.AddHeader("Set-Cookie", Cookie(kSessionCookie, "", request, 0));
  AddPageHeaders(to_login);
  return to_login;
}

}  // namespace choral::portal
