#include "platform/invoice_intake.h"

#include "invoice/lifecycle.h"
#include "platform/mail_templates.h"
#include "platform/notifications.h"

namespace choral::platform {
namespace {

using invoice::InvoiceStatus;

// The deposit's routing, as the state machine has it: the system moves a deposited invoice on
// to the recipient's space (FUNCTIONAL.md §5.1).
constexpr InvoiceStatus kRoutingPath[] = {InvoiceStatus::kDeposited, InvoiceStatus::kRouting,
                                          InvoiceStatus::kAvailable};

}  // namespace

void DepositLookup::FillContext(rules::DepositContext& context) const {
  context.supplier = supplier ? &*supplier : nullptr;
  context.recipient = recipient ? &*recipient : nullptr;
  context.service = service ? &*service : nullptr;
  context.service_code_unknown = service_code_unknown;
  context.invoice_number_taken = invoice_number_taken;
}

core::Result<DepositLookup> LookUpDeposit(store::Transaction& tx, core::StructureId supplier,
                                          std::string_view recipient_siret,
                                          std::string_view service_code,
                                          std::string_view invoice_number) {
  DepositLookup out;
  auto s = tx.structures().Get(supplier);
  if (!s) return core::Fail(s.error());
  out.supplier = std::move(*s);
  if (!recipient_siret.empty()) {
    auto r = tx.structures().FindByIdentifier(directory::IdentifierType::kSiret, recipient_siret);
    if (!r) return core::Fail(r.error());
    out.recipient = std::move(*r);
  }
  if (out.recipient && !service_code.empty()) {
    auto found = tx.services().FindByCode(out.recipient->id, service_code);
    if (!found) return core::Fail(found.error());
    out.service = std::move(*found);
    out.service_code_unknown = !out.service.has_value();
  }
  auto taken = tx.invoices().NumberTaken(supplier, invoice_number);
  if (!taken) return core::Fail(taken.error());
  out.invoice_number_taken = *taken;
  return out;
}

core::Result<core::InvoiceId> RecordDeposit(store::Transaction& tx, const invoice::Invoice& draft,
                                            std::string_view actor_name,
                                            std::string_view supplier_name, core::Timestamp now,
                                            const nlohmann::json& audit_details) {
  invoice::Invoice stored = draft;
  stored.status = InvoiceStatus::kAvailable;
  auto id = tx.invoices().Insert(stored);
  if (!id) return core::Fail(id.error());
  for (size_t i = 0; i < std::size(kRoutingPath); ++i) {
    if (i > 0) {
      auto allowed =
          invoice::CheckMove(kRoutingPath[i - 1], kRoutingPath[i], invoice::Side::kSystem, "");
      if (!allowed) return core::Fail(allowed.error());
    }
    invoice::HistoryEntry entry;
    entry.invoice_id = *id;
    entry.status = kRoutingPath[i];
    entry.action = "STATUS_CHANGE";
    entry.actor = i == 0 ? std::string(actor_name) : "system";
    entry.at = now;
    auto appended = tx.invoices().AppendHistory(entry);
    if (!appended) return core::Fail(appended.error());
  }
  nlohmann::json details = {{"invoice_number", stored.invoice_number},
                            {"supplier", stored.supplier_id.value()},
                            {"recipient", stored.recipient_id.value()},
                            {"total_with_vat", stored.total_with_vat.ToString(2)},
                            {"pdf_sha256", stored.pdf_sha256}};
  if (audit_details.is_object()) details.update(audit_details);
  auto event = tx.audit().Append(std::string(actor_name), "invoice.deposited",
                                 "invoice:" + std::to_string(id->value()), details.dump());
  if (!event) return core::Fail(event.error());
  // FUNCTIONAL.md §5.1: the recipient is e-mailed when an invoice is deposited for it.
  auto notified = NotifyStructure(tx, stored.recipient_id, kMailInvoiceDeposited,
                                  {{"invoice_id", id->value()},
                                   {"invoice_number", stored.invoice_number},
                                   {"supplier", supplier_name},
                                   {"total_with_vat", stored.total_with_vat.ToString(2)},
                                   {"currency", stored.currency}},
                                  now);
  if (!notified) return core::Fail(notified.error());
  return *id;
}

}  // namespace choral::platform
