// Mail templates: the French subject and plain-text body of each e-mail the platform queues in
// the outbox, by template key, filled from the message's JSON parameters. One table for every
// key; the dispatcher renders from it when it sends, the portal's notifications page too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "invoice/status.h"

namespace choral::platform {

inline constexpr std::string_view kMailInvoiceDeposited = "mail.invoice_deposited";
inline constexpr std::string_view kMailInvoiceStatus = "mail.invoice_status";
// To the managers of a structure: a technical account's password expires soon.
inline constexpr std::string_view kMailTechnicalPasswordExpiring =
    "mail.technical_password_expiring";
inline constexpr std::string_view kMailAttachmentRequested = "mail.attachment_requested";
inline constexpr std::string_view kMailAttachmentValidated = "mail.attachment_validated";
inline constexpr std::string_view kMailAttachmentRefused = "mail.attachment_refused";
inline constexpr std::string_view kMailAttachmentChanged = "mail.attachment_changed";
inline constexpr std::string_view kMailMainManagerHandedOver = "mail.main_manager_handed_over";
inline constexpr std::string_view kMailMainManagerAssigned = "mail.main_manager_assigned";
inline constexpr std::string_view kMailAccountActivation = "mail.account_activation";
inline constexpr std::string_view kMailAccountExists = "mail.account_exists";
inline constexpr std::string_view kMailPasswordReset = "mail.password_reset";

struct MailText {
  std::string subject;  // one line
  std::string body;     // lines ending in "\n"
};

// Renders `template_key`. `params` is the JSON object NotifyStructure was given; besides its
// values, a template may name {invoice_url} (`public_url` + "/factures/" + invoice_id),
// {status_label} (the French name of `status`), {activation_url} (`public_url` +
// "/activation?jeton=" + activation_token), {reset_url} (`public_url` +
// "/mot-de-passe/nouveau?jeton=" + reset_token), {login_url}, {forgot_url} and {amount}
// (total_with_vat in French notation with its currency). Line breaks in values become spaces in the
// subject. kNotFound "no mail template <key>" for an unknown key; kInvalidArgument naming the
// parameter when one the template names is missing, or when `params` is not an object.
core::Result<MailText> RenderMail(std::string_view template_key, const nlohmann::json& params,
                                  std::string_view public_url);

// Every key of the table.
std::vector<std::string_view> MailTemplateKeys();

// French name of a status, as the portal shows it ("Suspendue", "Mise en paiement").
std::string_view StatusLabel(invoice::InvoiceStatus status);

}  // namespace choral::platform
