#include "formats/syntax_path.h"

#include <cctype>
#include <utility>

namespace choral::formats::syntax {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// Splits `text` at each `separator` that is outside parentheses, brackets and quotes.
std::vector<std::string_view> SplitTopLevel(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  int depth = 0;
  char quote = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    } else if (c == separator && depth == 0) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

bool IsName(std::string_view text) {
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text.front()))) return false;
  for (char c : text) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

core::Error Unsupported(std::string_view what, std::string_view text) {
  return core::Error{core::ErrorCode::kInvalidArgument,
                     std::string(what) + " in \"" + std::string(text) + "\""};
}

// "prefix:local" with a prefix of the vocabulary; `local` may be "*" when `allow_wildcard`.
core::Result<std::pair<int, std::string_view>> ParsePrefixedName(std::string_view text,
                                                                 const Vocabulary& vocabulary,
                                                                 bool allow_wildcard) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return core::Fail(Unsupported("unprefixed name", text));
  const int ns = vocabulary.NamespaceOfPrefix(text.substr(0, colon));
  if (ns == kOtherNamespace) return core::Fail(Unsupported("unknown prefix", text));
  const std::string_view local = text.substr(colon + 1);
  if (!(IsName(local) || (allow_wildcard && local == "*"))) {
    return core::Fail(Unsupported("not a name", text));
  }
  return std::pair{ns, local};
}

}  // namespace

Vocabulary::Vocabulary(std::span<const NamespaceBinding> namespaces) : namespaces_(namespaces) {}

int Vocabulary::NamespaceOfPrefix(std::string_view prefix) const {
  for (size_t i = 0; i < namespaces_.size(); ++i) {
    if (namespaces_[i].prefix == prefix) return static_cast<int>(i);
  }
  return kOtherNamespace;
}

int Vocabulary::NamespaceOfUri(std::string_view uri) const {
  for (size_t i = 0; i < namespaces_.size(); ++i) {
    if (namespaces_[i].uri == uri) return static_cast<int>(i);
  }
  return kOtherNamespace;
}

int Vocabulary::Intern(std::string_view local) {
  if (auto it = locals_.find(local); it != locals_.end()) return it->second;
  const std::string& stored = local_storage_.emplace_back(local);
  const int id = static_cast<int>(locals_.size());
  locals_.emplace(stored, id);
  return id;
}

int Vocabulary::Find(std::string_view local) const {
  auto it = locals_.find(local);
  return it == locals_.end() ? kUnknownLocal : it->second;
}

ElementIndex::ElementIndex(const pugi::xml_node& root, const Vocabulary& vocabulary)
    : vocabulary_(vocabulary) {
  pugi::xml_node top = root;
  if (top.type() == pugi::node_document) {
    top = top.first_child();
    while (top && top.type() != pugi::node_element) top = top.next_sibling();
  }
  if (top.type() != pugi::node_element) return;

  // In-scope namespace declarations (prefix, namespace index; "" is the default namespace),
  // and for each element the scope size before its own declarations.
  std::vector<std::pair<std::string_view, int>> scope;
  std::vector<size_t> scope_marks;
  std::vector<int> last_child;

  auto next_element = [](pugi::xml_node node) {
    do node = node.next_sibling();
    while (node && node.type() != pugi::node_element);
    return node;
  };
  auto first_element_child = [](pugi::xml_node node) {
    node = node.first_child();
    while (node && node.type() != pugi::node_element) node = node.next_sibling();
    return node;
  };

  pugi::xml_node node = top;
  int parent = -1;
  while (true) {
    // Enter `node`.
    scope_marks.push_back(scope.size());
    bool has_attributes = false;
    for (const pugi::xml_attribute& attribute : node.attributes()) {
      const std::string_view name = attribute.name();
      if (!name.starts_with("xmlns")) {
        has_attributes = true;
      } else if (name == "xmlns") {
        const std::string_view uri = attribute.value();
        scope.emplace_back("", uri.empty() ? kNoNamespace : vocabulary.NamespaceOfUri(uri));
      } else if (name.starts_with("xmlns:")) {
        scope.emplace_back(name.substr(6), vocabulary.NamespaceOfUri(attribute.value()));
      }
    }
    const std::string_view qualified = node.name();
    const size_t colon = qualified.find(':');
    const std::string_view prefix =
        colon == std::string_view::npos ? std::string_view() : qualified.substr(0, colon);
    IndexedElement element;
    element.node = node;
    element.parent = parent;
    element.has_attributes = has_attributes;
    element.local_name = colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
    element.local = vocabulary.Find(element.local_name);
    element.ns = prefix.empty() ? kNoNamespace : kOtherNamespace;  // unbound prefix: no match
    for (auto it = scope.rbegin(); it != scope.rend(); ++it) {
      if (it->first == prefix) {
        element.ns = it->second;
        break;
      }
    }
    const int id = static_cast<int>(elements_.size());
    elements_.push_back(element);
    last_child.push_back(-1);
    if (parent >= 0) {
      if (last_child[parent] < 0) {
        elements_[parent].first_child = id;
      } else {
        elements_[last_child[parent]].next_sibling = id;
      }
      last_child[parent] = id;
    }

    if (pugi::xml_node child = first_element_child(node)) {
      parent = id;
      node = child;
      continue;
    }
    // Leave `id` and every ancestor that has no next element sibling.
    int leaving = id;
    while (true) {
      scope.resize(scope_marks[leaving]);
      if (leaving == 0) return;
      if (pugi::xml_node sibling = next_element(elements_[leaving].node)) {
        node = sibling;
        parent = elements_[leaving].parent;
        break;
      }
      leaving = elements_[leaving].parent;
    }
  }
}

