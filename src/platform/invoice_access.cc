#include "platform/invoice_access.h"

#include <algorithm>
#include <cctype>

namespace choral::platform {
namespace {

bool SameCode(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// A space as a refusal names it: the portal translates refusals (refusal_text), logs keep these.
std::string SpaceName(accounts::Space space) {
  return space == accounts::Space::kSentInvoices ? "sent invoices (FACTURES_EMISES)"
                                                 : "received invoices (FACTURES_RECUES)";
}

tl::unexpected<core::Error> ConsultationOnly(accounts::Space space) {
  return core::Fail(core::ErrorCode::kPermissionDenied,
                    "your right on the " + SpaceName(space) +
                        " space is CONSULTATION_UNIQUEMENT: you may view these invoices, not "
                        "change them (a manager grants MODIFICATION)");
}

}  // namespace

void ApplyScope(ActorStructure& structure, std::vector<std::string> service_codes,
                const std::vector<store::SpaceGrant>& grants) {
  structure.scope.service_codes.clear();
  structure.scope.sent_invoices = accounts::SpaceAccess::kModification;
  structure.scope.received_invoices = accounts::SpaceAccess::kModification;
  if (accounts::IsManager(structure.role)) return;
  // Services belong to public structures: a limit elsewhere has nothing to filter.
  if (structure.kind == directory::StructureKind::kPublic) {
    structure.scope.service_codes = std::move(service_codes);
  }
  // No grant recorded: full rights, so accounts made before grants existed keep working.
  if (grants.empty()) return;
  structure.scope.sent_invoices.reset();
  structure.scope.received_invoices.reset();
  for (const store::SpaceGrant& grant : grants) {
    if (grant.space == accounts::Space::kSentInvoices) structure.scope.sent_invoices = grant.access;
    if (grant.space == accounts::Space::kReceivedInvoices) {
      structure.scope.received_invoices = grant.access;
    }
  }
}

std::optional<accounts::SpaceAccess> AccessOn(const ActorStructure& structure,
                                              accounts::Space space) {
  return space == accounts::Space::kSentInvoices ? structure.scope.sent_invoices
                                                 : structure.scope.received_invoices;
}

accounts::Space SpaceOf(invoice::Side side) {
  return side == invoice::Side::kRecipient ? accounts::Space::kReceivedInvoices
                                           : accounts::Space::kSentInvoices;
}

bool CoversService(const ActorStructure& structure, std::string_view service_code) {
  if (structure.scope.service_codes.empty()) return true;
  // A limited person never sees an invoice without a service code: no code matches "".
  return std::any_of(structure.scope.service_codes.begin(), structure.scope.service_codes.end(),
                     [&](const std::string& code) { return SameCode(code, service_code); });
}

std::optional<invoice::Side> VisibleSideOf(const Actor& actor, const invoice::Invoice& invoice) {
  const ActorStructure* recipient = actor.On(invoice.recipient_id);
  if (recipient != nullptr && AccessOn(*recipient, accounts::Space::kReceivedInvoices) &&
      CoversService(*recipient, invoice.service_code)) {
    return invoice::Side::kRecipient;
  }
  const ActorStructure* supplier = actor.On(invoice.supplier_id);
  if (supplier != nullptr && AccessOn(*supplier, accounts::Space::kSentInvoices)) {
    return invoice::Side::kSupplier;
  }
  return std::nullopt;
}

core::Status RequireModification(const Actor& actor, const invoice::Invoice& invoice,
                                 invoice::Side side) {
  const ActorStructure* structure =
      actor.On(side == invoice::Side::kRecipient ? invoice.recipient_id : invoice.supplier_id);
  const accounts::Space space = SpaceOf(side);
  if (structure == nullptr || AccessOn(*structure, space) != accounts::SpaceAccess::kModification) {
    return ConsultationOnly(space);
  }
  return core::Ok();
}

core::Status RequireDepositRight(const Actor& actor, core::StructureId supplier) {
  const ActorStructure* structure = actor.On(supplier);
  if (structure == nullptr || structure->kind != directory::StructureKind::kPrivate ||
      !AccessOn(*structure, accounts::Space::kSentInvoices)) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "you do not act for the supplier structure that would deposit this invoice");
  }
  if (structure->scope.sent_invoices != accounts::SpaceAccess::kModification) {
    return ConsultationOnly(accounts::Space::kSentInvoices);
  }
  return core::Ok();
}

bool MayDepositAny(const Actor& actor) {
  return std::any_of(actor.structures.begin(), actor.structures.end(),
                     [&](const ActorStructure& s) { return RequireDepositRight(actor, s.id); });
}

}  // namespace choral::platform
