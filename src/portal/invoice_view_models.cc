#include "portal/invoice_view_models.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>

#include "core/paris_time.h"
#include "core/siret.h"
#include "portal/view_models.h"

namespace choral::portal {
namespace {

using invoice::InvoiceStatus;

std::string DateText(const core::Date& date) { return date.ToFrench(); }

std::string TextOr(const Catalogue& catalogue, const std::string& key, std::string fallback) {
  return catalogue.Has(key) ? std::string(catalogue.Text(key)) : std::move(fallback);
}

}  // namespace

std::string StatusKey(InvoiceStatus status) {
  return "status." + std::string(invoice::StatusCode(status));
}

std::string MoveKey(InvoiceStatus status) {
  return "move." + std::string(invoice::StatusCode(status));
}

bool MoveNeedsReason(InvoiceStatus status) {
  return status == InvoiceStatus::kSuspended || status == InvoiceStatus::kRejected ||
         status == InvoiceStatus::kToRecycle;
}

std::string FormatAmount(const core::Decimal& amount, std::string_view currency) {
  std::string text = amount.ToFrench();
  if (currency == "EUR") return text + "\u00a0€";
  return text + "\u00a0" + std::string(currency);
}

std::string FormatTimestamp(core::Timestamp at) { return core::FormatParisTime(at); }

namespace {

std::string Who(const Catalogue& catalogue, const platform::Actor& actor,
                const std::map<std::string, std::string>& people, const std::string& who) {
  if (who == "system" || who.empty()) return std::string(catalogue.Text("invoice.who_system"));
  if (who.starts_with("user:")) {
    std::string id = who.substr(5);
    if (id == std::to_string(actor.user_id.value())) {
      return catalogue.Format("invoice.who_you", {{"name", actor.display_name}});
    }
    if (auto known = people.find(who); known != people.end()) return known->second;
    return catalogue.Format("invoice.who_user", {{"id", id}});
  }
  return who;
}

mstch::node Detail(const Catalogue& catalogue, std::string_view label_key, std::string value,
                   bool code = false) {
  return mstch::map{{"label", std::string(catalogue.Text(label_key))},
                    {"value", std::move(value)},
                    {"code", code}};
}

}  // namespace

mstch::map InvoiceData(const Catalogue& catalogue, const platform::Actor& actor,
                       const platform::InvoiceView& view) {
  const platform::InvoiceSummaryView& summary = view.summary;
  const invoice::Invoice& invoice = summary.invoice;
  std::string framework_key = "framework." + invoice.framework;
  mstch::array details{
      Detail(catalogue, "invoice.status",
             std::string(catalogue.Text(StatusKey(summary.visible_status)))),
      Detail(catalogue, "invoice.supplier", summary.supplier_name),
      Detail(catalogue, "invoice.recipient", summary.recipient_name),
      Detail(catalogue, "invoice.number", invoice.invoice_number, true),
      Detail(catalogue, "invoice.issue_date", DateText(invoice.issue_date)),
      Detail(catalogue, "invoice.document_type",
             TextOr(catalogue, "doctype." + std::string(invoice::DocumentTypeCode(invoice.type)),
                    std::string(invoice::DocumentTypeCode(invoice.type)))),
      Detail(catalogue, "invoice.framework", TextOr(catalogue, framework_key, invoice.framework)),
  };
  if (!invoice.service_code.empty()) {
    details.push_back(Detail(catalogue, "invoice.service_code", invoice.service_code, true));
  }
  if (!invoice.engagement_number.empty()) {
    details.push_back(
        Detail(catalogue, "invoice.engagement_number", invoice.engagement_number, true));
  }
  details.push_back(Detail(catalogue, "invoice.total_without_vat",
                           FormatAmount(invoice.total_without_vat, invoice.currency)));
  details.push_back(
      Detail(catalogue, "invoice.total_vat", FormatAmount(invoice.total_vat, invoice.currency)));
  details.push_back(Detail(catalogue, "invoice.total_with_vat",
                           FormatAmount(invoice.total_with_vat, invoice.currency)));
  details.push_back(
      Detail(catalogue, "invoice.amount_due", FormatAmount(invoice.amount_due, invoice.currency)));
  details.push_back(
      Detail(catalogue, "invoice.deposited_at", FormatTimestamp(invoice.deposited_at)));
  details.push_back(Detail(catalogue, "invoice.pdf_sha256", invoice.pdf_sha256, true));

  mstch::array history;
  for (const invoice::HistoryEntry& entry : view.history) {
    std::string what;
    if (entry.status) {
      what = std::string(catalogue.Text(StatusKey(*entry.status)));
    } else {
      what = TextOr(catalogue, "action." + entry.action, entry.action);
    }
    history.push_back(mstch::map{
        {"what", what},
        {"who", Who(catalogue, actor, view.people, entry.actor)},
        {"when", FormatTimestamp(entry.at)},
        {"comment", entry.comment},
    });
  }

  std::string id = std::to_string(invoice.id.value());
  mstch::array moves;
  for (InvoiceStatus to : view.possible_moves) {
    std::string code(invoice::StatusCode(to));
    bool reason = MoveNeedsReason(to);
    std::string comment_key = reason                           ? "invoice.reason"
                              : to == InvoiceStatus::kMandated ? "invoice.mandate_number"
                                                               : "invoice.comment";
    moves.push_back(mstch::map{
        {"code", code},
        {"label", std::string(catalogue.Text(MoveKey(to)))},
        {"needs_reason", reason},
        {"comment_label", std::string(catalogue.Text(comment_key))},
        {"comment_id", "commentaire-" + code},
        // A completion carries the supporting documents the recipient asked for.
        {"with_files", to == InvoiceStatus::kCompleted && view.side == invoice::Side::kSupplier},
    });
  }
  mstch::array attachments;
  for (const platform::InvoiceAttachment& attachment : view.attachments) {
    attachments.push_back(mstch::map{
        {"name", attachment.file_name},
        {"href", "/factures/" + id + "/pieces/" + std::to_string(attachment.id)},
        {"size", FormatSize(attachment.size)},
        {"added_at", FormatTimestamp(attachment.added_at)},
    });
  }
  return mstch::map{
      {"title", catalogue.Format("invoice.title", {{"number", invoice.invoice_number}})},
      {"id", id},
      {"action", "/factures/" + id + "/statut"},
      {"version", std::to_string(invoice.version)},
      {"csrf_token", actor.csrf_token},
      {"side", std::string(catalogue.Text(view.side == invoice::Side::kRecipient
                                              ? "invoice.side_recipient"
                                              : "invoice.side_supplier"))},
      {"details", std::move(details)},
      {"history", std::move(history)},
      {"has_moves", !moves.empty()},
      {"moves", std::move(moves)},
      {"has_attachments", !attachments.empty()},
      {"attachment_list", std::move(attachments)},
      {"can_acknowledge", view.can_acknowledge},
      {"acknowledge_action", "/factures/" + id + "/acquittement"},
      {"acknowledge_text", std::string(catalogue.Text(invoice.status == InvoiceStatus::kRejected
                                                          ? "invoice.acknowledge_rejection"
                                                          : "invoice.acknowledge_suspension"))},
  };
}

std::string AttachmentDisposition(std::string_view file_name) {
  std::string ascii;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : file_name) {
    auto byte = static_cast<unsigned char>(c);
    bool plain = std::isalnum(byte) != 0 || c == '.' || c == '-' || c == '_';
    ascii += plain || c == ' ' ? c : '_';
    if (plain) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0xF];
    }
  }
  if (ascii.empty()) ascii = "piece-jointe";
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::string FormatSize(int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + "\u00a0o";
  const char* unit = bytes < 1024 * 1024 ? "Ko" : "Mo";
  double value = static_cast<double>(bytes) / (bytes < 1024 * 1024 ? 1024.0 : 1024.0 * 1024.0);
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  std::string out = text;
  std::replace(out.begin(), out.end(), '.', ',');
  return out + "\u00a0" + unit;
}

mstch::map ReceiptData(const platform::InvoiceView& view) {
  const invoice::Invoice& invoice = view.summary.invoice;
  std::string id = std::to_string(invoice.id.value());
  return mstch::map{
      {"invoice_id", id},
      {"invoice_number", invoice.invoice_number},
      {"recipient", view.summary.recipient_name},
      {"deposited_at", FormatTimestamp(invoice.deposited_at)},
      {"pdf_sha256", invoice.pdf_sha256},
      {"href", "/factures/" + id},
  };
}

}  // namespace choral::portal
