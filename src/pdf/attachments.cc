#include "pdf/attachments.h"

#include <exception>
#include <memory>
#include <new>
#include <string>
#include <utility>

#include <qpdf/Constants.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "pdf/extract.h"

namespace choral::pdf {
namespace {

using core::ErrorCode;
using core::Fail;

// The catalog's /Pages /Count, as poppler reads it; when absent or implausible (a hostile file
// may claim anything), the pages are counted by walking the tree (qpdf guards against loops).
int CountPages(QPDF& qpdf) {
  QPDFObjectHandle count = qpdf.getRoot().getKey("/Pages").getKey("/Count");
  long long claimed = 0;
  if (count.isInteger()) claimed = count.getIntValue();
  if (claimed > 0 && claimed <= static_cast<long long>(qpdf.getObjectCount())) {
    return static_cast<int>(claimed);
  }
  return static_cast<int>(QPDFPageDocumentHelper(qpdf).getAllPages().size());
}

// The embedded file's name, type and bytes: /EF /F first, as poppler reads them, else what qpdf
// prefers (/UF...). False when the file spec has no stream.
bool ReadEmbeddedFile(QPDFFileSpecObjectHelper& spec, EmbeddedFile& out) {
  QPDFObjectHandle stream = spec.getEmbeddedFileStream("/F");
  if (!stream.isStream()) stream = spec.getEmbeddedFileStream();
  if (!stream.isStream()) return false;
  out.name = spec.getFilename();
  out.mime_type = QPDFEFStreamObjectHelper(stream).getSubtype();
  std::shared_ptr<Buffer> data = stream.getStreamData(qpdf_dl_all);
  out.bytes.assign(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
  return true;
}

void ReadEmbeddedFiles(QPDF& qpdf, DocumentText& result) {
  QPDFEmbeddedFileDocumentHelper helper(qpdf);
  if (!helper.hasEmbeddedFiles()) return;
  for (auto& [key, spec] : helper.getEmbeddedFiles()) {
    EmbeddedFile file;
    try {
      if (ReadEmbeddedFile(*spec, file)) result.embedded_files.push_back(std::move(file));
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception&) {
      // A broken attachment is skipped, as poppler skips an invalid one: the others may do.
    }
  }
}

std::string ReadXmp(QPDF& qpdf) {
  QPDFObjectHandle metadata = qpdf.getRoot().getKey("/Metadata");
  if (!metadata.isStream()) return "";
  try {
    std::shared_ptr<Buffer> data = metadata.getStreamData(qpdf_dl_all);
    return std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception&) {
    return "";
  }
}

}  // namespace

core::Result<DocumentText> ExtractAttachments(std::string_view bytes, int max_pages) {
  if (core::Status envelope = CheckPdfEnvelope(bytes); !envelope) return Fail(envelope.error());
  DocumentText result;
  try {
    QPDF qpdf;
    qpdf.setSuppressWarnings(true);
    // processMemoryFile does not copy: `bytes` outlives `qpdf`. With no password given, qpdf
    // tries the empty one (an owner-password-only file opens, as in poppler).
    qpdf.processMemoryFile("upload", bytes.data(), bytes.size());
    int pages = CountPages(qpdf);
    if (pages <= 0) return Fail(ErrorCode::kMalformedInput, "the PDF has no pages");
    if (pages > max_pages) {
      return Fail(ErrorCode::kInvalidArgument, "the PDF has " + std::to_string(pages) +
                                                   " pages; the limit is " +
                                                   std::to_string(max_pages));
    }
    result.page_count = pages;
    ReadEmbeddedFiles(qpdf, result);
    result.xmp_metadata = ReadXmp(qpdf);
  } catch (const std::bad_alloc&) {
    throw;  // the worker answers "ran out of memory" and is replaced
  } catch (const QPDFExc& e) {
    if (e.getErrorCode() == qpdf_e_password) {
      return Fail(ErrorCode::kUnsupported,
                  "the PDF is password-protected: deposit it without protection");
    }
    return Fail(ErrorCode::kMalformedInput, "the PDF is corrupt and cannot be read");
  } catch (const std::exception&) {
    return Fail(ErrorCode::kMalformedInput, "the PDF is corrupt and cannot be read");
  }
  return result;
}

}  // namespace choral::pdf
