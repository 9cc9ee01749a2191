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
using recognize::Field;

constexpr std::array<std::string_view, 4> kFrameworks = {
    "A1_FACTURE_FOURNISSEUR", "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE", "A9_FACTURE_SOUSTRAITANT",
    "A12_FACTURE_COTRAITANT"};
constexpr std::array<std::string_view, 2> kDocumentTypes = {"FACTURE", "AVOIR"};

// The form field each recognised field fills.
struct Prefilled {
  Field field;
  std::string platform::DepositForm::*member;
  std::string_view name;
};
constexpr std::array<Prefilled, 11> kPrefilled = {{
    {Field::kBuyerSiret, &platform::DepositForm::recipient_siret, "recipient_siret"},
    {Field::kBuyerReference, &platform::DepositForm::service_code, "service_code"},
    {Field::kOrderReference, &platform::DepositForm::engagement_number, "engagement_number"},
    {Field::kInvoiceNumber, &platform::DepositForm::invoice_number, "invoice_number"},
    {Field::kIssueDate, &platform::DepositForm::issue_date, "issue_date"},
    {Field::kDocumentType, &platform::DepositForm::document_type, "document_type"},
    {Field::kCurrency, &platform::DepositForm::currency, "currency"},
    {Field::kTotalWithoutVat, &platform::DepositForm::total_without_vat, "total_without_vat"},
    {Field::kTotalVat, &platform::DepositForm::total_vat, "total_vat"},
    {Field::kTotalWithVat, &platform::DepositForm::total_with_vat, "total_with_vat"},
    {Field::kAmountDue, &platform::DepositForm::amount_due, "amount_due"},
}};

bool IsAmount(Field field) {
  return field == Field::kTotalWithoutVat || field == Field::kTotalVat ||
         field == Field::kTotalWithVat || field == Field::kAmountDue;
}

// A recognised value as the form shows it.
std::string FormValue(Field field, const std::string& value) {
  if (IsAmount(field)) {
    auto amount = core::Decimal::Parse(value);
    return amount ? amount->ToFrench() : value;
  }
  if (field == Field::kDocumentType) {
    if (value == "credit_note") return "AVOIR";
    if (value == "invoice") return "FACTURE";
  }
  return value;
}

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

std::string FindingKey(const Catalogue& catalogue, const rules::Finding& finding) {
  std::string specific = "rule." + finding.rule_id + "-" + finding.field;
  if (catalogue.Has(specific)) return specific;
  std::string key = "rule." + finding.rule_id;
  return catalogue.Has(key) ? key : "rule.unknown";
}

std::set<std::string, std::less<>> ParseToCheckList(std::string_view list) {
  std::set<std::string, std::less<>> out;
  const auto& names = DepositFieldNames();
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (std::find(names.begin(), names.end(), name) != names.end()) out.emplace(name);
  }
  return out;
}

const std::vector<std::string_view>& DepositFieldNames() {
  static const std::vector<std::string_view> kNames = {
      "recipient_siret",   "service_code",  "engagement_number", "invoice_number",
      "issue_date",        "document_type", "framework",         "currency",
      "total_without_vat", "total_vat",     "total_with_vat",    "amount_due"};
  return kNames;
}

