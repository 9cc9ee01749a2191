// SqlInvoiceRepository: tables `invoices` and `invoice_history` (migrations/0002_invoices.sql).
#include <variant>

#include "core/search_fold.h"
#include "store/sql_transaction.h"
#include "store/sqlite_functions.h"

namespace choral::store {
namespace {

using invoice::HistoryEntry;
using invoice::Invoice;

struct InvoiceRow {
  long long id = 0, supplier_id = 0, recipient_id = 0, deposited_at = 0, deposited_by = 0,
            version = 0;
  std::string service_code, engagement_number, invoice_number, issue_date, document_type, framework,
      currency, total_without_vat, total_vat, total_with_vat, amount_due, pdf_sha256, status;
};

InvoiceRow ToRow(const Invoice& i) {
  InvoiceRow r;
  r.id = i.id.value();
  r.supplier_id = i.supplier_id.value();
  r.recipient_id = i.recipient_id.value();
  r.service_code = i.service_code;
  r.engagement_number = i.engagement_number;
  r.invoice_number = i.invoice_number;
  r.issue_date = i.issue_date.ToIso();
  r.document_type = std::string(invoice::DocumentTypeCode(i.type));
  r.framework = i.framework;
  r.currency = i.currency;
  r.total_without_vat = i.total_without_vat.ToString();
  r.total_vat = i.total_vat.ToString();
  r.total_with_vat = i.total_with_vat.ToString();
  r.amount_due = i.amount_due.ToString();
  r.pdf_sha256 = i.pdf_sha256;
  r.status = std::string(invoice::StatusCode(i.status));
  r.deposited_at = ToMillis(i.deposited_at);
  r.deposited_by = i.deposited_by.value();
  r.version = i.version;
  return r;
}

core::Error Unreadable(long long id, std::string_view field, const std::string& text) {
  return {core::ErrorCode::kInternal, "invoice " + std::to_string(id) + " has an unreadable " +
                                          std::string(field) + " '" + text + "'"};
}

core::Result<core::Decimal> ParseAmount(const InvoiceRow& r, std::string_view field,
                                        const std::string& text) {
  auto amount = core::Decimal::Parse(text);
  if (!amount) return core::Fail(Unreadable(r.id, field, text));
  return *amount;
}

core::Result<Invoice> FromRow(const InvoiceRow& r) {
  auto issue_date = core::Date::Parse(r.issue_date);
  if (!issue_date) return core::Fail(Unreadable(r.id, "issue date", r.issue_date));
  auto type = invoice::ParseDocumentTypeCode(r.document_type);
  if (!type) return core::Fail(Unreadable(r.id, "document type", r.document_type));
  auto status = invoice::ParseStatusCode(r.status);
  if (!status) return core::Fail(Unreadable(r.id, "status", r.status));
  auto without_vat = ParseAmount(r, "total without VAT", r.total_without_vat);
  if (!without_vat) return core::Fail(without_vat.error());
  auto vat = ParseAmount(r, "VAT total", r.total_vat);
  if (!vat) return core::Fail(vat.error());
  auto with_vat = ParseAmount(r, "total with VAT", r.total_with_vat);
  if (!with_vat) return core::Fail(with_vat.error());
  auto due = ParseAmount(r, "amount due", r.amount_due);
  if (!due) return core::Fail(due.error());

  Invoice i;
  i.id = core::InvoiceId(r.id);
  i.supplier_id = core::StructureId(r.supplier_id);
  i.recipient_id = core::StructureId(r.recipient_id);
  i.service_code = r.service_code;
  i.engagement_number = r.engagement_number;
  i.invoice_number = r.invoice_number;
  i.issue_date = *issue_date;
  i.type = *type;
  i.framework = r.framework;
  i.currency = r.currency;
  i.total_without_vat = *without_vat;
  i.total_vat = *vat;
  i.total_with_vat = *with_vat;
  i.amount_due = *due;
  i.pdf_sha256 = r.pdf_sha256;
  i.status = *status;
  i.deposited_at = FromMillis(r.deposited_at);
  i.deposited_by = core::UserId(r.deposited_by);
  i.version = r.version;
  return i;
}

constexpr std::string_view kSelect =
    "SELECT id, supplier_id, recipient_id, service_code, engagement_number, invoice_number, "
    "issue_date, document_type, framework, currency, total_without_vat, total_vat, "
    "total_with_vat, amount_due, pdf_sha256, status, deposited_at, deposited_by, version "
    "FROM invoices ";

void BindInto(soci::details::prepare_temp_type& p, InvoiceRow& r) {
  p, soci::into(r.id), soci::into(r.supplier_id), soci::into(r.recipient_id),
      soci::into(r.service_code), soci::into(r.engagement_number), soci::into(r.invoice_number),
      soci::into(r.issue_date), soci::into(r.document_type), soci::into(r.framework),
      soci::into(r.currency), soci::into(r.total_without_vat), soci::into(r.total_vat),
      soci::into(r.total_with_vat), soci::into(r.amount_due), soci::into(r.pdf_sha256),
      soci::into(r.status), soci::into(r.deposited_at), soci::into(r.deposited_by),
      soci::into(r.version);
}

// Binds every column but id and version, in the order Insert and Update name them.
void BindFields(soci::details::prepare_temp_type& p, InvoiceRow& r) {
  p, soci::use(r.supplier_id), soci::use(r.recipient_id), soci::use(r.service_code),
      soci::use(r.engagement_number), soci::use(r.invoice_number), soci::use(r.issue_date),
      soci::use(r.document_type), soci::use(r.framework), soci::use(r.currency),
      soci::use(r.total_without_vat), soci::use(r.total_vat), soci::use(r.total_with_vat),
      soci::use(r.amount_due), soci::use(r.pdf_sha256), soci::use(r.status),
      soci::use(r.deposited_at), soci::use(r.deposited_by);
}

ConstraintMessages Messages(const Invoice& i) {
  return {"the supplier already deposited an invoice numbered " + i.invoice_number,
          "the supplier, recipient or depositing user of invoice " + i.invoice_number +
              " does not exist"};
}

core::Result<std::vector<Invoice>> Select(
    SqlContext& ctx, std::string_view what, const std::string& where,
    const std::function<void(soci::details::prepare_temp_type&)>& bind_uses) {
  std::vector<InvoiceRow> rows;
  auto status =
      SelectRows<InvoiceRow>(ctx, what, std::string(kSelect) + where, bind_uses, BindInto, rows);
  if (!status) return core::Fail(status.error());
  std::vector<Invoice> out;
  out.reserve(rows.size());
  for (const InvoiceRow& row : rows) {
    auto invoice = FromRow(row);
    if (!invoice) return core::Fail(invoice.error());
    out.push_back(std::move(*invoice));
  }
  return out;
}

core::Result<int64_t> CountWhere(
    SqlContext& ctx, std::string_view what, const std::string& where,
    const std::function<void(soci::details::prepare_temp_type&)>& bind_uses) {
  long long count = 0;
  auto status = GuardedRead(what, [&] {
    soci::details::prepare_temp_type prepared =
        (ctx.sql.prepare << "SELECT COUNT(*) FROM invoices " + where);
    prepared, soci::into(count);
    bind_uses(prepared);
    soci::statement statement(prepared);
    statement.execute(true);
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(count);
}

// `column` folded like core::FoldForSearch, then lower-cased by the database (as the pattern
// is, so both sides agree on letters the folding leaves alone). On PostgreSQL, nested REPLACE
// calls whose arguments are constants of the program, never user input.
std::string FoldedSql(std::string_view column, Dialect dialect) {
  if (dialect == Dialect::kSqlite) {
    return "LOWER(" + std::string(kFoldFunction) + "(" + std::string(column) + "))";
  }
  std::string sql(column);
  for (const auto& [letter, folded] : core::FoldedLetters()) {
    sql = "REPLACE(" + sql + ", '" + std::string(letter) + "', '" + std::string(folded) + "')";
  }
  return "LOWER(" + sql + ")";
}

std::string CounterpartColumn(InvoiceQuery::Party party) {
  return party == InvoiceQuery::Party::kSupplier ? "invoices.supplier_id" : "invoices.recipient_id";
}

// The total with VAT as something SQL compares exactly: PostgreSQL's NUMERIC is exact; SQLite
// has no exact decimal type, hence Choral's collation (sqlite_decimal_collation.h).
std::string ExactTotal(Dialect dialect) {
  return dialect == Dialect::kPostgres ? "CAST(total_with_vat AS NUMERIC)"
                                       : std::string("total_with_vat COLLATE ") + kDecimalCollation;
}
std::string ExactParameter(Dialect dialect, std::string_view placeholder) {
  return dialect == Dialect::kPostgres ? "CAST(" + std::string(placeholder) + " AS NUMERIC)"
                                       : std::string(placeholder);
}

// The status the query's reader sees. A supplier does not see MISE_EN_PAIEMENT at a recipient
// that does not report it (statutMiseEnPaiementNestPasRemonte): it sees the last other status of
// the history, as platform's invoice views show it (MISE_A_DISPOSITION when there is none).
std::string VisibleStatusSql(const InvoiceQuery& q) {
  if (!q.as_supplier) return "status";
  return "(CASE WHEN status = 'MISE_EN_PAIEMENT' AND EXISTS (SELECT 1 FROM structures r WHERE "
         "r.id = invoices.recipient_id AND r.payment_status_not_reported <> 0) THEN COALESCE(("
         "SELECT h.status FROM invoice_history h WHERE h.invoice_id = invoices.id AND h.status "
         "IS NOT NULL AND h.status <> 'MISE_EN_PAIEMENT' ORDER BY h.at DESC, h.id DESC LIMIT 1), "
         "'MISE_A_DISPOSITION') ELSE status END)";
}

// The WHERE clause of an InvoiceQuery and the values it binds; must outlive the statement.
// Every user-given value is a bound parameter; the SQL text holds only constants.
class QueryFilter {
 public:
  QueryFilter(const InvoiceQuery& q, Dialect dialect) {
    if (q.supplier_id) Add("supplier_id = :supplier", q.supplier_id->value());
    if (q.recipient_id) Add("recipient_id = :recipient", q.recipient_id->value());
    if (!q.statuses.empty()) {
      std::string in = VisibleStatusSql(q) + " IN (";
      for (size_t n = 0; n < q.statuses.size(); ++n) {
        if (n > 0) in += ", ";
        in += ":status" + std::to_string(n);
        values_.emplace_back(std::string(invoice::StatusCode(q.statuses[n])));
      }
      conditions_.push_back(in + ")");
    }
    if (!q.number_contains.empty()) {
      // Explicit ESCAPE: SQLite has no default escape character, PostgreSQL's is '\' already.
      Add("LOWER(invoice_number) LIKE LOWER(:number) ESCAPE '\\'",
          ContainsPattern(q.number_contains));
    }
    if (!q.counterpart_contains.empty()) AddCounterpart(q, dialect);
    if (!q.service_code.empty()) {
      Add("LOWER(service_code) = LOWER(:service)", q.service_code);
    }
    if (!q.within_services.empty()) {
      std::string in = "LOWER(service_code) IN (";
      for (size_t n = 0; n < q.within_services.size(); ++n) {
        if (n > 0) in += ", ";
        in += "LOWER(:within" + std::to_string(n) + ")";
        values_.emplace_back(q.within_services[n]);
      }
      conditions_.push_back(in + ")");
    }
    if (!q.pdf_sha256.empty()) Add("pdf_sha256 = :pdf", q.pdf_sha256);
    // ISO text order is date order.
    if (q.issued_from) Add("issue_date >= :issued_from", q.issued_from->ToIso());
    if (q.issued_to) Add("issue_date <= :issued_to", q.issued_to->ToIso());
    if (q.deposited_from) Add("deposited_at >= :deposited_from", ToMillis(*q.deposited_from));
    if (q.deposited_before) {
      Add("deposited_at < :deposited_before", ToMillis(*q.deposited_before));
    }
    if (q.total_from) {
      Add(ExactTotal(dialect) + " >= " + ExactParameter(dialect, ":total_from"),
          q.total_from->ToString());
    }
    if (q.total_to) {
      Add(ExactTotal(dialect) + " <= " + ExactParameter(dialect, ":total_to"),
          q.total_to->ToString());
    }
    if (q.except_acknowledged_rejections) {
      conditions_.push_back(
          "NOT (status = 'REJETEE' AND EXISTS (SELECT 1 FROM invoice_history h WHERE "
          "h.invoice_id = invoices.id AND h.action = 'ACQUITTEMENT_REJET'))");
    }
    for (size_t n = 0; n < conditions_.size(); ++n) {
      where_ += (n == 0 ? "WHERE " : " AND ") + conditions_[n];
    }
    if (!where_.empty()) where_ += ' ';
  }

  const std::string& where() const { return where_; }

  // Binds the values in the order of where()'s placeholders.
  void Bind(soci::details::prepare_temp_type& p) {
    for (auto& value : values_) {
      std::visit([&p](auto& v) { p, soci::use(v); }, value);
    }
  }

 private:
  void Add(std::string condition, std::variant<long long, std::string> value) {
    conditions_.push_back(std::move(condition));
    values_.push_back(std::move(value));
  }

  // The counterpart's folded name contains the text, or its identifier contains the text
  // without spaces ("356 000 000 00048" finds a SIRET).
  void AddCounterpart(const InvoiceQuery& q, Dialect dialect) {
    std::string name_pattern = ContainsPattern(core::FoldForSearch(q.counterpart_contains));
    std::string identifier;
    for (char c : q.counterpart_contains) {
      if (c != ' ') identifier += c;
    }
    std::string condition =
        "EXISTS (SELECT 1 FROM structures c WHERE c.id = " + CounterpartColumn(q.counterpart) +
        " AND (" + FoldedSql("c.name", dialect) + " LIKE LOWER(:counterpart) ESCAPE '\\'";
    values_.emplace_back(std::move(name_pattern));
    if (!identifier.empty()) {
      condition += " OR c.identifier LIKE :counterpart_id ESCAPE '\\'";
      values_.emplace_back(ContainsPattern(identifier));
    }
    conditions_.push_back(condition + "))");
  }

  std::string where_;
  std::vector<std::string> conditions_;
  // Bound by reference: filled in the constructor, never resized afterwards.
  std::vector<std::variant<long long, std::string>> values_;
};

// The expression a SortKey orders by.
std::string SortExpression(const InvoiceQuery& q, Dialect dialect) {
  // Byte order on both backends: PostgreSQL would otherwise use the database's locale.
  const std::string bytewise = dialect == Dialect::kPostgres ? " COLLATE \"C\"" : "";
  switch (q.sort) {
    case InvoiceQuery::SortKey::kDepositedAt:
      return "deposited_at";
    case InvoiceQuery::SortKey::kIssueDate:
      return "issue_date";
    case InvoiceQuery::SortKey::kNumber:
      return "invoice_number" + bytewise;
    case InvoiceQuery::SortKey::kCounterpart:
      return "(SELECT " + FoldedSql("c.name", dialect) +
             " FROM structures c WHERE c.id = " + CounterpartColumn(q.counterpart) + ")" + bytewise;
    case InvoiceQuery::SortKey::kAmount:
      return ExactTotal(dialect);
    case InvoiceQuery::SortKey::kStatus: {
      // Enum order is lifecycle order.
      std::string rank = "CASE " + VisibleStatusSql(q);
      for (invoice::InvoiceStatus status : invoice::AllStatuses()) {
        rank += " WHEN '" + std::string(invoice::StatusCode(status)) + "' THEN " +
                std::to_string(static_cast<int>(status));
      }
      return rank + " END";
    }
  }
  return "id";
}

std::string OrderBy(const InvoiceQuery& q, Dialect dialect) {
  const char* direction = q.descending ? " DESC" : "";
  return "ORDER BY " + SortExpression(q, dialect) + direction + ", id" + direction + " ";
}

struct HistoryRow {
  long long id = 0, invoice_id = 0, at = 0;
  std::string status, action, actor, comment;
  soci::indicator status_ind = soci::i_null;
};

core::Result<HistoryEntry> FromRow(const HistoryRow& r) {
  HistoryEntry e;
  e.id = r.id;
  e.invoice_id = core::InvoiceId(r.invoice_id);
  if (r.status_ind == soci::i_ok) {
    auto status = invoice::ParseStatusCode(r.status);
    if (!status) {
      return core::Fail(
          core::ErrorCode::kInternal,
          "history entry " + std::to_string(r.id) + " has an unknown status '" + r.status + "'");
    }
    e.status = *status;
  }
  e.action = r.action;
  e.actor = r.actor;
  e.at = FromMillis(r.at);
  e.comment = r.comment;
  return e;
}

}  // namespace

core::Result<core::InvoiceId> SqlInvoiceRepository::Insert(const Invoice& invoice) {
  InvoiceRow r = ToRow(invoice);
  long long id = 0;
  auto status = GuardedWrite(ctx_, "inserting invoice", Messages(invoice), [&] {
    soci::details::prepare_temp_type p =
        (ctx_.sql.prepare
         << "INSERT INTO invoices (supplier_id, recipient_id, service_code, engagement_number, "
            "invoice_number, issue_date, document_type, framework, currency, total_without_vat, "
            "total_vat, total_with_vat, amount_due, pdf_sha256, status, deposited_at, "
            "deposited_by, version) VALUES (:supplier, :recipient, :service, :engagement, "
            ":number, :issued, :type, :framework, :currency, :without_vat, :vat, :with_vat, "
            ":due, :pdf, :status, :deposited_at, :deposited_by, 1) RETURNING id");
    BindFields(p, r);
    p, soci::into(id);
    soci::statement st(p);
    st.execute(true);
  });
  if (!status) return core::Fail(status.error());
  return core::InvoiceId(id);
}

core::Result<Invoice> SqlInvoiceRepository::Get(core::InvoiceId id) {
  long long key = id.value();
  auto found = Select(ctx_, "reading invoice", "WHERE id = :id",
                      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); });
  if (!found) return core::Fail(found.error());
  if (found->empty()) {
    return NotFound("invoice", key);
  }
  return std::move(found->front());
}

core::Status SqlInvoiceRepository::Update(const Invoice& invoice) {
  InvoiceRow r = ToRow(invoice);
  long long changed = 0;
  auto status = GuardedWrite(ctx_, "updating invoice", Messages(invoice), [&] {
    soci::details::prepare_temp_type p =
        (ctx_.sql.prepare
         << "UPDATE invoices SET supplier_id = :supplier, recipient_id = :recipient, "
            "service_code = :service, engagement_number = :engagement, invoice_number = :number, "
            "issue_date = :issued, document_type = :type, framework = :framework, "
            "currency = :currency, total_without_vat = :without_vat, total_vat = :vat, "
            "total_with_vat = :with_vat, amount_due = :due, pdf_sha256 = :pdf, status = :status, "
            "deposited_at = :deposited_at, deposited_by = :deposited_by, version = version + 1 "
            "WHERE id = :id AND version = :version");
    BindFields(p, r);
    p, soci::use(r.id), soci::use(r.version);
    soci::statement st(p);
    st.execute(true);
    changed = st.get_affected_rows();
  });
  if (!status) return status;
  if (changed > 0) return core::Ok();
  // Nothing matched: either the invoice is gone (or never was), or its version moved on.
  auto exists = CountWhere(ctx_, "updating invoice", "WHERE id = :id",
                           [&](soci::details::prepare_temp_type& p) { p, soci::use(r.id); });
  if (!exists) return core::Fail(exists.error());
  if (*exists == 0) {
    return NotFound("invoice", r.id);
  }
  return core::Fail(core::ErrorCode::kConflict, "invoice " + invoice.invoice_number +
                                                    " was changed by someone else; reload it");
}

core::Result<bool> SqlInvoiceRepository::NumberTaken(core::StructureId supplier,
                                                     std::string_view number) {
  long long supplier_id = supplier.value();
  std::string value(number);
  auto count = CountWhere(
      ctx_, "checking the invoice number", "WHERE supplier_id = :s AND invoice_number = :n",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(supplier_id), soci::use(value); });
  if (!count) return core::Fail(count.error());
  return *count > 0;
}

