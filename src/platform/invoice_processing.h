// InvoiceProcessing: the invoice spaces (sent, received, to process), the invoice page, and the
// status moves each side may make — authorised here from the actor's structures.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/decimal.h"
#include "core/result.h"
#include "invoice/invoice.h"
#include "invoice/lifecycle.h"
#include "platform/actor.h"
#include "store/store.h"

namespace choral::platform {

enum class InvoiceSpace {
  kSent,       // factures émises: invoices of the actor's supplier structures
  kReceived,   // factures reçues: invoices addressed to the actor's public structures
  kToProcess,  // à traiter: what waits on the actor (recipient: new, completed; supplier:
               // suspended, to recycle, rejected and not acknowledged yet)
};

// The largest attachment (pièce jointe) accepted, FUNCTIONAL.md §10.
inline constexpr size_t kMaxAttachmentBytes = 10 * 1024 * 1024;

// A file a person joins to an invoice: its name as uploaded and its bytes.
struct NewAttachment {
  std::string file_name;
  std::string bytes;
};

// The media type of an attachment, read from its CONTENT (the name only tells office formats
// apart): PDF, PNG, JPEG, TIFF, ZIP-based office documents (docx xlsx pptx odt ods odp) and legacy
// OLE office documents (doc xls ppt). kInvalidArgument naming the file and the rule for an empty
// or too large file or another type (a text file named .pdf is refused).
core::Result<std::string> AttachmentMediaType(const NewAttachment& attachment);

// An attachment as an invoice page lists it (the portal names it through platform).
using InvoiceAttachment = store::Attachment;

// An attachment's bytes, to download.
struct AttachmentFile {
  std::string file_name;
  std::string media_type;
  std::string bytes;
};

// The deposited file of an invoice, to view or download: its PDF, or for an invoice that came in a
// UBL / CII flow, the XML it was deposited as.
struct InvoicePdf {
  std::string bytes;
  std::string
      file_name;  // "facture-<number>.pdf" (or ".xml"), the number reduced to [A-Za-z0-9._-]
  std::string media_type;  // "application/pdf" or "application/xml"
};

// What a list may be sorted by (store::InvoiceQuery::SortKey): deposit date, issue date, number,
// counterpart, total with VAT, status; ties by id, so pages are stable.
using InvoiceSort = store::InvoiceQuery::SortKey;

// A search in one space. The criteria only narrow the space: never another structure's invoices.
struct InvoiceSearch {
  InvoiceSpace space = InvoiceSpace::kReceived;
  std::string number_contains;
  // The other party (the recipient of a sent invoice, the supplier of a received one): part of
  // its name, whatever its case and French accents, or of its SIRET.
  std::string counterpart_contains;
  std::string service_code;                          // exact, case ignored; "" = any
  std::vector<invoice::InvoiceStatus> statuses;      // any of these; empty = all the space shows
  std::optional<core::Date> issued_from, issued_to;  // inclusive
  // Calendar days in Paris time (what a person means by "deposited on the 3rd"), inclusive.
  std::optional<core::Date> deposited_from, deposited_to;
  std::optional<core::Decimal> total_from, total_to;  // total with VAT, inclusive, exact
  InvoiceSort sort = InvoiceSort::kDepositedAt;
  bool descending = true;
  int page = 1;        // 1-based
  int page_size = 25;  // 1..200
};

// One invoice as a list or page shows it: the record and the names of both parties.
struct InvoiceSummaryView {
  invoice::Invoice invoice;
  std::string supplier_name;
  std::string recipient_name;
  // The status as this actor may see it: a recipient that does not report payment
  // (statutMiseEnPaiementNestPasRemonte) shows its supplier COMPTABILISEE at most.
  invoice::InvoiceStatus visible_status = invoice::InvoiceStatus::kDeposited;
};

struct InvoiceList {
  std::vector<InvoiceSummaryView> invoices;
  int64_t total = 0;
};

struct InvoiceView {
  InvoiceSummaryView summary;
  std::vector<invoice::HistoryEntry> history;
  // The people the history names: "user:12" -> "Claire Martin" (who did what is the point of a
  // history, on both sides).
  std::map<std::string, std::string> people;
  invoice::Side side = invoice::Side::kSupplier;       // which side the actor is on
  std::vector<invoice::InvoiceStatus> possible_moves;  // what the actor may do now
  std::vector<InvoiceAttachment> attachments;          // oldest first
  // A supplier acknowledges a rejection or a suspension once (FUNCTIONAL.md §5.1).
  bool can_acknowledge = false;
};

// Thread-safe. Who sees which invoice (structures, spaces, services) and who may change it is
// decided by platform/invoice_access.h; an invoice the actor may not see is kNotFound, a change
// their right on the space does not allow (CONSULTATION_UNIQUEMENT) is kPermissionDenied.
class InvoiceProcessing {
 public:
  // A move's comment (reason, mandate number) is at most this long.
  static constexpr size_t kMaxCommentBytes = 2000;