bool ElementIndex::HasAttribute(int element, std::string_view name) const {
  if (!elements_[element].has_attributes) return false;
  for (const pugi::xml_attribute& attribute : elements_[element].node.attributes()) {
    if (name == attribute.name()) return true;
  }
  return false;
}

core::Result<ChildPath> ParseChildPath(std::string_view text, Vocabulary& vocabulary) {
  ChildPath path;
  std::string_view rest = Trim(text);
  if (rest.starts_with("//")) {
    path.from_document = true;
    rest.remove_prefix(2);
  }
  const std::vector<std::string_view> segments = SplitTopLevel(rest, '/');
  for (size_t i = 0; i < segments.size(); ++i) {
    std::string_view segment = Trim(segments[i]);
    if (segment.starts_with('@')) {
      if (i + 1 != segments.size() || !IsName(segment.substr(1))) {
        return core::Fail(Unsupported("attribute step not last", text));
      }
      path.attribute = std::string(segment.substr(1));
      continue;
    }
    std::vector<std::string_view> alternatives{segment};
    if (segment.starts_with('(') && segment.ends_with(')')) {
      alternatives = SplitTopLevel(segment.substr(1, segment.size() - 2), '|');
    }
    std::vector<QName>& step = path.steps.emplace_back();
    for (std::string_view alternative : alternatives) {
      auto name = ParsePrefixedName(Trim(alternative), vocabulary, /*allow_wildcard=*/false);
      if (!name) return core::Fail(name.error());
      step.push_back(QName{name->first, vocabulary.Intern(name->second)});
    }
  }
  if (path.steps.empty() && path.attribute.empty()) return core::Fail(Unsupported("empty", text));
  return path;
}

void PathTrie::Add(const ChildPath& path, int slot) {
  empty_ = false;
  // Expands the unions: each alternative is its own branch (the nodes selected are distinct).
  auto add_from = [&](auto& self, int node, size_t step) -> void {
    if (step == path.steps.size()) {
      if (path.attribute.empty()) {
        nodes_[node].ends.push_back(slot);
      } else {
        nodes_[node].attribute_ends.emplace_back(path.attribute, slot);
      }
      return;
    }
    for (const QName& name : path.steps[step]) {
      int target = -1;
      for (const auto& [edge_name, edge_node] : nodes_[node].edges) {
        if (edge_name == name) target = edge_node;
      }
      if (target < 0) {
        target = static_cast<int>(nodes_.size());
        nodes_[node].edges.emplace_back(name, target);  // before emplace_back may move nodes_
        nodes_.emplace_back();
      }
      self(self, target, step + 1);
    }
  };
  add_from(add_from, 0, 0);
}

void PathTrie::Descend(const ElementIndex& index, int element, int node,
                       std::vector<int>& counts) const {
  const Node& here = nodes_[node];
  for (int slot : here.ends) ++counts[slot];
  CountAttributes(index, element, here, counts);
  if (here.edges.empty()) return;
  index.ForEachChild(element, [&](int child) {
    for (const auto& [name, target] : here.edges) {
      if (Matches(index[child], name)) Descend(index, child, target, counts);
    }
  });
}

