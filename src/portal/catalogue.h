// Catalogue: looks up the portal's texts by key and hands them to the templates as `t`, so a
// template writes {{t.login.title}} and never a literal sentence.
#pragma once

#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <mstch/mstch.hpp>

#include "core/result.h"
#include "portal/messages_fr.h"

namespace choral::portal {

// Immutable after construction; thread-safe.
class Catalogue {
 public:
  // kInvalidArgument naming the key when two keys are equal or one is a prefix of another
  // ("a.b" and "a.b.c" cannot both be reached from a template).
  static core::Result<Catalogue> Build(std::span<const Message> messages);

  bool Has(std::string_view key) const;
  // The text of `key`; the key itself when missing, so a gap shows on the page instead of a
  // blank (the catalogue test keeps that from shipping).
  std::string_view Text(std::string_view key) const;
  // Text with each "{name}" replaced by its value (plain text; the template escapes it).
  std::string Format(
      std::string_view key,
      std::initializer_list<std::pair<std::string_view, std::string_view>> args) const;

  // The catalogue as nested maps: key "login.title" is t.login.title in a template.
  const mstch::node& AsNode() const { return tree_; }

 private:
  Catalogue() = default;

  std::map<std::string, std::string, std::less<>> texts_;
  mstch::node tree_;
};

}  // namespace choral::portal
