// InvoiceSummary: the key fields of a structured invoice (CII — Factur-X / ZUGFeRD 1 and 2 — or
// UBL), enough to pre-fill a deposit and to compare with what the PDF page shows. The full EN
// 16931 model comes with the structured-flows work.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace choral::formats {

// Every field is optional: absent from the XML means absent here. Normalised as the extract
// contract says: SIRET/SIREN digits, ISO dates, amounts with two decimals and negative for
// credit notes, VAT and IBAN upper case without spaces.
struct InvoiceSummary {
  std::string syntax;  // "CII" (Factur-X, ZUGFeRD 2), "CII-D16A" (ZUGFeRD 1), "UBL"
  std::optional<std::string> invoice_number;      // BT-1
  std::optional<std::string> issue_date;          // BT-2
  std::optional<std::string> due_date;            // BT-9
  std::optional<std::string> document_type;       // BT-3: "invoice" or "credit_note"
  std::optional<std::string> seller_name;         // BT-27
  std::optional<std::string> seller_siret;        // BT-29/BT-30 when 14 digits
  std::optional<std::string> seller_siren;        // BT-30 when 9 digits, or the SIRET's first 9
  std::optional<std::string> seller_vat;          // BT-31
  std::optional<std::string> buyer_name;          // BT-44
  std::optional<std::string> buyer_siret;         // BT-46/BT-47 when 14 digits
  std::optional<std::string> buyer_siren;         // BT-47 when 9 digits, or the SIRET's first 9
  std::optional<std::string> buyer_vat;           // BT-48
  std::optional<std::string> buyer_reference;     // BT-10
  std::optional<std::string> order_reference;     // BT-13
  std::optional<std::string> contract_reference;  // BT-12
  std::optional<std::string> currency;            // BT-5
  std::optional<std::string> total_without_vat;   // BT-109
  std::optional<std::string> total_vat;           // BT-110
  std::optional<std::string> total_with_vat;      // BT-112
  std::optional<std::string> amount_due;          // BT-115
  std::optional<std::string> iban;                // BT-84
};

// Reads the summary of a CII or UBL document. No DTD is processed and no entity is expanded
// (XML external entities cannot reach the file system or the network). kInvalidArgument when
// larger than `max_bytes`; kMalformedInput "line:column" for XML that does not parse;
// kUnsupported naming the root element when it is neither CII nor UBL.
core::Result<InvoiceSummary> ReadInvoiceSummary(std::string_view xml,
                                                size_t max_bytes = 20 * 1024 * 1024);

}  // namespace choral::formats
