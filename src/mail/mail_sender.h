// MailSender: hands one e-mail to a mail server. The dispatcher of the outbox talks to this
// interface, so that tests may give it another sender; SmtpSender is the real one.
#pragma once

#include "core/result.h"
#include "mail/message.h"

namespace choral::mail {

class MailSender {
 public:
  virtual ~MailSender() = default;

  // Ok once the server accepted the message for delivery. kInvalidArgument when the message
  // itself cannot be sent (an address or header BuildMessage refuses: retrying will not help);
  // kUnavailable for anything the server or network said (connection, TLS, authentication,
  // a refused recipient), with the server's words in the message.
  virtual core::Status Send(const Message& message) = 0;
};

}  // namespace choral::mail
