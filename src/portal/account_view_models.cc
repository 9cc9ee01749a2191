#include "portal/account_view_models.h"

#include <array>

#include "core/siret.h"
#include "directory/identifier_type.h"
#include "portal/view_models.h"

namespace choral::portal {
namespace {

constexpr std::array kIdentifierTypes = {
    directory::IdentifierType::kSiret,      directory::IdentifierType::kEuOutsideFrance,
    directory::IdentifierType::kOutsideEu,  directory::IdentifierType::kRidet,
    directory::IdentifierType::kTahiti,     directory::IdentifierType::kOther,
    directory::IdentifierType::kIndividual,
};

std::string IdentifierTypeKey(directory::IdentifierType type) {
  std::string code(directory::IdentifierTypeCode(type));
  for (char& c : code) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return "accountform.idtype_" + code;
}

std::string_view StatusKey(accounts::AttachmentStatus status) {
  switch (status) {
    case accounts::AttachmentStatus::kPending:
      return "account.status_pending";
    case accounts::AttachmentStatus::kApproved:
      return "account.status_approved";
    case accounts::AttachmentStatus::kRefused:
      return "account.status_refused";
    case accounts::AttachmentStatus::kDeactivated:
      return "account.status_deactivated";
    case accounts::AttachmentStatus::kDeleted:
      return "account.status_deleted";
  }
  return "account.status_pending";
}

}  // namespace

std::string RuleText(const Catalogue& catalogue, std::string_view rule) {
  return std::string(catalogue.Text("accountform.rule_" + std::string(rule)));
}

mstch::map FieldData(const Catalogue& catalogue, const FieldSpec& spec, std::string_view value,
                     const platform::FieldProblems& problems) {
  mstch::array errors;
  for (const platform::FieldProblem& problem : problems) {
    if (problem.field == spec.name) errors.push_back(RuleText(catalogue, problem.rule));
  }
  std::string describedby;
  if (!spec.hint_key.empty()) describedby = spec.name + "-aide";
  if (!errors.empty()) describedby += (describedby.empty() ? "" : " ") + spec.name + "-erreur";
  mstch::map field{
      {"id", spec.name},
      {"name", spec.name},
      {"label", std::string(catalogue.Text(spec.label_key))},
      {"type", spec.type},
      {"autocomplete", spec.autocomplete},
      {"value", spec.type == "password" ? std::string() : std::string(value)},
      {"required", true},
      {"has_errors", !errors.empty()},
      {"errors", std::move(errors)},
      {"is_select", spec.is_select},
  };
  if (!describedby.empty()) field["describedby"] = describedby;
  if (!spec.hint_key.empty()) field["hint"] = std::string(catalogue.Text(spec.hint_key));
  if (spec.is_select) {
    mstch::array options;
    for (auto type : kIdentifierTypes) {
      std::string code(directory::IdentifierTypeCode(type));
      options.push_back(mstch::map{{"value", code},
                                   {"label", std::string(catalogue.Text(IdentifierTypeKey(type)))},
                                   {"selected", code == value}});
    }
    field["options"] = std::move(options);
  }
  return field;
}

mstch::array AttachmentRows(const Catalogue& catalogue,
                            const std::vector<platform::AttachmentView>& attachments) {
  mstch::array rows;
  for (const platform::AttachmentView& a : attachments) {
    auto siret = a.identifier_type == directory::IdentifierType::kSiret
                     ? core::Siret::Parse(a.identifier)
                     : core::Result<core::Siret>(core::Fail(core::ErrorCode::kInvalidArgument, ""));
    mstch::map row{
        {"name", a.structure_name},
        {"identifier", siret ? siret->ToDisplay() : a.identifier},
        {"role", std::string(catalogue.Text(RoleKey(a.role)))},
        {"status", std::string(catalogue.Text(StatusKey(a.status)))},
    };
    // The main manager's way to hand the role over (manager_pages.cc).
    if (a.role == accounts::Role::kMainManager &&
        a.status == accounts::AttachmentStatus::kApproved) {
      row["hand_over_href"] =
          "/compte/rattachements/" + std::to_string(a.structure_id.value()) + "/passation";
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace choral::portal
