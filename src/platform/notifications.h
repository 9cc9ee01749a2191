// Notifications: e-mails to the people of a structure, queued in the outbox within the caller's
// transaction (sent by a background job, rendered there from the message catalogue).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace choral::platform {

// Queues `template_key` with `params` for every active person attached to `structure`.
core::Status NotifyStructure(store::Transaction& tx, core::StructureId structure,
                             const std::string& template_key, const nlohmann::json& params,
                             core::Timestamp now);

}  // namespace choral::platform
