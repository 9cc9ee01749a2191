// "Donnez votre avis" (pages.h): the small form under a deposit receipt.

#include "http/form.h"
#include "portal/page_params.h"
#include "portal/pages.h"

namespace choral::portal {

http::Response Pages::GiveFeedback(const http::Request& request) {
  auto posted = ReadPostedForm(request, "feedback");
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  // Back to the receipt the form was on (an invoice id, nothing else), or home.
  std::string back = "/";
  if (auto invoice_id = ParsePositive(form.Get("facture"))) {
    back = "/factures/" + std::to_string(*invoice_id) + "/accuse-de-depot";
  }
  std::string rating_text(form.Get("note"));
  int rating = 0;
  if (rating_text.size() == 1 && rating_text[0] >= '1' && rating_text[0] <= '5') {
    rating = rating_text[0] - '0';
  }
  auto given =
      platform_.feedback().Give(who, rating, std::string(form.Get("commentaire")), "deposit");
  if (!given && given.error().code != core::ErrorCode::kInvalidArgument) {
    return ErrorPage(given.error(), request, &who);
  }
  if (back == "/") return http::Response::Redirect(back);
  return http::Response::Redirect(back + (given ? "?avis=merci" : "?avis=erreur"));
}

}  // namespace choral::portal
