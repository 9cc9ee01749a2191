#include "pdf/attachments.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <exception>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <qpdf/Constants.h>
#include <qpdf/Pipeline.hh>
#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QUtil.hh>

#include "pdf/extract.h"

namespace choral::pdf {
namespace {

using core::ErrorCode;
using core::Fail;

// The catalog's /Pages /Count, as poppler reads it: taken when within 1..max_pages, and, over
// the limit, when the file has at least that many objects (a real long document is refused
// without walking its tree). A count that is absent, not positive or beyond the objects (a
// hostile file may claim anything) is replaced by walking the page tree (qpdf guards against
// loops). QPDF::getObjectCount is not used: it resolves every object of the file.
int CountPages(QPDF& qpdf, int max_pages) {
  QPDFObjectHandle count = qpdf.getRoot().getKey("/Pages").getKey("/Count");
  long long claimed = count.isInteger() ? count.getIntValue() : 0;
  if (claimed > 0 && claimed <= max_pages) return static_cast<int>(claimed);
  if (claimed > max_pages && claimed <= static_cast<long long>(qpdf.getXRefTable().size())) {
    return static_cast<int>(std::min<long long>(claimed, INT_MAX));
  }
  return static_cast<int>(QPDFPageDocumentHelper(qpdf).getAllPages().size());
}

// Enough decoded bytes to see past a byte order mark and the white space before a '<'.
constexpr size_t kSniffedBytes = 4096;

// Keeps the first `limit` bytes of a stream, then stops its decoding (qpdf catches the exception
// and reports the stream as not fully read, which is what it is).
class FirstBytes : public Pipeline {
 public:
  explicit FirstBytes(size_t limit) : Pipeline("first bytes", nullptr), limit_(limit) {}

  void write(unsigned char const* data, size_t len) override {
    size_t take = std::min(len, limit_ - bytes_.size());
    bytes_.append(reinterpret_cast<const char*>(data), take);
    if (bytes_.size() == limit_) {
      cut_ = true;
      throw std::length_error("enough bytes");
    }
  }
  void finish() override {}

  const std::string& bytes() const { return bytes_; }
  bool cut() const { return cut_; }  // the stream goes on past bytes()

 private:
  size_t limit_;
  std::string bytes_;
  bool cut_ = false;
};

bool EndsWithXml(const std::string& name) {
  if (name.size() < 4) return false;
  std::string suffix = name.substr(name.size() - 4);
  for (char& c : suffix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return suffix == ".xml";
}

// Whether the stream's content may start like XML: a UTF-8 byte order mark, white space, '<'.
// When its first kSniffedBytes are all white space, it may.
bool MayStartLikeXml(QPDFObjectHandle& stream) {
  FirstBytes first(kSniffedBytes);
  stream.pipeStreamData(&first, nullptr, 0, qpdf_dl_all, /*suppress_warnings=*/true);
  std::string_view text = first.bytes();
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t at = text.find_first_not_of(" \t\r\n");
  if (at == std::string_view::npos) return first.cut();
  return text[at] == '<';
}

// The embedded file's name, type and bytes: /EF /F first, as poppler reads them, else what qpdf
// prefers (/UF...). False when the file spec has no stream, its filters are not ones qpdf
// decodes, or `filter` leaves it out.
bool ReadEmbeddedFile(QPDFFileSpecObjectHelper& spec, AttachmentFilter filter, EmbeddedFile& out) {
  QPDFObjectHandle stream = spec.getEmbeddedFileStream("/F");
  if (!stream.isStream()) stream = spec.getEmbeddedFileStream();
  if (!stream.isStream()) return false;
  out.name = spec.getFilename();
  if (filter == AttachmentFilter::kMayBeXml && !EndsWithXml(out.name) && !MayStartLikeXml(stream)) {
    return false;
  }
  out.mime_type = QPDFEFStreamObjectHelper(stream).getSubtype();
  // As getStreamData, without its intermediate buffer (and, as there, what a damaged stream
  // yields before it breaks).
  Pl_String data("embedded file", nullptr, out.bytes);
  bool filtered = false;
  stream.pipeStreamData(&data, &filtered, 0, qpdf_dl_all, /*suppress_warnings=*/true);
  return filtered;
}

void ReadEmbeddedFiles(QPDF& qpdf, AttachmentFilter filter, DocumentText& result) {
  QPDFEmbeddedFileDocumentHelper helper(qpdf);
  if (!helper.hasEmbeddedFiles()) return;
  for (auto& [key, spec] : helper.getEmbeddedFiles()) {
    EmbeddedFile file;
    try {
      if (ReadEmbeddedFile(*spec, filter, file)) result.embedded_files.push_back(std::move(file));
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception&) {
      // A broken attachment is skipped, as poppler skips an invalid one: the others may do.
    }
  }
}

// The packet as UTF-8, as DocumentText promises: XMP may also be written in UTF-16 (with its
// byte order mark), which poppler used to convert.
std::string ReadXmp(QPDF& qpdf) {
  QPDFObjectHandle metadata = qpdf.getRoot().getKey("/Metadata");
  if (!metadata.isStream()) return "";
  try {
    std::string packet;
    Pl_String data("XMP", nullptr, packet);
    bool filtered = false;
    metadata.pipeStreamData(&data, &filtered, 0, qpdf_dl_all, /*suppress_warnings=*/true);
    if (!filtered) return "";
    return QUtil::is_utf16(packet) ? QUtil::utf16_to_utf8(packet) : packet;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception&) {
    return "";
  }
}

}  // namespace

core::Result<DocumentText> ExtractAttachments(std::string_view bytes, int max_pages,
                                              AttachmentFilter filter) {
  if (core::Status envelope = CheckPdfEnvelope(bytes); !envelope) return Fail(envelope.error());
  DocumentText result;
  try {
    QPDF qpdf;
    qpdf.setSuppressWarnings(true);
    // processMemoryFile does not copy: `bytes` outlives `qpdf`. With no password given, qpdf
    // tries the empty one (an owner-password-only file opens, as in poppler).
    qpdf.processMemoryFile("upload", bytes.data(), bytes.size());
    int pages = CountPages(qpdf, max_pages);
    if (pages <= 0) return Fail(ErrorCode::kMalformedInput, "the PDF has no pages");
    if (pages > max_pages) {
      return Fail(ErrorCode::kInvalidArgument, "the PDF has " + std::to_string(pages) +
                                                   " pages; the limit is " +
                                                   std::to_string(max_pages));
    }
    result.page_count = pages;
    ReadEmbeddedFiles(qpdf, filter, result);
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
