// InvoiceAccess: what one attachment lets its person do with invoices: the services a simple
// user is limited to and the rights on the sent / received invoices spaces (FUNCTIONAL.md §3.2).
// The rule lives here and only here; the use cases and the portal ask these functions.
//
// The rule:
// - Service limits: a simple user (utilisateur simple) of a public structure whose attachment is
//   limited to services S sees only that structure's received invoices whose service code is in S
//   (ASCII case ignored). An invoice without a service code is visible only to unrestricted
//   people. An empty S means the whole structure. Managers are never limited.
// - Space rights: Chorus Pro gives rights per space. An attachment with NO grant recorded at all
//   keeps full rights (MODIFICATION on both spaces), so that accounts created before grants
//   existed keep working. Once a manager records a grant on one space, a space left without a
//   grant is not open to that person at all (its invoices are not found). Managers always have
//   MODIFICATION.
// - CONSULTATION_UNIQUEMENT lets a person list, view and download (PDF, attachments);
//   MODIFICATION also lets them move a status, complete, acknowledge and deposit. A refusal is
//   kPermissionDenied naming the right.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/space_access.h"
#include "core/result.h"
#include "invoice/invoice.h"
#include "invoice/lifecycle.h"
#include "platform/actor.h"
#include "store/membership_scope_repository.h"

namespace choral::platform {

// Sets `structure.scope` (service limits, space rights) from what its managers recorded on the
// attachment (`service_codes`: the codes of the services it is limited to). Reads
// `structure.role`: managers keep full rights whatever was recorded.
void ApplyScope(ActorStructure& structure, std::vector<std::string> service_codes,
                const std::vector<store::SpaceGrant>& grants);

// The access `structure` gives on `space`; nullopt when the space is not open to the person.
std::optional<accounts::SpaceAccess> AccessOn(const ActorStructure& structure,
                                              accounts::Space space);

// The space a side works in: the supplier's sent invoices, the recipient's received ones.
accounts::Space SpaceOf(invoice::Side side);

// Whether the person sees, through `structure`, invoices of the service `service_code`.
bool CoversService(const ActorStructure& structure, std::string_view service_code);

// The side the actor is on for `invoice`, if they may see it at all (their structure, a space
// open to them, their services). A person in both structures acts as the recipient when they
// see it as such: the recipient's moves are the ones with consequences.
std::optional<invoice::Side> VisibleSideOf(const Actor& actor, const invoice::Invoice& invoice);

// Ok when the actor may change `invoice` from `side` (move, complete, acknowledge);
// kPermissionDenied naming the right otherwise. REQUIRES: VisibleSideOf(actor, invoice) == side.
core::Status RequireModification(const Actor& actor, const invoice::Invoice& invoice,
                                 invoice::Side side);

// Whether the actor may deposit for the supplier structure `supplier`: attached to it, private,
// MODIFICATION on the sent invoices.
core::Status RequireDepositRight(const Actor& actor, core::StructureId supplier);

// Whether the actor may deposit for at least one structure (the portal shows the deposit link).
bool MayDepositAny(const Actor& actor);

}  // namespace choral::platform
