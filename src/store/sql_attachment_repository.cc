// SqlAttachmentRepository: table `invoice_attachments` (migrations/0005_attachments.sql).
#include "store/sql_transaction.h"

namespace choral::store {
namespace {

struct AttachmentRow {
  long long id = 0, invoice_id = 0, size = 0, added_at = 0, added_by = 0;
  std::string file_name, media_type, sha256, side;
};

std::string SideCode(invoice::Side side) {
  switch (side) {
    case invoice::Side::kSupplier:
      return "FOURNISSEUR";
    case invoice::Side::kRecipient:
      return "DESTINATAIRE";
    case invoice::Side::kSystem:
      break;
  }
  return "SYSTEME";
}

std::optional<invoice::Side> ParseSideCode(std::string_view code) {
  if (code == "FOURNISSEUR") return invoice::Side::kSupplier;
  if (code == "DESTINATAIRE") return invoice::Side::kRecipient;
  if (code == "SYSTEME") return invoice::Side::kSystem;
  return std::nullopt;
}

void BindInto(soci::details::prepare_temp_type& p, AttachmentRow& r) {
  p, soci::into(r.id), soci::into(r.invoice_id), soci::into(r.file_name), soci::into(r.media_type),
      soci::into(r.size), soci::into(r.sha256), soci::into(r.added_at), soci::into(r.added_by),
      soci::into(r.side);
}

}  // namespace

core::Result<int64_t> SqlAttachmentRepository::Insert(const Attachment& attachment) {
  AttachmentRow r;
  r.invoice_id = attachment.invoice_id.value();
  r.file_name = attachment.file_name;
  r.media_type = attachment.media_type;
  r.size = attachment.size;
  r.sha256 = attachment.sha256;
  r.added_at = ToMillis(attachment.added_at);
  r.added_by = attachment.added_by.value();
  r.side = SideCode(attachment.side);
  long long id = 0;
  ConstraintMessages messages{
      "", "the invoice or user of attachment '" + attachment.file_name + "' does not exist"};
  auto status = GuardedWrite(ctx_, "adding an attachment", messages, [&] {
    ctx_.sql << "INSERT INTO invoice_attachments (invoice_id, file_name, media_type, size, sha256, "
                "added_at, added_by, side) VALUES (:i, :f, :m, :s, :h, :a, :b, :d) RETURNING id",
        soci::use(r.invoice_id), soci::use(r.file_name), soci::use(r.media_type), soci::use(r.size),
        soci::use(r.sha256), soci::use(r.added_at), soci::use(r.added_by), soci::use(r.side),
        soci::into(id);
  });
  if (!status) return core::Fail(status.error());
  return static_cast<int64_t>(id);
}

core::Result<std::vector<Attachment>> SqlAttachmentRepository::ListByInvoice(
    core::InvoiceId invoice_id) {
  long long key = invoice_id.value();
  std::vector<AttachmentRow> rows;
  auto status = SelectRows<AttachmentRow>(
      ctx_, "reading attachments",
      "SELECT id, invoice_id, file_name, media_type, size, sha256, added_at, added_by, side "
      "FROM invoice_attachments WHERE invoice_id = :i ORDER BY id",
      [&](soci::details::prepare_temp_type& p) { p, soci::use(key); }, BindInto, rows);
  if (!status) return core::Fail(status.error());
  std::vector<Attachment> out;
  for (const AttachmentRow& r : rows) {
    auto side = ParseSideCode(r.side);
    if (!side) {
      return core::Fail(core::ErrorCode::kInternal, "attachment " + std::to_string(r.id) +
                                                        " has an unknown side '" + r.side + "'");
    }
    Attachment a;
    a.id = r.id;
    a.invoice_id = core::InvoiceId(r.invoice_id);
    a.file_name = r.file_name;
    a.media_type = r.media_type;
    a.size = r.size;
    a.sha256 = r.sha256;
    a.added_at = FromMillis(r.added_at);
    a.added_by = core::UserId(r.added_by);
    a.side = *side;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace choral::store
