// EncryptForTest (pdf/test_util.h), kept in a file of its own because qpdf's headers do not build
// with clang in C++20 (see CMakeLists.txt).
#include <memory>
#include <string>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

namespace choral::pdf::testing {

std::string EncryptForTest(const std::string& pdf) {
  QPDF qpdf;
  qpdf.processMemoryFile("test", pdf.data(), pdf.size());
  QPDFWriter writer(qpdf);
  writer.setOutputMemory();
  writer.setR6EncryptionParameters("secret", "owner-secret", true, true, true, true, true, true,
                                   qpdf_r3p_full, true);
  writer.write();
  std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

}  // namespace choral::pdf::testing
