// The test PDFs made with libqpdf (pdf/test_util.h), kept in a file of their own because qpdf's
// headers do not build with clang in C++20 (see CMakeLists.txt).
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>

#include "pdf/test_util.h"

namespace choral::pdf::testing {
namespace {

std::string Written(QPDFWriter& writer) {
  writer.setOutputMemory();
  writer.write();
  std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

}  // namespace

std::string EncryptForTest(const std::string& pdf) {
  QPDF qpdf;
  qpdf.processMemoryFile("test", pdf.data(), pdf.size());
  QPDFWriter writer(qpdf);
  writer.setR6EncryptionParameters("secret", "owner-secret", true, true, true, true, true, true,
                                   qpdf_r3p_full, true);
  return Written(writer);
}

std::string AttachForTest(const std::string& pdf,
                          const std::vector<std::pair<std::string, std::string>>& files) {
  QPDF qpdf;
  qpdf.processMemoryFile("test", pdf.data(), pdf.size());
  QPDFEmbeddedFileDocumentHelper attachments(qpdf);
  for (const auto& [name, bytes] : files) {
    // Flate-compressed when written, as producers do.
    QPDFEFStreamObjectHelper stream = QPDFEFStreamObjectHelper::createEFStream(qpdf, bytes);
    attachments.replaceEmbeddedFile(name,
                                    QPDFFileSpecObjectHelper::createFileSpec(qpdf, name, stream));
  }
  QPDFWriter writer(qpdf);
  writer.setCompressStreams(true);
  return Written(writer);
}

std::string WithXmpForTest(const std::string& pdf, const std::string& xmp) {
  QPDF qpdf;
  qpdf.processMemoryFile("test", pdf.data(), pdf.size());
  QPDFObjectHandle metadata = QPDFObjectHandle::newStream(&qpdf, xmp);
  metadata.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
  metadata.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
  qpdf.getRoot().replaceKey("/Metadata", metadata);
  QPDFWriter writer(qpdf);
  return Written(writer);
}

std::string WithPageCountForTest(const std::string& pdf, long long count) {
  QPDF qpdf;
  qpdf.processMemoryFile("test", pdf.data(), pdf.size());
  qpdf.getRoot().getKey("/Pages").replaceKey("/Count", QPDFObjectHandle::newInteger(count));
  QPDFWriter writer(qpdf);
  return Written(writer);
}

}  // namespace choral::pdf::testing
