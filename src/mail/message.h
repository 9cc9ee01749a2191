// Message: one plain-text e-mail, and its RFC 5322 wire form (headers, a quoted-printable UTF-8
// body, CRLF line ends) as an SMTP client hands it to the server.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace choral::mail {

struct Message {
  std::string from_address;  // envelope and From: address, "noreply@example.fr"
  std::string from_name;     // From: display name, UTF-8; "" for the address alone
  std::string to;            // envelope and To: address
  std::string subject;       // UTF-8, one line
  std::string body;          // UTF-8 plain text; "\n" or "\r\n" line ends
  core::Timestamp date{};    // the Date: header
  std::string message_id;    // "<id@domain>", stable across retries so receivers can dedupe
};

// Whether `address` looks like "local@domain": one '@', both sides non-empty, no space, control
// character, '<', '>', ',' or '"' (what could break out of a header or an SMTP command).
bool IsPlainAddress(std::string_view address);

// The whole message as sent after DATA (curl does the dot-stuffing). kInvalidArgument naming the
// field when an address is not plain, a header value holds CR or LF (header injection), or the
// message id is not "<...@...>".
core::Result<std::string> BuildMessage(const Message& message);

// RFC 2047 "=?UTF-8?B?...?=" words, each at most 75 characters and cut on UTF-8 character
// boundaries, joined by CRLF SP (folding); pure-ASCII printable text is returned as it is.
std::string EncodeHeaderWord(std::string_view text);

// RFC 2045 §6.7 quoted-printable of `text` with CRLF hard line breaks (a lone "\n" counts as one)
// and soft breaks keeping every line within 76 characters.
std::string EncodeQuotedPrintable(std::string_view text);

// "Thu, 27 Nov 2025 09:05:00 +0000" (RFC 5322 §3.3, in UTC).
std::string FormatDate(core::Timestamp at);

}  // namespace choral::mail
