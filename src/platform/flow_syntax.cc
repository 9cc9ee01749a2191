#include "platform/flow_syntax.h"

#include <string>

#include "core/error.h"

namespace choral::platform {

const std::vector<FlowSyntax>& FlowSyntaxes() {
  using C = FlowContent;
  // API.md §6.1. E2 "minimal" syntaxes carry the same XML (with fewer terms) beside a PDF image:
  // Choral integrates their XML like E1's.
  static const std::vector<FlowSyntax> syntaxes = {
      {"IN_DP_E1_UBL_INVOICE", "UBL 2.1 — facture structurée (E1)", C::kUbl},
      {"IN_DP_E1_CII_16B", "CII D16B — facture structurée (E1)", C::kCii},
      {"IN_DP_E1_CII", "CII — facture structurée, ancienne version (E1)", C::kCii},
      {"IN_DP_E1_PES_FACTURE", "PES Facture (E1)", C::kNone},
      {"IN_DP_E1_XCBL", "xCBL (E1)", C::kNone},
      {"IN_DP_E2_UBL_INVOICE_MIN", "UBL minimal et PDF (E2)", C::kUbl},
      {"IN_DP_E2_CII_MIN_16B", "CII D16B minimal et PDF (E2)", C::kCii},
      {"IN_DP_E2_CII_MIN", "CII minimal et PDF, ancienne version (E2)", C::kCii},
      {"IN_DP_E2_PES_FACTURE_MIN", "PES minimal et PDF (E2)", C::kNone},
      {"IN_DP_E2_CPP_FACTURE_MIN", "CPPFacture minimal et PDF (E2)", C::kNone},
      {"IN_DP_E2_CII_FACTURX", "Factur-X — PDF/A-3 avec CII (E2)", C::kFacturX},
      {"IN_DP_E3_UBL_INVOICE", "UBL — mémoires de justice (E3)", C::kUbl},
  };
  return syntaxes;
}

core::Result<FlowSyntax> ParseFlowSyntax(std::string_view code) {
  std::string known;
  for (const FlowSyntax& syntax : FlowSyntaxes()) {
    if (syntax.code == code) {
      if (syntax.content == FlowContent::kNone) {
        return core::Fail(core::ErrorCode::kUnsupported,
                          "syntaxeFlux " + std::string(code) +
                              " is not integrated by Choral (UBL, CII and Factur-X are)");
      }
      return syntax;
    }
    if (syntax.content != FlowContent::kNone)
      known += (known.empty() ? "" : ", ") + std::string(syntax.code);
  }
  return core::Fail(core::ErrorCode::kInvalidArgument, "unknown syntaxeFlux " + core::Quoted(code) +
                                                           " (expected one of " + known + ")");
}

}  // namespace choral::platform
