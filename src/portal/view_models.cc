#include "portal/view_models.h"

#include "core/siret.h"

namespace choral::portal {

std::string_view RoleKey(accounts::Role role) {
  switch (role) {
    case accounts::Role::kMainManager:
      return "role.main_manager";
    case accounts::Role::kSecondaryManager:
      return "role.secondary_manager";
    case accounts::Role::kUser:
      return "role.user";
  }
  return "role.user";
}

std::string_view KindKey(directory::StructureKind kind) {
  return kind == directory::StructureKind::kPublic ? "kind.public" : "kind.private";
}

std::string DisplayIdentifier(directory::IdentifierType type, std::string_view identifier) {
  if (type == directory::IdentifierType::kSiret) {
    if (auto siret = core::Siret::Parse(identifier)) return siret->ToDisplay();
  }
  return std::string(identifier);
}

std::string FormatCount(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202f";  // narrow no-break space
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

void AddStructures(const Catalogue& catalogue, const std::vector<platform::ActorStructure>& list,
                   mstch::map& data) {
  mstch::array rows;
  for (const platform::ActorStructure& structure : list) {
    // ActorStructure carries no identifier type: a SIRET is recognised by its checksum.
    auto siret = core::Siret::Parse(structure.identifier);
    mstch::map row{
        {"name", structure.name},
        {"identifier", siret ? siret->ToDisplay() : structure.identifier},
        {"kind", std::string(catalogue.Text(KindKey(structure.kind)))},
        {"role", std::string(catalogue.Text(RoleKey(structure.role)))},
    };
    if (siret && structure.kind == directory::StructureKind::kPublic) {
      row["directory_href"] = "/annuaire?siret=" + siret->digits();
    }
    rows.push_back(std::move(row));
  }
  data["has_structures"] = !rows.empty();
  data["structures"] = std::move(rows);
}

mstch::map HomeData(const Catalogue& catalogue, const platform::Actor& actor,
                    const platform::HomeView& view) {
  mstch::map data{
      {"greeting", catalogue.Format("home.greeting", {{"name", actor.display_name}})},
      {"is_admin", actor.platform_admin},
      {"is_public", actor.ActsForPublicEntity()},
      {"is_supplier", actor.ActsForSupplier()},
      {"is_manager", actor.ManagesAny()},
  };
  mstch::array figures;
  if (actor.ManagesAny()) {
    figures.push_back(mstch::map{
        {"value", FormatCount(view.pending_attachment_requests)},
        {"label", std::string(catalogue.Text("figure.pending_attachment_requests"))},
        {"highlight", view.pending_attachment_requests > 0},
    });
  }
  for (const platform::KeyFigure& figure : view.figures) {
    if (figure.key == "figure.pending_attachment_requests" && actor.ManagesAny()) continue;
    // The mean rating comes in tenths: 43 -> "4,3 / 5"; none given yet -> "–".
    std::string value = FormatCount(figure.value);
    if (figure.key == "figure.feedback_average_tenths") {
      value = figure.value <= 0 ? "\u2013"
                                : std::to_string(figure.value / 10) + "," +
                                      std::to_string(figure.value % 10) + "\u00a0/\u00a05";
    }
    figures.push_back(mstch::map{
        {"value", value},
        {"label", std::string(catalogue.Text(figure.key))},
        {"highlight", false},
    });
  }
  data["has_figures"] = !figures.empty();
  data["figures"] = std::move(figures);
  AddStructures(catalogue, view.structures, data);
  return data;
}

mstch::map AccountData(const Catalogue& catalogue, const platform::Actor& actor) {
  mstch::map data{
      {"account_name", actor.display_name},
      {"account_email", actor.email},
      {"is_admin", actor.platform_admin},
  };
  AddStructures(catalogue, actor.structures, data);
  return data;
}

namespace {

// At most `max_bytes` of `text`, cut on a UTF-8 character boundary, with "…" when cut: what a
// person typed is echoed in the message, but a pasted page of text is not.
std::string Shorten(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

}  // namespace

std::optional<std::string> SiretInputError(const Catalogue& catalogue, std::string_view input) {
  std::string digits;
  bool only_digits_and_separators = true;
  for (char c : input) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '.' && c != '\t') {
      // Non-breaking spaces and other separators are left to Siret::Parse to accept or refuse.
      if (static_cast<unsigned char>(c) < 0x80) only_digits_and_separators = false;
    }
  }
  if (digits.empty() && only_digits_and_separators) {
    return std::string(catalogue.Text("directory.error_empty"));
  }
  if (!only_digits_and_separators || digits.size() != 14) {
    return catalogue.Format("directory.error_length", {{"siret", Shorten(input, 40)}});
  }
  if (!core::Siret::Parse(input)) {
    return catalogue.Format("directory.error_checksum", {{"siret", Shorten(input, 40)}});
  }
  return std::nullopt;
}

namespace {

mstch::node Requirement(const Catalogue& catalogue, std::string_view label_key, bool required) {
  return mstch::map{
      {"label", std::string(catalogue.Text(label_key))},
      {"value",
       std::string(catalogue.Text(required ? "directory.required" : "directory.optional"))},
      {"strong", required},
  };
}

std::string Validity(const Catalogue& catalogue, const directory::Service& service) {
  if (service.valid_from && service.valid_to) {
    return catalogue.Format("directory.validity_between", {{"from", service.valid_from->ToFrench()},
                                                           {"to", service.valid_to->ToFrench()}});
  }
  if (service.valid_from) {
    return catalogue.Format("directory.validity_from", {{"from", service.valid_from->ToFrench()}});
  }
  if (service.valid_to) {
    return catalogue.Format("directory.validity_to", {{"to", service.valid_to->ToFrench()}});
  }
  return std::string(catalogue.Text("directory.validity_open"));
}

}  // namespace

mstch::map DirectoryResult(const Catalogue& catalogue, const platform::PublicStructureView& view) {
  const directory::Structure& structure = view.structure;
  const directory::StructureFlags& flags = structure.flags;
  mstch::array requirements{
      Requirement(catalogue, "directory.service_code_required", flags.service_code_required),
      Requirement(catalogue, "directory.engagement_required", flags.engagement_number_required),
  };
  if (flags.service_code_or_engagement_required) {
    requirements.push_back(Requirement(catalogue, "directory.either_required", true));
  }
  requirements.push_back(mstch::map{
      {"label", std::string(catalogue.Text("directory.payment_status"))},
      {"value",
       std::string(catalogue.Text(flags.payment_status_not_reported ? "directory.not_reported"
                                                                    : "directory.reported"))},
      {"strong", false},
  });

  mstch::array services;
  for (const directory::Service& service : view.services) {
    services.push_back(mstch::map{
        {"code", service.code},
        {"name", service.name},
        {"engagement",
         std::string(catalogue.Text(service.engagement_number_required ? "directory.required"
                                                                       : "directory.optional"))},
        {"payment",
         std::string(catalogue.Text(service.payment_status_reported ? "directory.reported"
                                                                    : "directory.not_reported"))},
        {"validity", Validity(catalogue, service)},
    });
  }
  return mstch::map{
      {"name", structure.name},
      {"siret", DisplayIdentifier(structure.identifier_type, structure.identifier)},
      {"address", structure.address},
      {"vat_number", structure.vat_number},
      {"requirements", std::move(requirements)},
      {"has_services", !services.empty()},
      {"services", std::move(services)},
  };
}

}  // namespace choral::portal
