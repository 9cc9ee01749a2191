// Dashboard: what a person sees on their home page, by role.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "platform/actor.h"
#include "store/store.h"

namespace choral::platform {

struct KeyFigure {
  std::string key;  // message catalogue key of its label, e.g. "figure.my_structures"
  int64_t value = 0;
};

struct HomeView {
  // One entry per structure the actor acts for, with their role there.
  std::vector<ActorStructure> structures;
  // Live figures for the actor's structures (or the platform, for an administrator).
  std::vector<KeyFigure> figures;
  // Number of attachment requests waiting on this actor as a manager.
  int64_t pending_attachment_requests = 0;
};

// Thread-safe.
class Dashboard {
 public:
  explicit Dashboard(const store::Store& store) : store_(store) {}

  core::Result<HomeView> Home(const Actor& actor) const;

 private:
  const store::Store& store_;
};

}  // namespace choral::platform
