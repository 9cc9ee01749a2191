#include "platform/directory_import.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/csv_reader.h"

namespace choral::platform {
namespace {

using directory::DirectoryFileLine;

// The fields an import owns on a structure; the rest (id, VAT number) stay as stored.
bool SameImportedFields(const directory::Structure& a, const directory::Structure& b) {
  return a.name == b.name && a.address == b.address && a.flags == b.flags && a.active == b.active;
}

bool SameImportedFields(const directory::Service& a, const directory::Service& b) {
  return a.name == b.name && a.active == b.active && a.valid_from == b.valid_from &&
         a.valid_to == b.valid_to && a.engagement_number_required == b.engagement_number_required &&
         a.payment_status_reported == b.payment_status_reported;
}

// One write transaction's work; starts from an empty report, as a retried transaction must.
class ImportTransaction {
 public:
  ImportTransaction(store::Transaction& tx, std::string_view actor, DirectoryImportReport& report)
      : tx_(tx), actor_(actor), report_(report) {}

  core::Status Apply(const DirectoryFileLine& line) {
    const std::string& siret = line.structure.identifier;
    if (refused_sirets_.contains(siret)) return Reject(line, refused_sirets_[siret]);
    auto structure_id = UpsertStructure(line);
    if (!structure_id) return core::Fail(structure_id.error());
    if (!*structure_id) return core::Ok();  // rejected
    if (!line.service) return core::Ok();
    return UpsertService(line, **structure_id);
  }

 private:
  core::Status Reject(const DirectoryFileLine& line, std::string reason) {
    report_.rejections.push_back({line.line, std::move(reason)});
    return core::Ok();
  }

  core::Status Audit(std::string action, std::string subject, nlohmann::json details) {
    auto event = tx_.audit().Append(std::string(actor_), std::move(action), std::move(subject),
                                    details.dump());
    if (!event) return core::Fail(event.error());
    return core::Ok();
  }

  // The structure's id, or nullopt when the line was rejected.
  core::Result<std::optional<core::StructureId>> UpsertStructure(const DirectoryFileLine& line) {
    const std::string& siret = line.structure.identifier;
    if (auto done = upserted_.find(siret); done != upserted_.end()) return done->second;
    auto found = tx_.structures().FindByIdentifier(directory::IdentifierType::kSiret, siret);
    if (!found) return core::Fail(found.error());
    nlohmann::json details = {{"siret", siret}, {"line", line.line}, {"source", "import"}};
    core::StructureId id;
    if (!*found) {
      auto inserted = tx_.structures().Insert(line.structure);
      if (!inserted) return core::Fail(inserted.error());
      id = *inserted;
      if (auto a = Audit("structure.created", Subject("structure", id.value()), details); !a) {
        return core::Fail(a.error());
      }
      ++report_.structures.created;
    } else if ((*found)->kind != directory::StructureKind::kPublic) {
      // A supplier's account would silently turn into a recipient: an operator must look.
      refused_sirets_[siret] = "SIRET " + siret + " belongs to a supplier (PRIVEE) structure";
      if (auto r = Reject(line, refused_sirets_[siret]); !r) return core::Fail(r.error());
      return std::nullopt;
    } else if (SameImportedFields(**found, line.structure)) {
      id = (*found)->id;
      ++report_.structures.unchanged;
    } else {
      directory::Structure updated = **found;
      updated.name = line.structure.name;
      updated.address = line.structure.address;
      updated.flags = line.structure.flags;
      updated.active = line.structure.active;
      if (auto saved = tx_.structures().Update(updated); !saved) return core::Fail(saved.error());
      id = updated.id;
      if (auto a = Audit("structure.updated", Subject("structure", id.value()), details); !a) {
        return core::Fail(a.error());
      }
      ++report_.structures.updated;
    }
    upserted_[siret] = id;
    return id;
  }

  core::Status UpsertService(const DirectoryFileLine& line, core::StructureId structure_id) {
    directory::Service service = *line.service;
    service.structure_id = structure_id;
    auto found = tx_.services().FindByCode(structure_id, service.code);
    if (!found) return core::Fail(found.error());
    nlohmann::json details = {{"structure", Subject("structure", structure_id.value())},
                              {"code", service.code},
                              {"line", line.line},
                              {"source", "import"}};
    if (!*found) {
      auto inserted = tx_.services().Insert(service);
      if (!inserted) return core::Fail(inserted.error());
      ++report_.services.created;
      return Audit("service.created", Subject("service", inserted->value()), details);
    }
    if (SameImportedFields(**found, service)) {
      ++report_.services.unchanged;
      return core::Ok();
    }
    service.id = (*found)->id;
    if (auto saved = tx_.services().Update(service); !saved) return saved;
    ++report_.services.updated;
    return Audit("service.updated", Subject("service", service.id.value()), details);
  }

  static std::string Subject(std::string_view kind, int64_t id) {
    return std::string(kind) + ":" + std::to_string(id);
  }

  store::Transaction& tx_;
  std::string_view actor_;
  DirectoryImportReport& report_;
  std::map<std::string, std::optional<core::StructureId>> upserted_;
  std::map<std::string, std::string> refused_sirets_;
};

}  // namespace

core::Result<DirectoryImportReport> DirectoryImport::Run(std::string_view csv_text,
                                                         std::string_view audit_actor) const {
  core::CsvOptions options;
  options.separator = core::SniffCsvSeparator(csv_text);
  auto records = core::ReadCsv(csv_text, options);
  if (!records) return core::Fail(records.error());
  auto file = directory::ParseDirectoryFile(*records);
  if (!file) return core::Fail(file.error());

  DirectoryImportReport report;
  auto written = store_.Write([&](store::Transaction& tx) -> core::Status {
    report = DirectoryImportReport{};
    report.rejections = file->rejections;
    ImportTransaction work(tx, audit_actor, report);
    for (const DirectoryFileLine& line : file->lines) {
      if (auto applied = work.Apply(line); !applied) return applied;
    }
    return core::Ok();
  });
  if (!written) return core::Fail(written.error());
  std::stable_sort(report.rejections.begin(), report.rejections.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  return report;
}

}  // namespace choral::platform
