// Notifications: e-mails to the people of a structure, queued in the outbox within the caller's
// transaction (sent by MailDispatcher, rendered there from mail_templates.h).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace choral::platform {

// Queues `template_key` with `params` for every active person attached to `structure`.
// kInternal when the template does not exist or does not render with `params` (a bug: the
// outbox only ever holds messages the dispatcher can send).
core::Status NotifyStructure(store::Transaction& tx, core::StructureId structure,
                             std::string_view template_key, const nlohmann::json& params,
                             core::Timestamp now);

// Queues `template_key` with `params` for one person, when their account is active (a
// deactivated account reads no mail). Same errors as NotifyStructure; kNotFound for no such user.
core::Status NotifyUser(store::Transaction& tx, core::UserId user, std::string_view template_key,
                        const nlohmann::json& params, core::Timestamp now);

// Queues `template_key` for every approved main and secondary manager of `structure`.
core::Status NotifyManagers(store::Transaction& tx, core::StructureId structure,
                            std::string_view template_key, const nlohmann::json& params,
                            core::Timestamp now);
// Queues `template_key` with `params` for the one address `to` (account mails: activation,
// password reset). kInternal when the template does not render with `params`, as above.
core::Status NotifyAddress(store::Transaction& tx, std::string_view to,
                           std::string_view template_key, const nlohmann::json& params,
                           core::Timestamp now);

}  // namespace choral::platform
