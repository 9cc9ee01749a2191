#include "invoice/status.h"

#include <array>
#include <utility>

namespace choral::invoice {
namespace {

// One row per status, in enum order, so AllStatuses() and the codes cannot drift apart.
constexpr std::array<std::pair<InvoiceStatus, std::string_view>, 13> kCodes = {{
    {InvoiceStatus::kDeposited, "DEPOSEE"},
    {InvoiceStatus::kRouting, "EN_COURS_ACHEMINEMENT"},
    {InvoiceStatus::kAvailable, "MISE_A_DISPOSITION"},
    {InvoiceStatus::kTakenIntoAccount, "PRISE_EN_COMPTE_DESTINATAIRE"},
    {InvoiceStatus::kServiceDone, "SERVICE_FAIT"},
    {InvoiceStatus::kMandated, "MANDATEE"},
    {InvoiceStatus::kSentToAccountant, "MISE_A_DISPOSITION_COMPTABLE"},
    {InvoiceStatus::kAccounted, "COMPTABILISEE"},
    {InvoiceStatus::kPaymentIssued, "MISE_EN_PAIEMENT"},
    {InvoiceStatus::kToRecycle, "A_RECYCLER"},
    {InvoiceStatus::kSuspended, "SUSPENDUE"},
    {InvoiceStatus::kCompleted, "COMPLETEE"},
    {InvoiceStatus::kRejected, "REJETEE"},
}};

constexpr bool CodesFollowEnumOrder() {
  for (size_t i = 0; i < kCodes.size(); ++i) {
    if (static_cast<size_t>(kCodes[i].first) != i) return false;
  }
  return true;
}
static_assert(CodesFollowEnumOrder(), "StatusCode indexes kCodes by the enum's value");

}  // namespace

std::string_view StatusCode(InvoiceStatus status) {
  return kCodes[static_cast<size_t>(status)].second;
}

std::optional<InvoiceStatus> ParseStatusCode(std::string_view code) {
  for (const auto& [status, name] : kCodes) {
    if (name == code) return status;
  }
  return std::nullopt;
}

const std::vector<InvoiceStatus>& AllStatuses() {
  static const std::vector<InvoiceStatus>* const all = [] {
    auto* statuses = new std::vector<InvoiceStatus>();
    for (const auto& entry : kCodes) statuses->push_back(entry.first);
    return statuses;
  }();
  return *all;
}

}  // namespace choral::invoice
