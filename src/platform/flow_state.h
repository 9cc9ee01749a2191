// FlowState: where a deposited flow is, with Chorus Pro's codes (API.md §6.2). A flow is
// received, queued, processed, and ends integrated (all its invoices), partly integrated, rejected
// (none), or in incident (Choral failed to process it: the whole flow must be sent again).
#pragma once

#include <optional>
#include <string_view>

namespace choral::platform {

enum class FlowState {
  kReceived,          // IN_RECU
  kQueued,            // IN_EN_ATTENTE_TRAITEMENT_CPP
  kProcessing,        // IN_EN_COURS_TRAITEMENT_CPP
  kIntegrated,        // IN_INTEGRE
  kPartlyIntegrated,  // IN_INTEGRE_PARTIEL
  kRejected,          // IN_REJETE
  kIncident,          // IN_INCIDENTE
};

std::string_view FlowStateCode(FlowState state);
std::optional<FlowState> ParseFlowState(std::string_view code);

// Integrated, partly integrated, rejected or in incident: clients stop polling (§6.2).
bool IsFinal(FlowState state);

}  // namespace choral::platform
