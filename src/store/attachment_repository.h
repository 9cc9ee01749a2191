// AttachmentRepository: the attachments (pièces jointes) of invoices. The bytes are in the
// BlobStore, named by their SHA-256; a row here links them to an invoice.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "invoice/lifecycle.h"

namespace choral::store {

struct Attachment {
  int64_t id = 0;
  core::InvoiceId invoice_id;
  std::string file_name;   // as the uploader named it
  std::string media_type;  // checked from the content: "application/pdf", "image/png"...
  int64_t size = 0;        // bytes
  std::string sha256;      // the blob's name
  core::Timestamp added_at{};
  core::UserId added_by;
  invoice::Side side = invoice::Side::kSupplier;  // which side added it

  friend bool operator==(const Attachment&, const Attachment&) = default;
};

// Bound to one Transaction (see store.h); not thread-safe.
class AttachmentRepository {
 public:
  virtual ~AttachmentRepository() = default;

  // Inserts `attachment` (id ignored) and returns its id. kNotFound when the invoice or the user
  // does not exist.
  virtual core::Result<int64_t> Insert(const Attachment& attachment) = 0;

  // The invoice's attachments, in the order they were added.
  virtual core::Result<std::vector<Attachment>> ListByInvoice(core::InvoiceId invoice_id) = 0;
};

}  // namespace choral::store