FieldMessages GroupFindings(const Catalogue& catalogue,
                            const std::vector<rules::Finding>& findings) {
  FieldMessages out;
  const auto& names = DepositFieldNames();
  for (const rules::Finding& finding : findings) {
    std::string text =
        catalogue.Format(FindingKey(catalogue, finding), {{"rule", finding.rule_id}});
    if (std::find(names.begin(), names.end(), finding.field) != names.end()) {
      out.by_field[finding.field].push_back(std::move(text));
    } else {
      out.general.push_back(std::move(text));
    }
  }
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(kAlphabet[(n >> 6) & 63]);
    out.push_back(kAlphabet[n & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    if (c == ' ' || c == '\r' || c == '\n' || c == '\t') continue;
    clean.push_back(c);
  }
  if (clean.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(clean.size() / 4 * 3);
  for (size_t i = 0; i < clean.size(); i += 4) {
    bool last = i + 4 == clean.size();
    int pad = 0;
    if (last && clean[i + 3] == '=') pad = clean[i + 2] == '=' ? 2 : 1;
    uint32_t n = 0;
    for (size_t j = 0; j < 4; ++j) {
      int v = 0;
      if (j >= 4 - static_cast<size_t>(pad)) {
        v = 0;
      } else {
        v = value(clean[i + j]);
        if (v < 0) return std::nullopt;
      }
      n = (n << 6) | static_cast<uint32_t>(v);
    }
    out.push_back(static_cast<char>((n >> 16) & 255));
    if (pad < 2) out.push_back(static_cast<char>((n >> 8) & 255));
    if (pad < 1) out.push_back(static_cast<char>(n & 255));
  }
  return out;
}

std::string FormatAmount(const core::Decimal& amount, std::string_view currency) {
  std::string text = amount.ToFrench();
  if (currency == "EUR") return text + "\u00a0€";
  return text + "\u00a0" + std::string(currency);
}

std::string FormatTimestamp(core::Timestamp at) { return core::FormatParisTime(at); }

DepositFormState FormFromPrefill(const platform::DepositPrefill& prefill) {
  DepositFormState state;
  const platform::InvoiceExtraction& extraction = prefill.extraction;
  for (const Prefilled& entry : kPrefilled) {
    std::optional<std::string> embedded;
    if (extraction.embedded) embedded = platform::EmbeddedValue(*extraction.embedded, entry.field);
    const recognize::FoundValue* found = extraction.recognition.Find(entry.field);
    if (embedded && !embedded->empty()) {
      state.form.*entry.member = FormValue(entry.field, *embedded);
    } else if (found != nullptr) {
      state.form.*entry.member = FormValue(entry.field, found->value);
      if (found->confidence < kConfidentEnough) state.to_check.insert(std::string(entry.name));
    }
  }
  for (Field field : extraction.disagreements) {
    for (const Prefilled& entry : kPrefilled) {
      if (entry.field == field) state.to_check.insert(std::string(entry.name));
    }
  }
  if (state.form.document_type.empty()) state.form.document_type = "FACTURE";
  if (state.form.currency.empty()) state.form.currency = "EUR";
  if (prefill.recipient) {
    state.recipient = platform::PublicStructureView{*prefill.recipient, prefill.services};
  }
  return state;
}

namespace {

struct FieldSpec {
  std::string_view name;
  std::string_view type;       // "text", "date", "select"
  std::string_view inputmode;  // "" or "numeric", "decimal"
  bool required;
};

mstch::map FieldData(const Catalogue& catalogue, const DepositFormState& state,
                     const FieldMessages& messages, const FieldSpec& spec,
                     const std::string& value) {
  std::string name(spec.name);
  std::string label_key = "deposit.field_" + name;
  std::string hint_key = "deposit.hint_" + name;
  bool to_check = state.to_check.contains(name);
  bool has_hint = catalogue.Has(hint_key);
  mstch::array errors;
  if (auto it = messages.by_field.find(name); it != messages.by_field.end()) {
    for (const std::string& text : it->second) errors.push_back(text);
  }
  std::string describedby;
  auto add = [&describedby](const std::string& id) {
    describedby += (describedby.empty() ? "" : " ") + id;
  };
  if (to_check) add(name + "-verifier");
  if (has_hint) add(name + "-aide");
  if (!errors.empty()) add(name + "-erreur");
  mstch::map field{
      {"name", name},
      {"id", name},
      {"label", std::string(catalogue.Text(label_key))},
      {"value", value},
      {"type", std::string(spec.type)},
      {"inputmode", std::string(spec.inputmode)},
      {"required", spec.required},
      {"to_check", to_check},
      {"has_errors", !errors.empty()},
      {"errors", std::move(errors)},
      {"describedby", describedby},
      {"is_select", spec.type == "select"},
  };
  if (has_hint) field["hint"] = std::string(catalogue.Text(hint_key));
  return field;
}

std::string ToCheckList(const std::set<std::string, std::less<>>& fields) {
  std::string out;
  for (const std::string& field : fields) out += (out.empty() ? "" : ",") + field;
  return out;
}

mstch::array Options(const std::vector<std::pair<std::string, std::string>>& choices,
                     const std::string& selected) {
  mstch::array options;
  for (const auto& [value, label] : choices) {
    options.push_back(
        mstch::map{{"value", value}, {"label", label}, {"selected", value == selected}});
  }
  return options;
}

}  // namespace

mstch::map DepositFormData(const Catalogue& catalogue, const platform::Actor& actor,
                           const DepositFormState& state) {
  const platform::DepositForm& form = state.form;
  FieldMessages messages = GroupFindings(catalogue, state.findings);

  bool service_required = false;
  bool engagement_required = false;
  if (state.recipient) {
    const directory::StructureFlags& flags = state.recipient->structure.flags;
    service_required = flags.service_code_required;
    engagement_required = flags.engagement_number_required;
  }
  bool service_select = state.recipient && !state.recipient->services.empty();

  mstch::map fields;
  auto set = [&](const FieldSpec& spec, const std::string& value) {
    fields[std::string(spec.name)] = FieldData(catalogue, state, messages, spec, value);
  };
  set({"recipient_siret", "text", "numeric", true}, form.recipient_siret);
  set({"service_code", service_select ? "select" : "text", "", service_required},
      form.service_code);
  set({"engagement_number", "text", "", engagement_required}, form.engagement_number);
  set({"invoice_number", "text", "", true}, form.invoice_number);
  set({"issue_date", "date", "", true}, form.issue_date);
  set({"document_type", "select", "", true}, form.document_type);
  set({"framework", "select", "", true}, form.framework);
  set({"currency", "text", "", true}, form.currency);
  set({"total_without_vat", "text", "decimal", true}, form.total_without_vat);
  set({"total_vat", "text", "decimal", true}, form.total_vat);
  set({"total_with_vat", "text", "decimal", true}, form.total_with_vat);
  set({"amount_due", "text", "decimal", true}, form.amount_due);

  std::vector<std::pair<std::string, std::string>> choices;
  for (std::string_view code : kDocumentTypes) {
    choices.emplace_back(code, catalogue.Text("doctype." + std::string(code)));
  }
  boost::get<mstch::map>(fields["document_type"])["options"] = Options(choices, form.document_type);
  choices.clear();
  for (std::string_view code : kFrameworks) {
    choices.emplace_back(code, catalogue.Text("framework." + std::string(code)));
  }
  boost::get<mstch::map>(fields["framework"])["options"] = Options(choices, form.framework);
  if (service_select) {
    choices.clear();
    choices.emplace_back("", catalogue.Text("deposit.no_service"));
    bool listed = form.service_code.empty();
    for (const directory::Service& service : state.recipient->services) {
      choices.emplace_back(service.code, service.code + " — " + service.name);
      listed = listed || service.code == form.service_code;
    }
    // What the PDF or the supplier named stays visible even when the recipient has no such
    // service: the rule says so next to the field.
    if (!listed) choices.emplace_back(form.service_code, form.service_code);
    boost::get<mstch::map>(fields["service_code"])["options"] = Options(choices, form.service_code);
  }

  mstch::map data{
      {"f", std::move(fields)},
      {"csrf_token", actor.csrf_token},
      {"pdf_base64", Base64Encode(form.pdf)},
      {"pdf_name", state.pdf_name},
      {"has_pdf_name", !state.pdf_name.empty()},
      {"has_to_check", !state.to_check.empty()},
      {"to_check_list", ToCheckList(state.to_check)},
      {"needs_duplicate_confirmation", state.needs_duplicate_confirmation},
  };

  // Suppliers: a choice only when the actor acts for several companies.
  mstch::array suppliers;
  for (const platform::ActorStructure& structure : actor.structures) {
    if (structure.kind != directory::StructureKind::kPrivate) continue;
    suppliers.push_back(mstch::map{
        {"id", std::to_string(structure.id.value())},
        {"name", structure.name},
        {"selected", structure.id == form.supplier_id},
    });
  }
  data["several_suppliers"] = suppliers.size() > 1;
  if (suppliers.size() == 1) {
    data["supplier_id"] = boost::get<std::string>(boost::get<mstch::map>(suppliers[0])["id"]);
  }
  data["suppliers"] = std::move(suppliers);

  // The error summary: every finding, linked to its field when it has one.
  mstch::array summary;
  for (std::string_view name : DepositFieldNames()) {
    auto it = messages.by_field.find(name);
    if (it == messages.by_field.end()) continue;
    for (const std::string& text : it->second) {
      summary.push_back(mstch::map{{"text", text}, {"href", "#" + std::string(name)}});
    }
  }
  for (const std::string& text : messages.general) {
    summary.push_back(mstch::map{{"text", text}, {"href", std::string()}});
  }
  data["has_findings"] = !summary.empty();
  data["findings"] = std::move(summary);

  if (state.recipient) {
    const directory::Structure& structure = state.recipient->structure;
    const directory::StructureFlags& flags = structure.flags;
    mstch::array notes;
    auto note = [&](std::string_view key) { notes.push_back(std::string(catalogue.Text(key))); };
    if (flags.service_code_required) note("deposit.flag_service_code_required");
    if (flags.engagement_number_required) note("deposit.flag_engagement_required");
    if (flags.service_code_or_engagement_required) note("deposit.flag_either_required");
    if (flags.payment_status_not_reported) note("deposit.flag_payment_not_reported");
    data["recipient"] = mstch::map{
        {"name", structure.name},
        {"siret", DisplayIdentifier(structure.identifier_type, structure.identifier)},
        {"has_flags", !notes.empty()},
        {"flags", std::move(notes)},
    };
  } else {
    data["recipient_unknown"] = !form.recipient_siret.empty();
  }
  return data;
}

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
