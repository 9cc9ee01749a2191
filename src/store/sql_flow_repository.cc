// SqlFlowRepository: tables `flows` and `flow_invoices` (migrations/0012_flows.sql).
#include <cstdio>

#include "store/sql_transaction.h"

namespace choral::store {
namespace {

struct FlowRow {
  long long id = 0, structure_id = 0, user_id = 0, file_size = 0, deposited_at = 0,
            state_changed_at = 0;
  int invoice_count = 0;
  std::string number, api_client, syntax_code, file_name, file_sha256, state, error, report;
  soci::indicator number_ind = soci::i_null, user_ind = soci::i_null;
};

constexpr const char* kFlowColumns =
    "SELECT id, number, structure_id, user_id, api_client, syntax_code, file_name, file_sha256, "
    "file_size, state, deposited_at, state_changed_at, invoice_count, error, report FROM flows ";

void BindFlow(soci::details::prepare_temp_type& p, FlowRow& r) {
  p, soci::into(r.id), soci::into(r.number, r.number_ind), soci::into(r.structure_id),
      soci::into(r.user_id, r.user_ind), soci::into(r.api_client), soci::into(r.syntax_code),
      soci::into(r.file_name), soci::into(r.file_sha256), soci::into(r.file_size),
      soci::into(r.state), soci::into(r.deposited_at), soci::into(r.state_changed_at),
      soci::into(r.invoice_count), soci::into(r.error), soci::into(r.report);
}

Flow ToFlow(const FlowRow& r) {
  Flow f;
  f.id = r.id;
  if (r.number_ind == soci::i_ok) f.number = r.number;
  f.structure_id = core::StructureId(r.structure_id);
  if (r.user_ind == soci::i_ok) f.user_id = core::UserId(r.user_id);
  f.api_client = r.api_client;
  f.syntax_code = r.syntax_code;
  f.file_name = r.file_name;
  f.file_sha256 = r.file_sha256;
  f.file_size = r.file_size;
  f.state = r.state;
  f.deposited_at = FromMillis(r.deposited_at);
  f.state_changed_at = FromMillis(r.state_changed_at);
  f.invoice_count = r.invoice_count;
  f.error = r.error;
  f.report = r.report;
  return f;
}

// Chorus Pro's numbers are "CPP" and 22 digits (API.md §7); Choral's are the flow id padded.
std::string FlowNumber(long long id) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%022lld", id);
  return std::string("CPP") + digits;
}

struct FlowInvoiceRow {
  long long flow_id = 0, invoice_id = 0, processed_at = 0;
  int entry_index = 0;
  std::string entry_name, invoice_number, findings;
  soci::indicator invoice_ind = soci::i_null;
};

}  // namespace

core::Result<Flow> SqlFlowRepository::Insert(const Flow& flow) {
  long long structure = flow.structure_id.value(), user = flow.user_id ? flow.user_id->value() : 0;
  soci::indicator user_ind = flow.user_id ? soci::i_ok : soci::i_null;
  long long size = flow.file_size, deposited = ToMillis(flow.deposited_at),
            changed = ToMillis(flow.state_changed_at);
  std::string client = flow.api_client, syntax = flow.syntax_code, name = flow.file_name,
              sha256 = flow.file_sha256, state = flow.state;
  long long id = 0;
  std::string number;
  auto status = GuardedWrite(
      ctx_, "storing a flow", {"", "the depositing structure or user does not exist"}, [&] {
        ctx_.sql << "INSERT INTO flows (structure_id, user_id, api_client, syntax_code, "
                    "file_name, file_sha256, file_size, state, deposited_at, state_changed_at) "
                    "VALUES (:s, :u, :c, :x, :n, :h, :z, :st, :d, :ch) RETURNING id",
            soci::use(structure), soci::use(user, user_ind), soci::use(client), soci::use(syntax),
            soci::use(name), soci::use(sha256), soci::use(size), soci::use(state),
            soci::use(deposited), soci::use(changed), soci::into(id);
        number = FlowNumber(id);
        ctx_.sql << "UPDATE flows SET number = :n WHERE id = :id", soci::use(number), soci::use(id);
      });
  if (!status) return core::Fail(status.error());
  Flow stored = flow;
  stored.id = id;
  stored.number = number;
  return stored;
}

core::Result<Flow> SqlFlowRepository::Get(int64_t id) {
  long long key = id;
  std::vector<FlowRow> rows;
  auto status = SelectRows<FlowRow>(
      ctx_, "reading a flow", std::string(kFlowColumns) + "WHERE id = :id",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); }, BindFlow, rows);
  if (!status) return core::Fail(status.error());
  if (rows.empty()) return NotFound("flow", key);
  return ToFlow(rows.front());
}

core::Result<std::optional<Flow>> SqlFlowRepository::FindByNumber(std::string_view number) {
  std::string key(number);
  std::vector<FlowRow> rows;
  auto status = SelectRows<FlowRow>(
      ctx_, "reading a flow", std::string(kFlowColumns) + "WHERE number = :n",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); }, BindFlow, rows);
  if (!status) return core::Fail(status.error());
  if (rows.empty()) return std::optional<Flow>();
  return std::optional<Flow>(ToFlow(rows.front()));
}

