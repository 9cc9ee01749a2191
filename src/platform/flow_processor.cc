#include "platform/flow_processor.h"

#include <charconv>
#include <set>

#include <nlohmann/json.hpp>

#include "core/siret.h"
#include "invoice/semantic_invoice.h"
#include "platform/flow_report.h"
#include "platform/flow_state.h"
#include "platform/flow_syntax.h"
#include "platform/flows.h"
#include "platform/invoice_intake.h"
#include "store/sha256.h"

namespace choral::platform {
namespace {

// What became of one invoice of the flow, before it is recorded.
struct Decision {
  std::string invoice_number;
  std::vector<FlowFinding> findings;
  bool accepted = false;
  invoice::Invoice draft;  // when accepted: everything but the id
  std::string supplier_name;
};

std::string FlowActor(const store::Flow& flow) {
  if (!flow.api_client.empty()) return "api:" + flow.api_client;
  if (flow.user_id) return "user:" + std::to_string(flow.user_id->value());
  return "system";
}

core::Status SetState(store::Transaction& tx, const store::Flow& flow, FlowState state,
                      core::Timestamp now, std::string_view error = "") {
  auto set = tx.flows().SetState(flow.id, FlowStateCode(state), now, error);
  if (!set) return set;
  nlohmann::json details = {{"state", FlowStateCode(state)}};
  if (!error.empty()) details["error"] = error;
  auto event = tx.audit().Append("system", "flow.state", "flow:" + flow.number, details.dump());
  if (!event) return core::Fail(event.error());
  return core::Ok();
}

FlowFinding FlowRule(std::string rule, std::string message, std::string location = "") {
  return {std::move(rule), "fatal", std::move(message), std::move(location), 0};
}

bool Matches(FlowContent declared, std::string_view sniffed) {
  switch (declared) {
    case FlowContent::kUbl:
      return sniffed == "ubl";
    case FlowContent::kCii:
      return sniffed == "cii";
    case FlowContent::kFacturX:
      return sniffed == "facturx";
    case FlowContent::kNone:
      return false;
  }
  return false;
}

std::string_view ContentName(FlowContent content) {
  switch (content) {
    case FlowContent::kUbl:
      return "UBL";
    case FlowContent::kCii:
      return "CII";
    case FlowContent::kFacturX:
      return "Factur-X";
    case FlowContent::kNone:
      break;
  }
  return "?";
}

// A 14-digit identifier that is a valid SIRET, or "".
std::string SiretOf(const std::optional<invoice::Identifier>& id) {
  if (!id) return "";
  // ISO 6523 ICD 0009 is the SIRET; an identifier without a scheme may be one too.
  if (id->scheme && *id->scheme != "0009") return "";
  auto siret = core::Siret::Parse(id->value);
  return siret ? siret->digits() : "";
}

// The recipient's SIRET: the buyer identifier (BT-46), else its legal registration (BT-47), else
// its electronic address (BT-49), as Chorus Pro routes structured invoices.
std::string RecipientSiret(const invoice::SemanticInvoice& model) {
  if (!model.buyer) return "";
  for (const auto* id : {&model.buyer->identifier, &model.buyer->legal_registration_id,
                         &model.buyer->electronic_address}) {
    if (std::string siret = SiretOf(*id); !siret.empty()) return siret;
  }
  return "";
}

// The buyer identifier as written, quoted by DEP-RECIPIENT-UNKNOWN when none is a known SIRET.
std::string RecipientAsWritten(const invoice::SemanticInvoice& model) {
  if (!model.buyer) return "";
  for (const auto* id : {&model.buyer->identifier, &model.buyer->legal_registration_id}) {
    if (*id) return (*id)->value;
  }
  return "";
}

// The seller's SIRETs the invoice states (BT-29 with scheme 0009, BT-30 with 14 digits).
std::vector<std::string> SellerSirets(const invoice::SemanticInvoice& model) {
  std::vector<std::string> out;
  if (!model.seller) return out;
  for (const invoice::Identifier& id : model.seller->identifiers) {
    if (std::string s = SiretOf(id); !s.empty()) out.push_back(s);
  }
  if (std::string s = SiretOf(model.seller->legal_registration_id); !s.empty()) out.push_back(s);
  return out;
}

// Fills `draft` from the model; each missing amount is a finding naming its term.
void FillDraft(const invoice::SemanticInvoice& model, invoice::Invoice& draft,
               std::vector<FlowFinding>& findings) {
  draft.invoice_number = model.number.value_or("");
  draft.service_code = model.buyer_reference.value_or("");
  draft.engagement_number = model.purchase_order_reference.value_or("");
  draft.currency = model.currency.value_or("EUR");
  if (model.issue_date && model.issue_date->value) draft.issue_date = *model.issue_date->value;
  if (model.type_code &&
      invoice::DocumentKindOf(*model.type_code) == invoice::DocumentKind::kCreditNote) {
    draft.type = invoice::DocumentType::kCreditNote;
  }
  const invoice::DocumentTotals totals = model.totals.value_or(invoice::DocumentTotals{});
  const struct {
    const std::optional<invoice::DecimalText>& term;
    core::Decimal& value;
    const char* location;
  } amounts[] = {{totals.total_without_vat, draft.total_without_vat, "BT-109 (total HT)"},
                 {totals.total_vat, draft.total_vat, "BT-110 (total TVA)"},
                 {totals.total_with_vat, draft.total_with_vat, "BT-112 (total TTC)"},
                 {totals.amount_due, draft.amount_due, "BT-115 (montant à payer)"}};
  for (const auto& amount : amounts) {
    if (amount.term && amount.term->value) {
      amount.value = *amount.term->value;
    } else if (&amount.value == &draft.total_vat) {
      amount.value = core::Decimal();  // no VAT total: none due (EN 16931 allows its absence)
    } else {
      findings.push_back(FlowRule("FLOW-AMOUNT-MISSING",
                                  std::string("the invoice has no readable ") + amount.location,
                                  amount.location));
    }
  }
}

bool HasFatal(const std::vector<FlowFinding>& findings) {
  for (const FlowFinding& f : findings) {
    if (f.flag == "fatal") return true;
  }
  return false;
}

// The person an invoice deposited by an API client is recorded as deposited by: the supplier's
// main manager, who answers for its technical accounts (invoices name a user).
core::Result<core::UserId> AccountableUser(store::Transaction& tx, const store::Flow& flow) {
  if (flow.user_id) return *flow.user_id;
  auto members = tx.memberships().ListByStructure(flow.structure_id);
  if (!members) return core::Fail(members.error());
  for (const accounts::Membership& m : *members) {
    if (m.IsEffective() && m.role == accounts::Role::kMainManager) return m.user_id;
  }
  for (const accounts::Membership& m : *members) {
    if (m.IsEffective()) return m.user_id;
  }
  return core::Fail(core::ErrorCode::kConflict,
                    "the supplier structure has nobody attached to answer for its API deposits");
}

}  // namespace

FlowProcessor::FlowProcessor(store::Store& store, const core::Clock& clock,
                             const InvoiceValidator& validator, FlowProcessorOptions options)
    : store_(store), clock_(clock), validator_(validator), options_(options) {}

core::Result<std::vector<store::Job>> FlowProcessor::Claim() const {
  std::vector<store::Job> claimed;
  const core::Timestamp now = clock_.Now();
  auto took = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto jobs = tx.jobs().Claim(kFlowJobKind, now, now + options_.lease, options_.batch_size);
    if (!jobs) return core::Fail(jobs.error());
    claimed = std::move(*jobs);
    for (const store::Job& job : claimed) {
      int64_t id = 0;
      std::from_chars(job.payload.data(), job.payload.data() + job.payload.size(), id);
      auto flow = tx.flows().Get(id);
      if (!flow) continue;  // Work gives the job up
      if (flow->state == FlowStateCode(FlowState::kReceived)) {
        if (auto set = SetState(tx, *flow, FlowState::kQueued, now); !set) return set;
      }
    }
    return core::Ok();
  });
  if (!took) return core::Fail(took.error());
  return claimed;
}

