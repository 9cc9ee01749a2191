// Refusal text: the French sentence a person reads when the platform refuses what they asked on
// the managers' pages (a rule of accounts::manager_rules, a missing SIRET, a taken code...).
#pragma once

#include <string>

#include "core/error.h"
#include "portal/catalogue.h"

namespace choral::portal {

// The French sentence for `error`: the rule's own sentence when it is a known one (the
// platform's messages are English and written for logs), else "Action refusée : <message>".
std::string RefusalText(const Catalogue& catalogue, const core::Error& error);

}  // namespace choral::portal
