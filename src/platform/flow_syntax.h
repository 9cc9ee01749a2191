// FlowSyntax: the syntaxeFlux codes a flow is deposited with (Chorus Pro API.md §6.1), what each
// means, and which of them Choral integrates. The code says what the supplier declares; the
// content of each invoice is still sniffed and must agree with it.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"

namespace choral::platform {

// What the invoices of a flow must be, for a syntax Choral integrates.
enum class FlowContent { kUbl, kCii, kFacturX, kNone };

struct FlowSyntax {
  std::string_view code;   // "IN_DP_E1_UBL_INVOICE"
  std::string_view label;  // French, for the portal's select: "UBL 2.1 (facture structurée)"
  FlowContent content = FlowContent::kNone;  // kNone: known to Chorus Pro, not integrated here
};

// Every deposit code of §6.1, in its order.
const std::vector<FlowSyntax>& FlowSyntaxes();

// The syntax of `code`. kInvalidArgument "unknown syntaxeFlux "X" (expected one of ...)" for a
// code §6.1 does not list; kUnsupported "syntaxeFlux X (PES) is not integrated by Choral" for one
// it lists that Choral does not read (PES, xCBL, CPPFacture).
core::Result<FlowSyntax> ParseFlowSyntax(std::string_view code);

}  // namespace choral::platform
