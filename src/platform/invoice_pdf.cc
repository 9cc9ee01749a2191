// InvoiceProcessing::Pdf: the deposited file (PDF, or a flow's XML), and the record of a
// recipient's download.
#include <nlohmann/json.hpp>

#include "platform/invoice_access.h"
#include "platform/invoice_processing.h"

namespace choral::platform {
namespace {

// "facture-F 2026/01.pdf" would break a header or a file system: anything outside
// [A-Za-z0-9._-] becomes '_'.
std::string FileName(std::string_view number, std::string_view extension) {
  std::string out = "facture-";
  for (char c : number) {
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '_' || c == '-';
    out += plain ? c : '_';
  }
  return out + std::string(extension);
}

core::Error NotFound(core::InvoiceId id) {
  return core::Error{core::ErrorCode::kNotFound,
                     "invoice " + std::to_string(id.value()) + " does not exist"};
}

}  // namespace

core::Result<InvoicePdf> InvoiceProcessing::Pdf(const Actor& actor, core::InvoiceId id) const {
  std::optional<invoice::Invoice> found;
  bool recipient = false;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto invoice = tx.invoices().Get(id);
    if (!invoice) return core::Fail(invoice.error());
    // The same sides as View (invoice_access.h): consultation is enough to download.
    auto side = VisibleSideOf(actor, *invoice);
    if (!side) return core::Fail(NotFound(id));
    recipient = *side == invoice::Side::kRecipient;
    found = std::move(*invoice);
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  auto bytes = store_.blobs().Get(found->pdf_sha256);
  if (!bytes) return core::Fail(bytes.error());
  if (recipient) {
    const std::string actor_name = "user:" + std::to_string(actor.user_id.value());
    const core::Timestamp now = clock_.Now();
    auto recorded = store_.Write([&](store::Transaction& tx) -> core::Status {
      invoice::HistoryEntry entry;
      entry.invoice_id = id;
      entry.action = "TELECHARGEMENT_FACTURE";
      entry.actor = actor_name;
      entry.at = now;
      auto appended = tx.invoices().AppendHistory(entry);
      if (!appended) return core::Fail(appended.error());
      nlohmann::json details = {{"invoice_number", found->invoice_number},
                                {"pdf_sha256", found->pdf_sha256}};
      auto event = tx.audit().Append(actor_name, "invoice.downloaded",
                                     "invoice:" + std::to_string(id.value()), details.dump());
      if (!event) return core::Fail(event.error());
      return core::Ok();
    });
    if (!recorded) return core::Fail(recorded.error());
  }
  // A PDF deposit, a Factur-X flow: the PDF. A UBL or CII flow: the XML deposited.
  const bool pdf = bytes->starts_with("%PDF-");
  std::string file_name = FileName(found->invoice_number, pdf ? ".pdf" : ".xml");
  return InvoicePdf{std::move(*bytes), std::move(file_name),
                    pdf ? "application/pdf" : "application/xml"};
}

}  // namespace choral::platform