  InvoiceProcessing(store::Store& store, const core::Clock& clock);

  core::Result<InvoiceList> Search(const Actor& actor, const InvoiceSearch& search) const;

  // Counts for the navigation: invoices waiting on the actor.
  core::Result<int64_t> CountToProcess(const Actor& actor) const;

  // kNotFound when the invoice does not exist or the actor is on neither side (no leak of
  // which invoices exist).
  core::Result<InvoiceView> View(const Actor& actor, core::InvoiceId id) const;

  // The deposited PDF (invoice_pdf.cc), for whoever may View the invoice (kNotFound otherwise).
  // A download by the recipient's side is recorded (FUNCTIONAL.md §5.1): a history entry
  // TELECHARGEMENT_FACTURE without status and an "invoice.downloaded" audit event, in one write
  // transaction; the supplier's own downloads are not.
  core::Result<InvoicePdf> Pdf(const Actor& actor, core::InvoiceId id) const;

  // Moves the invoice to `to` if the state machine allows it for the actor's side, with the
  // comment (reason, mandate number). `expected_version` is the version the actor saw:
  // kConflict when someone else acted in between. Writes the history entry and the audit event
  // in the same transaction; a move the machine refuses is CheckMove's error.
  core::Status Move(const Actor& actor, core::InvoiceId id, invoice::InvoiceStatus to,
                    const std::string& comment, int64_t expected_version) const;
  // The same, with attachments: only a supplier's completion (SUSPENDUE -> COMPLETEE) carries
  // them (kInvalidArgument otherwise). Each is checked (AttachmentMediaType), its bytes go to the
  // BlobStore, and its row and an AJOUT_PIECE_JOINTE history entry join the move's transaction.
  core::Status Move(const Actor& actor, core::InvoiceId id, invoice::InvoiceStatus to,
                    const std::string& comment, int64_t expected_version,
                    const std::vector<NewAttachment>& attachments) const;

  // An attachment of the invoice, for either side. kNotFound when the invoice or the attachment
  // does not exist, the attachment is another invoice's, or the actor is on neither side.
  core::Result<AttachmentFile> Attachment(const Actor& actor, core::InvoiceId invoice_id,
                                          int64_t attachment_id) const;

  // The supplier acknowledges the rejection (ACQUITTEMENT_REJET) or the suspension
  // (ACQUITTEMENT_SUSPENSION) of its invoice: a history action and an audit event; a rejected
  // invoice then leaves the supplier's "to process". kConflict when the invoice is neither
  // REJETEE nor SUSPENDUE or was already acknowledged since its last status change;
  // kPermissionDenied for the recipient's side; kNotFound for outsiders.
  core::Status Acknowledge(const Actor& actor, core::InvoiceId id) const;

 private:
  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace choral::platform
