// Recognition: the invoice fields found on a PDF's pages, each with how sure we are and where
// on the page it was read. A field not found is absent: never a guess.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pdf/text.h"

namespace choral::recognize {

enum class Field {
  kInvoiceNumber,      // BT-1
  kIssueDate,          // BT-2
  kDueDate,            // BT-9
  kDocumentType,       // BT-3: "invoice" or "credit_note"
  kSellerName,         // BT-27
  kSellerSiret,        // BT-29 (scheme 0009)
  kSellerSiren,        // BT-30 (scheme 0002)
  kSellerVat,          // BT-31
  kBuyerName,          // BT-44
  kBuyerSiret,         // BT-46
  kBuyerSiren,         // BT-47
  kBuyerVat,           // BT-48
  kBuyerReference,     // BT-10: the recipient's service code
  kOrderReference,     // BT-13: engagement number / purchase order
  kContractReference,  // BT-12: numéro de marché
  kCurrency,           // BT-5
  kTotalWithoutVat,    // BT-109
  kTotalVat,           // BT-110
  kTotalWithVat,       // BT-112
  kAmountDue,          // BT-115
  kIban,               // BT-84
};

// snake_case names of the extract contract: "invoice_number", ..., "iban".
std::string_view FieldName(Field field);
std::optional<Field> ParseFieldName(std::string_view name);
// Every field, in the order above.
const std::vector<Field>& AllFields();

struct FoundValue {
  // Normalised: SIRET/SIREN digits only; dates YYYY-MM-DD; amounts with two decimals, negative
  // for credit notes ("-233.47"); currency ISO 4217; VAT and IBAN without spaces, upper case.
  std::string value;
  double confidence = 0;  // in [0, 1]
  int page = 1;           // 1-based
  pdf::Box box;           // where the value was read
  std::string anchor;     // the keyword text that announced it, "" when found without one
};

struct Recognition {
  std::map<Field, FoundValue> fields;  // absent: not found

  const FoundValue* Find(Field field) const {
    auto it = fields.find(field);
    return it == fields.end() ? nullptr : &it->second;
  }
};

}  // namespace choral::recognize
