// View models: pure functions turning platform results into the values the templates show,
// in the catalogue's words. No I/O; tested without a server or a database.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

// Role, StructureKind, Structure and Service come through platform's headers: portal names
// platform's types, never the lower modules directly (DESIGN.md's arrows).
#include "platform/actor.h"
#include "platform/dashboard.h"
#include "platform/public_directory.h"
#include "portal/catalogue.h"

namespace choral::portal {

// "role.main_manager", "role.secondary_manager", "role.user".
std::string_view RoleKey(accounts::Role role);
// "kind.public", "kind.private".
std::string_view KindKey(directory::StructureKind kind);

// "732 829 320 00074" for a valid SIRET; the identifier unchanged otherwise.
std::string DisplayIdentifier(directory::IdentifierType type, std::string_view identifier);

// Integer with a space between thousands, as French readers expect: "12 345".
std::string FormatCount(int64_t value);

// {has_structures, structures: [{name, identifier, kind, role, directory_href?}]}; public
// structures identified by SIRET link to their directory entry.
void AddStructures(const Catalogue& catalogue, const std::vector<platform::ActorStructure>& list,
                   mstch::map& data);

// The home page's values: greeting, which role paragraphs apply, key figures, structures.
mstch::map HomeData(const Catalogue& catalogue, const platform::Actor& actor,
                    const platform::HomeView& view);

// The account page's values.
mstch::map AccountData(const Catalogue& catalogue, const platform::Actor& actor);

// Checks what a person typed in the directory's SIRET field before asking the platform: the
// French message naming the field when empty, not 14 digits, or failing the checksum.
std::optional<std::string> SiretInputError(const Catalogue& catalogue, std::string_view input);

// A found public structure: name, SIRET, address, deposit requirements, active services.
mstch::map DirectoryResult(const Catalogue& catalogue, const platform::PublicStructureView& view);

}  // namespace choral::portal
