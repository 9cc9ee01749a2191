#include "portal/csv.h"

#include "portal/invoice_view_models.h"

namespace choral::portal {
namespace {

// "-120,00", "12.5", "7": digits with an optional sign and one decimal mark.
bool IsPlainNumber(std::string_view value) {
  if (!value.empty() && (value.front() == '-' || value.front() == '+')) value.remove_prefix(1);
  bool digits = false;
  bool mark = false;
  for (char c : value) {
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if ((c == ',' || c == '.') && !mark && digits) {
      mark = true;
    } else {
      return false;
    }
  }
  return digits && value.back() != ',' && value.back() != '.';
}

}  // namespace

std::string CsvField(std::string_view value) {
  std::string text;
  if (!value.empty() && !IsPlainNumber(value)) {
    char first = value.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
        first == '\r') {
      text = "'";
    }
  }
  text.append(value);
  if (text.find_first_of(";\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string CsvRow(const std::vector<std::string>& fields) {
  std::string row;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) row += ';';
    row += CsvField(fields[i]);
  }
  return row + "\r\n";
}

std::string CsvAmount(const core::Decimal& amount) {
  std::string text = amount.ToString(2);
  for (char& c : text) {
    if (c == '.') c = ',';
  }
  return text;
}

std::string InvoiceListCsv(const Catalogue& catalogue,
                           const std::vector<platform::InvoiceSummaryView>& invoices) {
  std::string out(kUtf8Bom);
  out +=
      CsvRow({"numéro", "fournisseur", "destinataire", "date", "montant TTC", "devise", "statut"});
  for (const platform::InvoiceSummaryView& view : invoices) {
    const invoice::Invoice& invoice = view.invoice;
    out += CsvRow({invoice.invoice_number, view.supplier_name, view.recipient_name,
                   invoice.issue_date.ToFrench(), CsvAmount(invoice.total_with_vat),
                   invoice.currency, std::string(catalogue.Text(StatusKey(view.visible_status)))});
  }
  return out;
}

}  // namespace choral::portal
