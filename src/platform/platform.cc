#include "platform/platform.h"

namespace choral::platform {

Platform::Platform(store::Store& store, const core::Clock& clock, PlatformOptions options)
    : store_(store),
      hasher_(options.password_cost),
      authentication_(store, clock, hasher_, options.authentication),
      sign_up_(store, clock, hasher_, options.sign_up),
      password_reset_(store, clock, hasher_, options.password_reset),
      account_settings_(store, clock, hasher_),
      dashboard_(store),
      public_directory_(store),
      deposits_(store, clock, options.pdf_reader),
      invoices_(store, clock),
      feedback_(store, clock),
      notifications_(store) {}

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
