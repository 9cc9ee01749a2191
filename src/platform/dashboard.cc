#include "platform/dashboard.h"

namespace choral::platform {

core::Result<HomeView> Dashboard::Home(const Actor& actor) const {
  HomeView view;
  view.structures = actor.structures;
  auto read = store_.Read([&](store::Transaction& tx) -> core::Status {
    if (actor.platform_admin) {
      auto structures = tx.structures().Count();
      if (!structures) return core::Fail(structures.error());
      auto users = tx.users().Count();
      if (!users) return core::Fail(users.error());
      view.figures.push_back({"figure.platform_structures", *structures});
      view.figures.push_back({"figure.platform_users", *users});
      auto feedback = tx.feedback().Summary();
      if (!feedback) return core::Fail(feedback.error());
      view.figures.push_back({"figure.feedback_count", feedback->count});
      view.figures.push_back({"figure.feedback_average_tenths", feedback->average_tenths});
    }
    int64_t services = 0;
    int64_t members = 0;
    for (const ActorStructure& structure : actor.structures) {
      auto listed = tx.services().ListByStructure(structure.id);
      if (!listed) return core::Fail(listed.error());
      for (const auto& service : *listed) services += service.active ? 1 : 0;
      auto memberships = tx.memberships().ListByStructure(structure.id);
      if (!memberships) return core::Fail(memberships.error());
      for (const auto& membership : *memberships) {
        if (membership.IsEffective()) ++members;
        // Attachment requests wait on the structure's managers (FUNCTIONAL.md §3.2).
        if (accounts::IsManager(structure.role) &&
            membership.status == accounts::AttachmentStatus::kPending) {
          ++view.pending_attachment_requests;
        }
      }
    }
    if (!actor.structures.empty()) {
      view.figures.push_back(
          {"figure.my_structures", static_cast<int64_t>(actor.structures.size())});
      view.figures.push_back({"figure.active_services", services});
      view.figures.push_back({"figure.attached_users", members});
    }
    return core::Ok();
  });
  if (!read) return core::Fail(read.error());
  return view;
}

}  // namespace choral::platform
