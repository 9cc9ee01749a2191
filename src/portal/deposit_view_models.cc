// Deposit view models: the deposit form, its page preview and the batch table (deposit_pages.cc).
#include "portal/deposit_view_models.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <map>

#include "platform/invoice_access.h"
#include "portal/page_params.h"
#include "portal/view_models.h"

namespace choral::portal {
namespace {

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

// The form's text for a prefilled field's name ("" for another name).
const std::string& FormText(const platform::DepositForm& form, std::string_view name) {
  static const std::string kNone;
  for (const Prefilled& entry : kPrefilled) {
    if (entry.name == name) return form.*entry.member;
  }
  return kNone;
}

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

}  // namespace

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
  state.form.draft_id = prefill.draft_id;
  state.pdf_name = prefill.file_name;
  if (prefill.draft_id != 0) state.preview = PreviewPages(extraction, state.to_check);
  return state;
}

std::vector<PreviewPage> PreviewPages(const platform::InvoiceExtraction& extraction,
                                      const std::set<std::string, std::less<>>& to_check) {
  std::map<int, std::vector<PreviewMark>> marks_by_page{{1, {}}};
  for (const Prefilled& entry : kPrefilled) {
    const recognize::FoundValue* found = extraction.recognition.Find(entry.field);
    if (found == nullptr || found->box.width() <= 0 || found->box.height() <= 0) continue;
    const pdf::Box& box = found->box;
    marks_by_page[found->page].push_back(
        {std::string(entry.name), box.x0, box.y0, box.x1, box.y1, to_check.contains(entry.name)});
  }
  std::vector<PreviewPage> pages;
  for (auto& [number, marks] : marks_by_page) {
    if (number < 1 || number > static_cast<int>(extraction.page_sizes.size())) continue;
    if (static_cast<int>(pages.size()) == kMaxPreviewPages) break;
    const platform::PageSize& size = extraction.page_sizes[number - 1];
    pages.push_back({number, size.width, size.height, std::move(marks)});
  }
  return pages;
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

// Coordinates in the overlay's viewBox: PDF points, one decimal is plenty.
std::string Points(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

mstch::array PreviewData(const Catalogue& catalogue, const DepositFormState& state) {
  mstch::array pages;
  for (const PreviewPage& page : state.preview) {
    mstch::array marks;
    for (const PreviewMark& mark : page.marks) {
      marks.push_back(mstch::map{
          {"field", mark.field},
          {"label", std::string(catalogue.Text("deposit.field_" + mark.field))},
          {"x", Points(mark.x0)},
          {"y", Points(mark.y0)},
          {"width", Points(mark.x1 - mark.x0)},
          {"height", Points(mark.y1 - mark.y0)},
          {"to_check", mark.to_check},
      });
    }
    pages.push_back(mstch::map{
        {"src", "/factures/deposer/brouillons/" + std::to_string(state.form.draft_id) + "/pages/" +
                    std::to_string(page.number) + ".png"},
        {"alt", catalogue.Format("deposit.preview_alt", {{"page", std::to_string(page.number)},
                                                         {"file", state.pdf_name}})},
        {"viewbox", "0 0 " + Points(page.width) + " " + Points(page.height)},
        {"marks", std::move(marks)},
    });
  }
  return pages;
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
      {"draft_id", std::to_string(form.draft_id)},
      {"pdf_name", state.pdf_name},
      {"has_pdf_name", !state.pdf_name.empty()},
      {"has_to_check", !state.to_check.empty()},
      {"to_check_list", ToCheckList(state.to_check)},
      {"needs_duplicate_confirmation", state.needs_duplicate_confirmation},
      {"has_preview", !state.preview.empty()},
      {"preview", PreviewData(catalogue, state)},
  };

  // Suppliers: a choice only when the actor acts for several companies.
  mstch::array suppliers;
  for (const platform::ActorStructure& structure : actor.structures) {
    // Only the structures the actor may deposit for (not those in consultation only).
    if (!platform::RequireDepositRight(actor, structure.id)) continue;
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

std::string BatchFieldName(int index, std::string_view field) {
  return "l" + std::to_string(index) + "_" + std::string(field);
}

bool IsBatchProblemKey(std::string_view key) {
  static constexpr std::array<std::string_view, 5> kKeys = {
      "batch.problem_unreadable", "batch.problem_too_big", "batch.problem_scanned",
      "batch.problem_gone", "batch.problem_busy"};
  return std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end();
}

namespace {

// The columns of the batch table a person fills, in order (framework and currency keep the
// values read or their defaults, carried as hidden fields; the detailed form shows them).
constexpr std::array<std::string_view, 10> kBatchColumns = {
    "recipient_siret", "service_code",      "engagement_number", "invoice_number", "issue_date",
    "document_type",   "total_without_vat", "total_vat",         "total_with_vat", "amount_due"};

// "deposited", "to-fix" or "pending": what the page's script counts.
std::string_view RowState(const BatchRow& row) {
  if (row.deposited) return "deposited";
  if (!row.problem_key.empty() || !row.state.findings.empty() ||
      row.state.needs_duplicate_confirmation) {
    return "to-fix";
  }
  return "pending";
}

mstch::map BatchRowData(const Catalogue& catalogue, int index, const BatchRow& row) {
  mstch::map data{
      {"index", std::to_string(index)},
      {"state", std::string(RowState(row))},
      {"file_name", row.file_name},
      {"file_name_field", BatchFieldName(index, "file_name")},
  };
  if (row.deposited) {
    data["deposited"] = mstch::map{
        {"invoice_id", std::to_string(row.deposited->value())},
        {"invoice_id_field", BatchFieldName(index, "invoice_id")},
        {"number", row.state.form.invoice_number},
        {"number_field", BatchFieldName(index, "invoice_number")},
    };
    return data;
  }
  if (!row.problem_key.empty()) {
    data["problem"] = mstch::map{
        {"key", row.problem_key},
        {"key_field", BatchFieldName(index, "problem")},
        {"text", std::string(catalogue.Text(row.problem_key))},
    };
    return data;
  }
  const platform::DepositForm& form = row.state.form;
  FieldMessages messages = GroupFindings(catalogue, row.state.findings);
  const std::string result_id = "ligne-" + std::to_string(index) + "-resultat";
  mstch::array cells;
  for (std::string_view name : kBatchColumns) {
    const std::string& value = FormText(form, name);
    bool has_errors = messages.by_field.contains(name);
    mstch::map cell{
        {"name", BatchFieldName(index, name)},
        {"value", value},
        {"label", catalogue.Format("batch.cell_label",
                                   {{"field", catalogue.Text("deposit.field_" + std::string(name))},
                                    {"file", row.file_name}})},
        {"to_check", row.state.to_check.contains(name)},
        {"has_errors", has_errors},
        {"result_id", result_id},
        {"is_date", name == "issue_date"},
        {"is_select", name == "document_type"},
        {"decimal", name.starts_with("total") || name == "amount_due"},
    };
    if (name == "document_type") {
      mstch::array options;
      for (std::string_view code : kDocumentTypes) {
        options.push_back(
            mstch::map{{"value", std::string(code)},
                       {"label", std::string(catalogue.Text("doctype." + std::string(code)))},
                       {"selected", code == form.document_type}});
      }
      cell["options"] = std::move(options);
    }
    cells.push_back(std::move(cell));
  }
  mstch::array findings;
  for (std::string_view name : DepositFieldNames()) {
    auto it = messages.by_field.find(name);
    if (it == messages.by_field.end()) continue;
    for (const std::string& text : it->second) findings.push_back(text);
  }
  for (const std::string& text : messages.general) findings.push_back(text);
  std::string recipient;
  if (row.state.recipient) recipient = row.state.recipient->structure.name;
  data["form"] = mstch::map{
      {"cells", std::move(cells)},
      {"draft_id", std::to_string(form.draft_id)},
      {"draft_field", BatchFieldName(index, "draft_id")},
      {"framework", form.framework},
      {"framework_field", BatchFieldName(index, "framework")},
      {"currency", form.currency},
      {"currency_field", BatchFieldName(index, "currency")},
      {"to_check", ToCheckList(row.state.to_check)},
      {"to_check_field", BatchFieldName(index, "to_check")},
      {"result_id", result_id},
      {"recipient", recipient},
      {"has_recipient", !recipient.empty()},
      {"has_findings", !findings.empty()},
      {"findings", std::move(findings)},
      {"needs_duplicate_confirmation", row.state.needs_duplicate_confirmation},
      {"confirm_field", BatchFieldName(index, "confirm_duplicate_pdf")},
  };
  return data;
}

}  // namespace

DepositFormState DepositFormStateFromFields(
    const std::function<std::string(std::string_view)>& field) {
  DepositFormState state;
  platform::DepositForm& form = state.form;
  for (const Prefilled& entry : kPrefilled) form.*entry.member = field(entry.name);
  form.framework = field("framework");
  form.draft_id = ParsePositive(field("draft_id")).value_or(0);
  form.confirm_duplicate_pdf = field("confirm_duplicate_pdf") == "oui";
  state.pdf_name = field("pdf_name");
  state.to_check = ParseToCheckList(field("to_check"));
  return state;
}

std::vector<BatchRow> BatchRowsFromForm(const std::function<std::string(std::string_view)>& field,
                                        int count) {
  std::vector<BatchRow> rows;
  for (int i = 0; i < std::min(count, kMaxBatchFiles); ++i) {
    auto get = [&](std::string_view name) { return field(BatchFieldName(i, name)); };
    BatchRow row;
    row.file_name = get("file_name");
    row.state = DepositFormStateFromFields(get);
    if (auto invoice = ParsePositive(get("invoice_id"))) {
      row.deposited = core::InvoiceId(*invoice);
    } else if (std::string problem = get("problem"); IsBatchProblemKey(problem)) {
      row.problem_key = std::move(problem);
    } else if (row.state.form.draft_id != 0) {
      row.state.pdf_name = row.file_name;
    } else {
      continue;  // a row the form does not describe: nothing to show or deposit
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

mstch::map BatchData(const Catalogue& catalogue, const platform::Actor& actor,
                     const std::vector<BatchRow>& rows) {
  mstch::array out;
  int deposited = 0, to_fix = 0, pending = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string_view state = RowState(rows[i]);
    ++(state == "deposited" ? deposited : state == "to-fix" ? to_fix : pending);
    out.push_back(BatchRowData(catalogue, static_cast<int>(i), rows[i]));
  }
  mstch::map data{
      {"csrf_token", actor.csrf_token},
      {"rows", std::move(out)},
      {"row_count", std::to_string(rows.size())},
      {"has_pending", pending + to_fix > 0},
      {"summary", catalogue.Format("batch.summary", {{"deposited", std::to_string(deposited)},
                                                     {"to_fix", std::to_string(to_fix)},
                                                     {"pending", std::to_string(pending)}})},
  };
  // The supplier all rows are deposited for: the one the actor acts for (the first of several;
  // the detailed form of a row lets a person choose).
  for (const platform::ActorStructure& structure : actor.structures) {
    // Only the structures the actor may deposit for (not those in consultation only).
    if (!platform::RequireDepositRight(actor, structure.id)) continue;
    data["supplier_id"] = std::to_string(structure.id.value());
    break;
  }
  return data;
}

}  // namespace choral::portal
