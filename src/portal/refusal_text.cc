#include "portal/refusal_text.h"

#include <array>
#include <string_view>

namespace choral::portal {
namespace {

struct KnownRefusal {
  std::string_view fragment;  // a part of the platform's message that names the rule
  std::string_view key;       // its French sentence in the catalogue
};

// First match wins: the more precise fragments come first.
constexpr std::array kKnown = {
    KnownRefusal{"a refusal needs a comment", "refusal.comment_required"},
    KnownRefusal{"successor is not attached", "refusal.successor_not_attached"},
    KnownRefusal{"successor's attachment is not validated", "refusal.successor_pending"},
    KnownRefusal{"successor's account is not active", "refusal.successor_inactive"},
    KnownRefusal{"someone else than the main manager", "refusal.successor_self"},
    KnownRefusal{"has the SIRET", "refusal.structure_unknown"},
    KnownRefusal{"SIRET", "refusal.siret_invalid"},
    KnownRefusal{"does not exist in", "refusal.service_unknown"},
    KnownRefusal{"already has a service with code", "refusal.service_code_taken"},
    KnownRefusal{"service code", "refusal.service_code_invalid"},
    KnownRefusal{"name must not be empty", "refusal.service_name_required"},
    KnownRefusal{"is after valid_to", "refusal.service_dates"},
    KnownRefusal{"already attached", "refusal.already_attached"},
    KnownRefusal{"no active account has the login", "refusal.login_unknown"},
    KnownRefusal{"this decision does not apply", "refusal.state"},
    KnownRefusal{"must hand the role over", "refusal.main_manager_stays"},
    KnownRefusal{"certificate must be", "refusal.certificate"},
    KnownRefusal{"attachment '", "refusal.certificate"},
    KnownRefusal{"only public structures have services", "refusal.private_structure"},
};

}  // namespace

std::string RefusalText(const Catalogue& catalogue, const core::Error& error) {
  for (const KnownRefusal& known : kKnown) {
    if (error.message.find(known.fragment) != std::string::npos) {
      return std::string(catalogue.Text(known.key));
    }
  }
  return catalogue.Format("manager.refused", {{"reason", error.message}});
}

}  // namespace choral::portal