core::Result<FlowPassReport> FlowProcessor::RunOnce() const {
  FlowPassReport report;
  auto claimed = Claim();
  if (!claimed) return core::Fail(claimed.error());
  report.claimed = static_cast<int>(claimed->size());
  for (const store::Job& job : *claimed) {
    auto worked = Work(job);
    if (worked) {
      ++report.finished;
      continue;
    }
    report.errors.push_back("flow job " + std::to_string(job.id) + " (flow " + job.payload +
                            "): " + worked.error().message);
    const core::Timestamp now = clock_.Now();
    const bool last = job.attempts >= options_.max_attempts;
    auto recorded = store_.Write([&](store::Transaction& tx) -> core::Status {
      if (!last) return tx.jobs().Retry(job.id, worked.error().message, now + options_.retry_delay);
      int64_t id = 0;
      std::from_chars(job.payload.data(), job.payload.data() + job.payload.size(), id);
      if (auto flow = tx.flows().Get(id)) {
        auto set = SetState(tx, *flow, FlowState::kIncident, now,
                            "processing failed " + std::to_string(job.attempts) +
                                " times: " + worked.error().message);
        if (!set) return set;
      }
      return tx.jobs().Abandon(job.id, worked.error().message, now);
    });
    if (!recorded) return core::Fail(recorded.error());
    if (last) {
      ++report.finished;
    } else {
      ++report.retried;
    }
  }
  return report;
}

