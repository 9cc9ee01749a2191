// CSV for French spreadsheets: ';' between fields, CRLF line ends, UTF-8 with a byte order mark
// (so Excel reads the accents), RFC 4180 quoting, and a guard against formula injection.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/invoice_processing.h"
#include "portal/catalogue.h"

namespace choral::portal {

// The UTF-8 byte order mark a CSV file starts with.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One field: a text starting with = + - @, a tab or a carriage return gets a leading apostrophe
// (a spreadsheet would run it as a formula: CSV injection), unless it is a plain number such as
// "-120,00" or "12.5"; then the field is quoted ("" for a quote) when it holds ';', '"', CR or LF.
std::string CsvField(std::string_view value);

// The fields joined by ';', ended by CRLF.
std::string CsvRow(const std::vector<std::string>& fields);

// "-1234,5" from a decimal: no thousands separator, a decimal comma.
std::string CsvAmount(const core::Decimal& amount);

// An invoice list as the CSV export gives it: the BOM, the header row (numéro;fournisseur;
// destinataire;date;montant TTC;devise;statut) and one row per invoice, the status in French as
// the actor may see it.
std::string InvoiceListCsv(const Catalogue& catalogue,
                           const std::vector<platform::InvoiceSummaryView>& invoices);

}  // namespace choral::portal
