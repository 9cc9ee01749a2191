// DepositDraftRepository: the PDFs a supplier uploaded to deposit and has not deposited yet. The
// bytes wait in the BlobStore; a draft says whose they are, so the deposit form, the page preview
// and the batch table name a draft by id and only its uploader can use it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace choral::store {

struct DepositDraft {
  int64_t id = 0;
  core::UserId user_id;           // who uploaded it
  core::StructureId supplier_id;  // the supplier structure it will be deposited for
  std::string pdf_sha256;         // the blob holding the PDF
  std::string file_name;          // as uploaded
  core::Timestamp created_at{};

  friend bool operator==(const DepositDraft&, const DepositDraft&) = default;
};

// Bound to one Transaction (see store.h); not thread-safe.
class DepositDraftRepository {
 public:
  virtual ~DepositDraftRepository() = default;

  // Stores one (id ignored); returns its id. kNotFound when the user or the structure does not
  // exist.
  virtual core::Result<int64_t> Insert(const DepositDraft& draft) = 0;

  // kNotFound naming the id when there is none.
  virtual core::Result<DepositDraft> Get(int64_t id) = 0;

  // Removes it (deposited, or abandoned); removing one that is gone already is not an error.
  virtual core::Status Delete(int64_t id) = 0;

  // Removes the drafts created before `cutoff`; returns how many.
  virtual core::Result<int64_t> DeleteCreatedBefore(core::Timestamp cutoff) = 0;
};

}  // namespace choral::store
