#include "portal/catalogue.h"

namespace choral::portal {
namespace {

// Inserts `text` at the dotted `key` path of `tree`. False when the path collides with a text or
// a branch already there.
bool Insert(mstch::map& tree, std::string_view key, const std::string& text) {
  size_t dot = key.find('.');
  std::string head(key.substr(0, dot));
  if (head.empty()) return false;
  if (dot == std::string_view::npos) {
    return tree.emplace(head, text).second;
  }
  auto it = tree.find(head);
  if (it == tree.end()) it = tree.emplace(head, mstch::map{}).first;
  auto* branch = boost::get<mstch::map>(&it->second);
  return branch != nullptr && Insert(*branch, key.substr(dot + 1), text);
}

}  // namespace

core::Result<Catalogue> Catalogue::Build(std::span<const Message> messages) {
  Catalogue catalogue;
  mstch::map tree;
  for (const Message& message : messages) {
    std::string text(message.text);
    if (!catalogue.texts_.emplace(std::string(message.key), text).second ||
        !Insert(tree, message.key, text)) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "message key " + std::string(message.key) +
                            " is empty, repeated, or collides with another key's prefix");
    }
  }
  catalogue.tree_ = std::move(tree);
  return catalogue;
}

bool Catalogue::Has(std::string_view key) const { return texts_.find(key) != texts_.end(); }

std::string_view Catalogue::Text(std::string_view key) const {
  auto it = texts_.find(key);
  return it == texts_.end() ? key : std::string_view(it->second);
}

std::string Catalogue::Format(
    std::string_view key,
    std::initializer_list<std::pair<std::string_view, std::string_view>> args) const {
  std::string_view text = Text(key);
  std::string out;
  out.reserve(text.size() + 32);
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    std::string_view name = text.substr(open + 1, close - open - 1);
    bool found = false;
    for (const auto& [arg_name, value] : args) {
      if (arg_name == name) {
        out.append(value);
        found = true;
        break;
      }
    }
    if (!found) out.append(text.substr(open, close - open + 1));
    i = close + 1;
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

}  // namespace choral::portal
