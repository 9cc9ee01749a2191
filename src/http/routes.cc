#include "http/routes.h"

namespace choral::http {

void Routes::Add(std::string method, std::string pattern, Handler handler, Dispatch dispatch) {
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler), dispatch});
}

}  // namespace choral::http