void PathTrie::CountAttributes(const ElementIndex& index, int element, const Node& node,
                               std::vector<int>& counts) {
  if (node.attribute_ends.empty() || !index[element].has_attributes) return;
  // An element has few attributes and most have none: walk them once against the node's list.
  for (const pugi::xml_attribute& attribute : index[element].node.attributes()) {
    const std::string_view name = attribute.name();
    for (const auto& [wanted, slot] : node.attribute_ends) {
      if (wanted == name) ++counts[slot];
    }
  }
}

void PathTrie::Count(const ElementIndex& index, int context, std::vector<int>& counts) const {
  Descend(index, context, 0, counts);
}

void PathTrie::CountFromDocument(const ElementIndex& index, std::vector<int>& counts) const {
  // The root node stands for the document: every element is a candidate for the first step.
  const Node& root = nodes_[0];
  for (int element = 0; element < index.size(); ++element) {
    CountAttributes(index, element, root, counts);
    for (const auto& [name, target] : root.edges) {
      if (Matches(index[element], name)) Descend(index, element, target, counts);
    }
  }
}

bool MatchPattern::StepMatches(const ElementIndex& index, int element, const Step& step) const {
  const IndexedElement& e = index[element];
  if (step.local != kAnyLocal && e.local != step.local) return false;
  if (step.ns != kAnyNamespace && e.ns != step.ns) return false;
  return step.predicate == nullptr || step.predicate(index, element);
}

bool MatchPattern::Matches(const ElementIndex& index, int element) const {
  for (const Alternative& alternative : alternatives_) {
    int e = element;
    bool matched = true;
    for (auto step = alternative.steps.rbegin(); step != alternative.steps.rend(); ++step) {
      if (e < 0 || !StepMatches(index, e, *step)) {
        matched = false;
        break;
      }
      if (step + 1 != alternative.steps.rend()) e = index[e].parent;
    }
    if (matched && (!alternative.from_root || e == 0)) return true;
  }
  return false;
}

void MatchPattern::CollectLocals(std::vector<int>& locals, bool& any) const {
  for (const Alternative& alternative : alternatives_) {
    const int local = alternative.steps.empty() ? kAnyLocal : alternative.steps.back().local;
    if (local == kAnyLocal) {
      any = true;
    } else {
      locals.push_back(local);
    }
  }
}

core::Result<MatchPattern> ParseMatchPattern(std::string_view text, Vocabulary& vocabulary,
                                             std::span<const NamedPredicate> predicates) {
  MatchPattern pattern;
  for (std::string_view part : SplitTopLevel(text, '|')) {
    std::string_view rest = Trim(part);
    MatchPattern::Alternative alternative;
    if (rest.starts_with("//")) {
      rest.remove_prefix(2);  // same as a relative pattern: any element of the document
    } else if (rest.starts_with('/')) {
      alternative.from_root = true;
      rest.remove_prefix(1);
    }
    for (std::string_view segment : SplitTopLevel(rest, '/')) {
      segment = Trim(segment);
      MatchPattern::Step step;
      const size_t bracket = segment.find('[');
      if (bracket != std::string_view::npos) {
        if (!segment.ends_with(']')) return core::Fail(Unsupported("unclosed predicate", text));
        const std::string_view wanted =
            Trim(segment.substr(bracket + 1, segment.size() - bracket - 2));
        for (const NamedPredicate& predicate : predicates) {
          if (predicate.text == wanted) step.predicate = predicate.test;
        }
        if (step.predicate == nullptr) return core::Fail(Unsupported("unknown predicate", text));
        segment = Trim(segment.substr(0, bracket));
      }
      if (segment == "*") {
        step.ns = MatchPattern::kAnyNamespace;
        step.local = MatchPattern::kAnyLocal;
      } else {
        auto name = ParsePrefixedName(segment, vocabulary, /*allow_wildcard=*/true);
        if (!name) return core::Fail(name.error());
        step.ns = name->first;
        step.local =
            name->second == "*" ? MatchPattern::kAnyLocal : vocabulary.Intern(name->second);
      }
      alternative.steps.push_back(step);
    }
    pattern.alternatives_.push_back(std::move(alternative));
  }
  return pattern;
}

}  // namespace choral::formats::syntax