core::Status FlowProcessor::Work(const store::Job& job, int max_invoices) const {
  int64_t flow_id = 0;
  auto [end, parse_error] =
      std::from_chars(job.payload.data(), job.payload.data() + job.payload.size(), flow_id);
  std::optional<store::Flow> found;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto flow = tx.flows().Get(flow_id);
    if (!flow) return core::Fail(flow.error());
    found = std::move(*flow);
    return core::Ok();
  });
  if (parse_error != std::errc() || (!read && read.error().code == core::ErrorCode::kNotFound)) {
    // Nothing to process: a job that names no flow will not get better.
    return store_.Write([&](store::Transaction& tx) -> core::Status {
      return tx.jobs().Abandon(job.id, "no flow " + job.payload, clock_.Now());
    });
  }
  if (!read) return read;
  const store::Flow& flow = *found;
  auto state = ParseFlowState(flow.state);
  if (state && IsFinal(*state)) {
    return store_.Write([&](store::Transaction& tx) -> core::Status {
      return tx.jobs().Complete(job.id, clock_.Now());
    });
  }
  if (state != FlowState::kProcessing) {
    auto moved = store_.Write([&](store::Transaction& tx) -> core::Status {
      return SetState(tx, flow, FlowState::kProcessing, clock_.Now());
    });
    if (!moved) return moved;
  }

  // Ends the flow: its state from the outcomes, its report, the job done — one transaction.
  auto finish = [&](std::optional<FlowState> forced, std::string error) -> core::Status {
    return store_.Write([&](store::Transaction& tx) -> core::Status {
      const core::Timestamp now = clock_.Now();
      auto outcomes = tx.flows().Invoices(flow.id);
      if (!outcomes) return core::Fail(outcomes.error());
      int accepted = 0;
      for (const store::FlowInvoice& o : *outcomes) accepted += o.invoice_id ? 1 : 0;
      FlowState final_state =
          forced.value_or(accepted == 0 ? FlowState::kRejected
                                        : (accepted == static_cast<int>(outcomes->size())
                                               ? FlowState::kIntegrated
                                               : FlowState::kPartlyIntegrated));
      if (auto set = SetState(tx, flow, final_state, now, error); !set) return set;
      auto stored = tx.flows().Get(flow.id);
      if (!stored) return core::Fail(stored.error());
      auto report = FlowReportJson(BuildFlowReport(*stored, *outcomes)).dump();
      if (auto set = tx.flows().SetReport(flow.id, report); !set) return set;
      return tx.jobs().Complete(job.id, now);
    });
  };

  auto syntax = ParseFlowSyntax(flow.syntax_code);
  if (!syntax) return finish(FlowState::kRejected, syntax.error().message);
  auto bytes = store_.blobs().Get(flow.file_sha256);
  if (!bytes) return core::Fail(bytes.error());
  auto entries = SplitFlow(*bytes, flow.file_name, options_.archive);
  if (!entries) return finish(FlowState::kRejected, entries.error().message);

  std::set<int> done;
  auto counted = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto outcomes = tx.flows().Invoices(flow.id);
    if (!outcomes) return core::Fail(outcomes.error());
    for (const store::FlowInvoice& o : *outcomes) done.insert(o.entry_index);
    return tx.flows().SetInvoiceCount(flow.id, static_cast<int>(entries->size()));
  });
  if (!counted) return counted;

  int recorded = 0;
  for (size_t i = 0; i < entries->size(); ++i) {
    if (done.count(static_cast<int>(i)) > 0) continue;  // recorded before a crash
    if (max_invoices >= 0 && recorded >= max_invoices) return core::Ok();
    const FlowEntry& entry = (*entries)[i];
    Decision decision;
    auto validated = validator_.Validate(entry.bytes);
    if (!validated) {
      decision.findings.push_back(FlowRule("FLOW-UNREADABLE", validated.error().message));
    } else {
      for (const invoice::ValidationFinding& f : validated->findings) {
        decision.findings.push_back(FromValidation(f));
      }
      if (!Matches(syntax->content, validated->syntax)) {
        decision.findings.push_back(
            FlowRule("FLOW-SYNTAX-MISMATCH", "the flow was declared " + flow.syntax_code + " (" +
                                                 std::string(ContentName(syntax->content)) +
                                                 ") but this file is " + validated->syntax));
      }
    }
    if (validated && validated->invoice) {
      const invoice::SemanticInvoice& model = *validated->invoice;
      decision.invoice_number = model.number.value_or("");
      decision.draft.supplier_id = flow.structure_id;
      FillDraft(model, decision.draft, decision.findings);
      rules::DepositContext context;
      context.today = core::Date::FromSysDays(std::chrono::floor<std::chrono::days>(clock_.Now()));
      context.recipient_identifier = RecipientAsWritten(model);
      const std::string recipient_siret = RecipientSiret(model);
      DepositLookup lookup;
      auto looked = store_.Read([&](store::Transaction& tx) -> core::Status {
        auto found = LookUpDeposit(tx, flow.structure_id, recipient_siret,
                                   decision.draft.service_code, decision.draft.invoice_number);
        if (!found) return core::Fail(found.error());
        lookup = std::move(*found);
        return core::Ok();
      });
      if (!looked) return looked;
      lookup.FillContext(context);
      if (lookup.recipient) decision.draft.recipient_id = lookup.recipient->id;
      decision.supplier_name = lookup.supplier->name;
      for (const rules::Finding& f : rules::CheckDeposit(decision.draft, context)) {
        decision.findings.push_back(FromDepositRule(f));
      }
      // Chorus Pro integrates an invoice for the structure whose SIRET it states as the seller's.
      std::vector<std::string> sellers = SellerSirets(model);
      if (!sellers.empty() &&
          lookup.supplier->identifier_type == directory::IdentifierType::kSiret &&
          std::find(sellers.begin(), sellers.end(), lookup.supplier->identifier) == sellers.end()) {
        decision.findings.push_back(FlowRule("FLOW-SUPPLIER-MISMATCH",
                                             "the seller's SIRET " + sellers.front() +
                                                 " is not the depositing structure's (" +
                                                 lookup.supplier->identifier + ")",
                                             "BT-29 / BT-30 (identifiant du vendeur)"));
      }
    }
    decision.accepted = validated && validated->invoice && !HasFatal(decision.findings);

    if (decision.accepted) {
      // Durable before the invoice that names it commits; an orphan blob is harmless.
      auto stored = store_.blobs().Put(entry.bytes);
      if (!stored) return core::Fail(stored.error());
      decision.draft.pdf_sha256 = *stored;
    }
    const core::Timestamp now = clock_.Now();
    store::FlowInvoice outcome;
    outcome.flow_id = flow.id;
    outcome.entry_index = static_cast<int>(i);
    outcome.entry_name = entry.name;
    outcome.invoice_number = decision.invoice_number;
    outcome.processed_at = now;
    auto write = [&]() {
      return store_.Write([&](store::Transaction& tx) -> core::Status {
        if (decision.accepted) {
          auto user = AccountableUser(tx, flow);
          if (!user) return core::Fail(user.error());
          decision.draft.deposited_by = *user;
          decision.draft.deposited_at = now;
          auto id = RecordDeposit(tx, decision.draft, FlowActor(flow), decision.supplier_name, now,
                                  {{"flow", flow.number}, {"flow_entry", entry.name}});
          if (!id) return core::Fail(id.error());
          outcome.invoice_id = *id;
        }
        outcome.findings = FindingsToJson(decision.findings);
        return tx.flows().RecordInvoice(outcome);
      });
    };
    auto written = write();
    if (!written && written.error().code == core::ErrorCode::kAlreadyExists && decision.accepted) {
      // Either this entry was recorded by another runner, or the supplier used the number in
      // between (an earlier invoice of this very flow, say): then it is rejected for that.
      bool recorded_before = false;
      auto check = store_.Read([&](store::Transaction& tx) -> core::Status {
        auto outcomes = tx.flows().Invoices(flow.id);
        if (!outcomes) return core::Fail(outcomes.error());
        for (const store::FlowInvoice& o : *outcomes) {
          recorded_before = recorded_before || o.entry_index == static_cast<int>(i);
        }
        return core::Ok();
      });
      if (!check) return check;
      if (recorded_before) continue;
      decision.accepted = false;
      outcome.invoice_id.reset();
      decision.findings.push_back(
          FromDepositRule({"DEP-NUMBER-TAKEN", "invoice_number", written.error().message}));
      written = write();
    }
    if (!written && written.error().code != core::ErrorCode::kAlreadyExists) return written;
    ++recorded;
  }
  return finish(std::nullopt, "");
}

}  // namespace choral::platform
