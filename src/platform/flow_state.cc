#include "platform/flow_state.h"

namespace choral::platform {
namespace {

constexpr std::pair<FlowState, std::string_view> kCodes[] = {
    {FlowState::kReceived, "IN_RECU"},
    {FlowState::kQueued, "IN_EN_ATTENTE_TRAITEMENT_CPP"},
    {FlowState::kProcessing, "IN_EN_COURS_TRAITEMENT_CPP"},
    {FlowState::kIntegrated, "IN_INTEGRE"},
    {FlowState::kPartlyIntegrated, "IN_INTEGRE_PARTIEL"},
    {FlowState::kRejected, "IN_REJETE"},
    {FlowState::kIncident, "IN_INCIDENTE"},
};

}  // namespace

std::string_view FlowStateCode(FlowState state) {
  for (auto [s, code] : kCodes) {
    if (s == state) return code;
  }
  return "IN_INCIDENTE";
}

std::optional<FlowState> ParseFlowState(std::string_view code) {
  for (auto [s, c] : kCodes) {
    if (c == code) return s;
  }
  return std::nullopt;
}

bool IsFinal(FlowState state) {
  return state == FlowState::kIntegrated || state == FlowState::kPartlyIntegrated ||
         state == FlowState::kRejected || state == FlowState::kIncident;
}

}  // namespace choral::platform
