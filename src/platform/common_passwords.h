// The common-password list, embedded at build time from the Debian package john-data
// (/usr/share/john/password.lst, Openwall's public-domain list): one password a line, lines
// starting with "#!comment:" are its header.
#pragma once

#include <string_view>

namespace choral::platform {

std::string_view CommonPasswordList();

}  // namespace choral::platform
