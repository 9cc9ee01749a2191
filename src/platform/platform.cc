#include "platform/platform.h"

#include <utility>

namespace choral::platform {

Platform::Platform(store::Store& store, const core::Clock& clock, PlatformOptions options)
    : store_(store),
      hasher_(options.password_cost),
      pdf_readers_(std::move(options.pdf_readers)),
      authentication_(store, clock, hasher_, options.authentication),
      sign_up_(store, clock, hasher_, options.sign_up),
      password_reset_(store, clock, hasher_, options.password_reset),
      account_settings_(store, clock, hasher_),
      dashboard_(store),
      public_directory_(store),
      deposits_(store, clock, pdf_readers_),
      invoices_(store, clock),
      feedback_(store, clock),
      notifications_(store),
      api_access_(store, clock, hasher_, options.api_access),
      attachments_(store, clock),
      structure_services_(store),
      main_manager_(store, clock),
      invoice_validator_(options.xsd, &pdf_readers_),
      flows_(store, clock, options.flows),
      flow_processor_(store, clock, invoice_validator_, options.flow_processing) {}

core::Status Platform::CheckHealth() const {
  return store_.Read([](store::Transaction& tx) -> core::Status {
    auto count = tx.structures().Count();
    if (!count) {
      return core::Fail(core::ErrorCode::kUnavailable,
                        "database does not answer: " + count.error().message);
    }
    return core::Ok();
  });
}

}  // namespace choral::platform