core::Result<std::vector<Flow>> SqlFlowRepository::ListByStructures(
    const std::vector<core::StructureId>& structures, int limit) {
  std::vector<Flow> out;
  if (structures.empty() || limit <= 0) return out;
  // Ids are numbers the caller holds, not user text: written into the query as such.
  std::string in;
  for (core::StructureId s : structures) {
    if (!in.empty()) in += ", ";
    in += std::to_string(s.value());
  }
  long long max_rows = limit;
  std::vector<FlowRow> rows;
  auto status = SelectRows<FlowRow>(
      ctx_, "listing flows",
      std::string(kFlowColumns) + "WHERE structure_id IN (" + in + ") ORDER BY id DESC LIMIT :l",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(max_rows); }, BindFlow, rows);
  if (!status) return core::Fail(status.error());
  out.reserve(rows.size());
  for (const FlowRow& r : rows) out.push_back(ToFlow(r));
  return out;
}

core::Status SqlFlowRepository::SetState(int64_t id, std::string_view state, core::Timestamp at,
                                         std::string_view error) {
  long long key = id, when = ToMillis(at);
  std::string to(state), why(error);
  int changed = 0;
  auto status = GuardedWrite(ctx_, "changing a flow's state", {}, [&] {
    soci::statement st = (ctx_.sql.prepare << "UPDATE flows SET state = :s, state_changed_at = :a, "
                                              "error = :e WHERE id = :id",
                          soci::use(to), soci::use(when), soci::use(why), soci::use(key));
    st.execute(true);
    changed = static_cast<int>(st.get_affected_rows());
  });
  if (!status) return status;
  if (changed == 0) return NotFound("flow", key);
  return core::Ok();
}

core::Status SqlFlowRepository::SetInvoiceCount(int64_t id, int count) {
  long long key = id;
  int n = count;
  return GuardedWrite(ctx_, "counting a flow's invoices", {}, [&] {
    ctx_.sql << "UPDATE flows SET invoice_count = :n WHERE id = :id", soci::use(n), soci::use(key);
  });
}

core::Status SqlFlowRepository::SetReport(int64_t id, std::string_view report) {
  long long key = id;
  std::string text(report);
  return GuardedWrite(ctx_, "storing a flow report", {}, [&] {
    ctx_.sql << "UPDATE flows SET report = :r WHERE id = :id", soci::use(text), soci::use(key);
  });
}

core::Status SqlFlowRepository::RecordInvoice(const FlowInvoice& outcome) {
  long long flow = outcome.flow_id, invoice = outcome.invoice_id ? outcome.invoice_id->value() : 0,
            at = ToMillis(outcome.processed_at);
  soci::indicator invoice_ind = outcome.invoice_id ? soci::i_ok : soci::i_null;
  int index = outcome.entry_index;
  std::string name = outcome.entry_name, number = outcome.invoice_number,
              findings = outcome.findings;
  return GuardedWrite(
      ctx_, "recording a flow invoice",
      {"this invoice of the flow was recorded already", "the flow or the invoice does not exist"},
      [&] {
        ctx_.sql << "INSERT INTO flow_invoices (flow_id, entry_index, entry_name, "
                    "invoice_number, invoice_id, findings, processed_at) "
                    "VALUES (:f, :i, :n, :num, :inv, :fi, :a)",
            soci::use(flow), soci::use(index), soci::use(name), soci::use(number),
            soci::use(invoice, invoice_ind), soci::use(findings), soci::use(at);
      });
}

core::Result<std::vector<FlowInvoice>> SqlFlowRepository::Invoices(int64_t flow_id) {
  long long key = flow_id;
  std::vector<FlowInvoiceRow> rows;
  auto status = SelectRows<FlowInvoiceRow>(
      ctx_, "reading a flow's invoices",
      "SELECT flow_id, entry_index, entry_name, invoice_number, invoice_id, findings, "
      "processed_at FROM flow_invoices WHERE flow_id = :f ORDER BY entry_index",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); },
      [](soci::details::prepare_temp_type& p, FlowInvoiceRow& r) {
        p, soci::into(r.flow_id), soci::into(r.entry_index), soci::into(r.entry_name),
            soci::into(r.invoice_number), soci::into(r.invoice_id, r.invoice_ind),
            soci::into(r.findings), soci::into(r.processed_at);
      },
      rows);
  if (!status) return core::Fail(status.error());
  std::vector<FlowInvoice> out;
  out.reserve(rows.size());
  for (const FlowInvoiceRow& r : rows) {
    FlowInvoice f;
    f.flow_id = r.flow_id;
    f.entry_index = r.entry_index;
    f.entry_name = r.entry_name;
    f.invoice_number = r.invoice_number;
    if (r.invoice_ind == soci::i_ok) f.invoice_id = core::InvoiceId(r.invoice_id);
    f.findings = r.findings;
    f.processed_at = FromMillis(r.processed_at);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace choral::store
