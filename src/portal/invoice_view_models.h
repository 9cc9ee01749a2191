// Invoice view models: pure functions turning deposits, invoice lists and invoice pages into the
// values the templates show, in the catalogue's words. No I/O; tested without a database.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

// Invoices, statuses, findings and recognitions come through platform's headers (DESIGN.md's
// arrows: portal names platform's types, never the lower modules directly).
#include "platform/actor.h"
#include "platform/deposit.h"
#include "platform/invoice_processing.h"
#include "platform/public_directory.h"
#include "portal/catalogue.h"

namespace choral::portal {

// "status.MISE_EN_PAIEMENT": the status's French name.
std::string StatusKey(invoice::InvoiceStatus status);
// "move.SUSPENDUE": the button that moves an invoice to the status ("Suspendre").
std::string MoveKey(invoice::InvoiceStatus status);
// The moves whose comment is a required reason: SUSPENDUE, REJETEE, A_RECYCLER.
bool MoveNeedsReason(invoice::InvoiceStatus status);

// "1 234,56 €" for EUR, "1 234,56 USD" otherwise.
std::string FormatAmount(const core::Decimal& amount, std::string_view currency);
// "26/11/2026 23:52": Paris time, as French users read a clock (the labels say "heure de Paris").
std::string FormatTimestamp(core::Timestamp at);

// The invoice page's values: data, history, one small form per possible move.
mstch::map InvoiceData(const Catalogue& catalogue, const platform::Actor& actor,
                       const platform::InvoiceView& view);

// The Content-Disposition of a downloaded attachment: `attachment`, an ASCII filename (anything
// outside letters, digits, space, dot, dash and underscore becomes '_') and the exact UTF-8 name
// as filename* (RFC 6266 / 5987), so no name can break out of the header.
std::string AttachmentDisposition(std::string_view file_name);

// "850 o", "12,3 Ko", "4,1 Mo".
std::string FormatSize(int64_t bytes);

// The deposit receipt's values.
mstch::map ReceiptData(const platform::InvoiceView& view);

}  // namespace choral::portal
