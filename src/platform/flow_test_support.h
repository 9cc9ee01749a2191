// Test support for flow deposit: archives built in memory (zip, tar.gz) and a corpus UBL invoice
// made deliverable to the demo data (its seller the demo SME, its buyer the demo ministry).
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace choral::platform::testing {

// `files` (name, bytes) packed as "zip" or "tar.gz".
inline std::string MakeArchive(const std::vector<std::pair<std::string, std::string>>& files,
                               const std::string& format = "zip") {
  std::string out;
  struct archive* writer = archive_write_new();
  if (format == "zip") {
    archive_write_set_format_zip(writer);
  } else {
    archive_write_set_format_pax_restricted(writer);
    archive_write_add_filter_gzip(writer);
  }
  archive_write_open(
      writer, &out, nullptr,
      [](struct archive*, void* client, const void* buffer, size_t length) -> la_ssize_t {
        static_cast<std::string*>(client)->append(static_cast<const char*>(buffer), length);
        return static_cast<la_ssize_t>(length);
      },
      nullptr);
  for (const auto& [name, bytes] : files) {
    struct archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_write_header(writer, entry);
    archive_write_data(writer, bytes.data(), bytes.size());
    archive_entry_free(entry);
  }
  archive_write_close(writer);
  archive_write_free(writer);
  return out;
}

inline void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// shared/corpus/en16931/ubl/akretion/ubl-21-en16931.xml (valid EN 16931, French identifiers)
// with invoice number `number`, from the demo SME (Atelier Lumen, 83412698900013) to
// `buyer_siret` (default: the demo ministry) and its service `service_code`.
inline std::string DemoUblInvoice(const std::string& number,
                                  const std::string& buyer_siret = "11000998200015",
                                  const std::string& service_code = "DAF-ACHATS") {
  std::ifstream in(std::string(CHORAL_CORPUS_DIR) + "/en16931/ubl/akretion/ubl-21-en16931.xml",
                   std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::string xml = bytes.str();
  ReplaceAll(xml, "<cbc:ID>F124212</cbc:ID>", "<cbc:ID>" + number + "</cbc:ID>");
  ReplaceAll(xml, "78787878400018", buyer_siret);
  ReplaceAll(xml, "787878784", buyer_siret.substr(0, 9));
  ReplaceAll(xml, "99999999800019", "83412698900013");
  ReplaceAll(xml, "999999998", "834126989");
  ReplaceAll(xml, "<cbc:BuyerReference>120943</cbc:BuyerReference>",
             "<cbc:BuyerReference>" + service_code + "</cbc:BuyerReference>");
  return xml;
}

}  // namespace choral::platform::testing
