#include "platform/flows.h"

#include <nlohmann/json.hpp>

#include "platform/flow_syntax.h"
#include "platform/invoice_access.h"

namespace choral::platform {
namespace {

// Who an audit event names: the person, or the API client acting for the structure.
std::string ActorName(const Actor& actor) {
  if (!actor.api_client.empty()) return "api:" + actor.api_client;
  return "user:" + std::to_string(actor.user_id.value());
}

// Whether the actor sees the flows of `structure`: those of its sent invoices' space.
bool SeesFlowsOf(const Actor& actor, core::StructureId structure) {
  const ActorStructure* on = actor.On(structure);
  return on != nullptr && AccessOn(*on, accounts::Space::kSentInvoices).has_value();
}

core::Error UnknownFlow(std::string_view number) {
  return core::Error{core::ErrorCode::kNotFound,
                     "flow " + core::Quoted(number) + " does not exist"};
}

}  // namespace

Flows::Flows(store::Store& store, const core::Clock& clock, FlowOptions options)
    : store_(store), clock_(clock), options_(options) {}

core::Result<FlowReceipt> Flows::Deposit(const Actor& actor,
                                         const FlowDepositRequest& request) const {
  core::StructureId supplier = request.supplier_id;
  if (!supplier.valid()) {
    for (const ActorStructure& s : actor.structures) {
      if (RequireDepositRight(actor, s.id)) {
        supplier = s.id;
        break;
      }
    }
    if (!supplier.valid()) {
      return core::Fail(core::ErrorCode::kPermissionDenied,
                        "only people acting for a supplier, with MODIFICATION on its sent "
                        "invoices, deposit flows");
    }
  }
  if (auto may = RequireDepositRight(actor, supplier); !may) return core::Fail(may.error());
  auto syntax = ParseFlowSyntax(request.syntax_code);
  if (!syntax) return core::Fail(syntax.error());
  if (request.file.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "the flow file is empty");
  }
  if (request.file.size() > options_.max_file_bytes) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the flow file is larger than " +
                          std::to_string(options_.max_file_bytes / (1024 * 1024)) + " MB");
  }
  if (request.file_name.empty() || request.file_name.size() > options_.max_file_name_chars) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the file name (nomFichier) is required, at most " +
                          std::to_string(options_.max_file_name_chars) + " characters");
  }

  // Durable before the flow that names it commits; an orphan blob after a crash is harmless.
  auto sha256 = store_.blobs().Put(request.file);
  if (!sha256) return core::Fail(sha256.error());
  const core::Timestamp now = clock_.Now();
  store::Flow flow;
  flow.structure_id = supplier;
  if (actor.api_client.empty()) flow.user_id = actor.user_id;
  flow.api_client = actor.api_client;
  flow.syntax_code = std::string(syntax->code);
  flow.file_name = request.file_name;
  flow.file_sha256 = *sha256;
  flow.file_size = static_cast<int64_t>(request.file.size());
  flow.state = std::string(FlowStateCode(FlowState::kReceived));
  flow.deposited_at = now;
  flow.state_changed_at = now;
  FlowReceipt receipt;
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    auto stored = tx.flows().Insert(flow);
    if (!stored) return core::Fail(stored.error());
    receipt.number = stored->number;
    auto job = tx.jobs().Enqueue(kFlowJobKind, std::to_string(stored->id), now);
    if (!job) return core::Fail(job.error());
    nlohmann::json details = {{"file_name", flow.file_name},
                              {"syntax", flow.syntax_code},
                              {"file_sha256", flow.file_sha256},
                              {"size", flow.file_size},
                              {"supplier", supplier.value()}};
    auto event = tx.audit().Append(ActorName(actor), "flow.deposited", "flow:" + stored->number,
                                   details.dump());
    if (!event) return core::Fail(event.error());
    return core::Ok();
  });
  if (!written) return core::Fail(written.error());
  receipt.deposited_at = now;
  receipt.syntax_code = flow.syntax_code;
  return receipt;
}

core::Result<std::vector<store::Flow>> Flows::List(const Actor& actor, int limit) const {
  std::vector<core::StructureId> structures;
  for (const ActorStructure& s : actor.structures) {
    if (SeesFlowsOf(actor, s.id)) structures.push_back(s.id);
  }
  std::vector<store::Flow> out;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto flows = tx.flows().ListByStructures(structures, limit);
    if (!flows) return core::Fail(flows.error());
    out = std::move(*flows);
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return out;
}

core::Result<FlowReport> Flows::Report(const Actor& actor, std::string_view number) const {
  FlowReport report;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    auto flow = tx.flows().FindByNumber(number);
    if (!flow) return core::Fail(flow.error());
    if (!*flow || !SeesFlowsOf(actor, (*flow)->structure_id)) {
      return core::Fail(UnknownFlow(number));
    }
    auto outcomes = tx.flows().Invoices((*flow)->id);
    if (!outcomes) return core::Fail(outcomes.error());
    report = BuildFlowReport(**flow, *outcomes);
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return report;
}

core::Result<std::string> Flows::ReportPdf(const Actor& actor, std::string_view number) const {
  auto report = Report(actor, number);
  if (!report) return core::Fail(report.error());
  return FlowReportPdf(*report);
}

}  // namespace choral::platform