core::Result<std::vector<Invoice>> SqlInvoiceRepository::Search(const InvoiceQuery& query) {
  QueryFilter filter(query, ctx_.dialect);
  int limit = query.limit < 0 ? 0 : query.limit;
  int offset = query.offset < 0 ? 0 : query.offset;
  return Select(ctx_, "searching invoices",
                filter.where() + OrderBy(query, ctx_.dialect) + "LIMIT :l OFFSET :o",
                [&](soci::details::prepare_temp_type& p) {
                  filter.Bind(p);
                  p, soci::use(limit), soci::use(offset);
                });
}

core::Result<int64_t> SqlInvoiceRepository::Count(const InvoiceQuery& query) {
  QueryFilter filter(query, ctx_.dialect);
  return CountWhere(ctx_, "counting invoices", filter.where(),
                    [&](soci::details::prepare_temp_type& p) { filter.Bind(p); });
}

core::Result<int64_t> SqlInvoiceRepository::AppendHistory(const HistoryEntry& entry) {
  long long invoice_id = entry.invoice_id.value();
  long long at = ToMillis(entry.at);
  std::string status_code;
  soci::indicator status_ind = soci::i_null;
  if (entry.status) {
    status_code = std::string(invoice::StatusCode(*entry.status));
    status_ind = soci::i_ok;
  }
  std::string action = entry.action, actor = entry.actor, comment = entry.comment;
  long long id = 0;
  ConstraintMessages messages{"", "invoice " + std::to_string(invoice_id) + " does not exist"};
  auto status = GuardedWrite(ctx_, "appending to the invoice history", messages, [&] {
    ctx_.sql << "INSERT INTO invoice_history (invoice_id, status, action, actor, at, comment) "
                "VALUES (:i, :s, :a, :w, :t, :c) RETURNING id",
        soci::use(invoice_id), soci::use(status_code, status_ind), soci::use(action),
        soci::use(actor), soci::use(at), soci::use(comment), soci::into(id);
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(id);
}

core::Result<std::vector<HistoryEntry>> SqlInvoiceRepository::History(core::InvoiceId id) {
  long long key = id.value();
  std::vector<HistoryRow> rows;
  auto status = SelectRows<HistoryRow>(
      ctx_, "reading the invoice history",
      "SELECT id, invoice_id, status, action, actor, at, comment FROM invoice_history "
      "WHERE invoice_id = :i ORDER BY at, id",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); },
      [](soci::details::prepare_temp_type& p, HistoryRow& r) {
        p, soci::into(r.id), soci::into(r.invoice_id), soci::into(r.status, r.status_ind),
            soci::into(r.action), soci::into(r.actor), soci::into(r.at), soci::into(r.comment);
      },
      rows);
  if (!status) return core::Fail(status.error());
  std::vector<HistoryEntry> out;
  out.reserve(rows.size());
  for (const HistoryRow& row : rows) {
    auto entry = FromRow(row);
    if (!entry) return core::Fail(entry.error());
    out.push_back(std::move(*entry));
  }
  return out;
}

}  // namespace choral::store
