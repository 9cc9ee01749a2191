#include "recognize/recognition.h"

#include <array>
#include <utility>

namespace choral::recognize {
namespace {

constexpr std::array<std::pair<Field, std::string_view>, 21> kNames = {{
    {Field::kInvoiceNumber, "invoice_number"},
    {Field::kIssueDate, "issue_date"},
    {Field::kDueDate, "due_date"},
    {Field::kDocumentType, "document_type"},
    {Field::kSellerName, "seller_name"},
    {Field::kSellerSiret, "seller_siret"},
    {Field::kSellerSiren, "seller_siren"},
    {Field::kSellerVat, "seller_vat"},
    {Field::kBuyerName, "buyer_name"},
    {Field::kBuyerSiret, "buyer_siret"},
    {Field::kBuyerSiren, "buyer_siren"},
    {Field::kBuyerVat, "buyer_vat"},
    {Field::kBuyerReference, "buyer_reference"},
    {Field::kOrderReference, "order_reference"},
    {Field::kContractReference, "contract_reference"},
    {Field::kCurrency, "currency"},
    {Field::kTotalWithoutVat, "total_without_vat"},
    {Field::kTotalVat, "total_vat"},
    {Field::kTotalWithVat, "total_with_vat"},
    {Field::kAmountDue, "amount_due"},
    {Field::kIban, "iban"},
}};

}  // namespace

std::string_view FieldName(Field field) {
  for (const auto& [f, name] : kNames) {
    if (f == field) return name;
  }
  return "unknown";
}

std::optional<Field> ParseFieldName(std::string_view name) {
  for (const auto& [f, n] : kNames) {
    if (n == name) return f;
  }
  return std::nullopt;
}

const std::vector<Field>& AllFields() {
  static const std::vector<Field> fields = [] {
    std::vector<Field> all;
    for (const auto& entry : kNames) all.push_back(entry.first);
    return all;
  }();
  return fields;
}

}  // namespace choral::recognize
