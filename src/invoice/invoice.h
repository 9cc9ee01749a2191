// Invoice: a payment request deposited by a supplier for a public recipient, as the platform
// keeps it (the routing data and totals; the full EN 16931 model comes with structured flows).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/date.h"
#include "core/decimal.h"
#include "core/ids.h"
#include "invoice/status.h"

namespace choral::invoice {

enum class DocumentType { kInvoice, kCreditNote };  // FACTURE / AVOIR (BT-3 380 / 381)

std::string_view DocumentTypeCode(DocumentType type);  // "FACTURE" / "AVOIR"
std::optional<DocumentType> ParseDocumentTypeCode(std::string_view code);

// The billing frameworks (cadres de facturation) a simple deposit may use (FUNCTIONAL.md §6).
inline constexpr std::string_view kDefaultFramework = "A1_FACTURE_FOURNISSEUR";
bool IsDepositFramework(std::string_view code);  // A1, A2, A9, A12

struct Invoice {
  core::InvoiceId id;
  core::StructureId supplier_id;   // who deposited it
  core::StructureId recipient_id;  // the public structure it is addressed to
  std::string service_code;        // BT-10, may be empty
  std::string engagement_number;   // BT-13 (numéro d'engagement), may be empty
  std::string invoice_number;      // BT-1, unique per supplier
  core::Date issue_date = *core::Date::FromYmd(2000, 1, 1);  // BT-2
  DocumentType type = DocumentType::kInvoice;
  std::string framework = std::string(kDefaultFramework);
  std::string currency = "EUR";     // BT-5, ISO 4217
  core::Decimal total_without_vat;  // BT-109
  core::Decimal total_vat;          // BT-110
  core::Decimal total_with_vat;     // BT-112
  core::Decimal amount_due;         // BT-115
  std::string pdf_sha256;           // the deposited PDF in the BlobStore
  InvoiceStatus status = InvoiceStatus::kDeposited;
  core::Timestamp deposited_at{};
  core::UserId deposited_by;
  int64_t version = 0;  // bumped by every status change: two users acting at once, one wins

  friend bool operator==(const Invoice&, const Invoice&) = default;
};

// One line of an invoice's history: a status change, or an action that changes no status
// (ACQUITTEMENT_REJET, TELECHARGEMENT_FACTURE...), with who, when and the comment.
struct HistoryEntry {
  int64_t id = 0;
  core::InvoiceId invoice_id;
  std::optional<InvoiceStatus> status;  // the status reached; none for a plain action
  std::string action;                   // "STATUS_CHANGE" or the action's code
  std::string actor;                    // "user:12" or "system"
  core::Timestamp at{};
  std::string comment;  // the reason, the mandate number, a remark

  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

}  // namespace choral::invoice
