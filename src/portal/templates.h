// Templates: the portal's mustache templates, compiled into the binary from templates/*.mustache
// (embed_templates.cmake), so serving never depends on the current directory.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace choral::portal {

// Every template by name (file name without ".mustache"), e.g. "layout", "login".
const std::map<std::string, std::string>& Templates();

// The named template; aborts when there is none (a bug: names are fixed at build time).
const std::string& TemplateText(std::string_view name);

}  // namespace choral::portal
