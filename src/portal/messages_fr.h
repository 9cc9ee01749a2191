// The French message catalogue: every piece of text the portal shows, by key. The one place to
// edit wording; an English catalogue will follow the same keys.
#pragma once

#include <span>
#include <string_view>

namespace choral::portal {

struct Message {
  std::string_view key;   // dotted, e.g. "login.title"; a key is never a prefix of another
  std::string_view text;  // plain text (HTML-escaped when rendered); "{name}" marks a parameter
};

// The French catalogue, sorted by key.
std::span<const Message> FrenchMessages();

}  // namespace choral::portal
