// Whether a text is base64 as XML Schema 1.0 writes xs:base64Binary, checked strictly and fast:
// the XSD step uses it to vouch for megabytes of attached files (see Libxml2Document::Parse).
#pragma once

#include <string_view>

namespace choral::formats {

// RFC 2045 digits with XML white space (space, tab, CR, LF) anywhere among them, then one or
// two '=' (and white space) only at the end, the unused bits of the last digit zero, and a whole
// number of four-digit groups. Stricter than libxml2's xs:base64Binary, which also skips stray
// characters: whatever passes here, libxml2 accepts. The empty text passes.
bool IsStrictBase64(std::string_view text);

}  // namespace choral::formats
