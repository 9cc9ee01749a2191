// The small XPath subset the syntax rules need, evaluated over a namespace-resolved index of a
// pugixml document: element names are matched by namespace URI and local name, never by prefix
// (a document may bind any prefix, or none, to the UBL and CII namespaces). Internal to formats.
//
//   Vocabulary    the namespaces (by the artefact's prefixes) and the local names rules use
//   ElementIndex  one walk over the document: every element with its parent, children,
//                 namespace and interned local name, in document order
//   ChildPath     "cac:A/cbc:B", "(cac:X|cac:Y)/cbc:B/@attr", "//cac:A/cbc:B", "@attr"
//   PathTrie      many child paths from one context, counted in a single descent
//   MatchPattern  an XSLT match pattern: "cac:A/cac:B | /ubl:Invoice", "//ram:*[predicate]"
#pragma once

#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <pugixml.hpp>

#include "core/result.h"
#include "formats/syntax_rule_table.h"

namespace choral::formats::syntax {

inline constexpr int kNoNamespace = -1;     // an element in no namespace
inline constexpr int kOtherNamespace = -2;  // a namespace the rules never name
inline constexpr int kUnknownLocal = -1;    // a local name the rules never name

class Vocabulary {
 public:
  explicit Vocabulary(std::span<const NamespaceBinding> namespaces);
  Vocabulary(const Vocabulary&) = delete;
  Vocabulary& operator=(const Vocabulary&) = delete;

  // The index of the namespace the artefact writes `prefix`; kOtherNamespace when none.
  int NamespaceOfPrefix(std::string_view prefix) const;
  int NamespaceOfUri(std::string_view uri) const;  // kOtherNamespace when none
  // Interns a local name (while compiling rules; not thread-safe) and returns its id.
  int Intern(std::string_view local);
  int Find(std::string_view local) const;         // kUnknownLocal when never interned
  size_t size() const { return locals_.size(); }  // ids are 0..size()-1

 private:
  std::span<const NamespaceBinding> namespaces_;
  std::deque<std::string> local_storage_;  // stable addresses for the map's keys
  std::unordered_map<std::string_view, int> locals_;
};

struct IndexedElement {
  pugi::xml_node node;
  int parent = -1;  // -1 for the document element
  int first_child = -1;
  int next_sibling = -1;
  int ns = kNoNamespace;
  int local = kUnknownLocal;
  bool has_attributes = false;  // other than namespace declarations
  std::string_view local_name;
};

// The elements of the document `root` belongs to (root: the document or its element), in
// document order; element 0 is the document element. Borrows the pugixml document.
class ElementIndex {
 public:
  ElementIndex(const pugi::xml_node& root, const Vocabulary& vocabulary);

  const IndexedElement& operator[](int element) const { return elements_[element]; }
  int size() const { return static_cast<int>(elements_.size()); }
  const Vocabulary& vocabulary() const { return vocabulary_; }

  // Calls f(child) for each element child of `element`, in order.
  template <typename F>
  void ForEachChild(int element, F&& f) const {
    for (int c = elements_[element].first_child; c >= 0; c = elements_[c].next_sibling) f(c);
  }
  // Whether `element` carries the attribute `name` (no namespace, as XPath's @name).
  bool HasAttribute(int element, std::string_view name) const;

 private:
  const Vocabulary& vocabulary_;
  std::vector<IndexedElement> elements_;
};

struct QName {
  int ns = kNoNamespace;
  int local = kUnknownLocal;
  friend bool operator==(const QName&, const QName&) = default;
};

inline bool Matches(const IndexedElement& element, const QName& name) {
  return element.local == name.local && element.ns == name.ns;
}

struct ChildPath {
  bool from_document = false;             // "//a/b": every a of the document, not the context's
  std::vector<std::vector<QName>> steps;  // each step: its alternatives ("(a|b)")
  std::string attribute;                  // "/@x" ending; empty when the path selects elements
};

// kInvalidArgument naming what is not in the subset (predicates, axes, functions, unknown
// prefixes). Interns the path's names into `vocabulary`.
core::Result<ChildPath> ParseChildPath(std::string_view text, Vocabulary& vocabulary);

// Counts, for many child paths at once, the nodes each selects from a context element: the
// context's subtree is descended once, only along the paths' names.
class PathTrie {
 public:
  // `slot` is where Count adds this path's count. A path from the document ("//...") belongs
  // in a trie of its own, counted with CountFromDocument.
  void Add(const ChildPath& path, int slot);
  bool empty() const { return empty_; }

  void Count(const ElementIndex& index, int context, std::vector<int>& counts) const;
  void CountFromDocument(const ElementIndex& index, std::vector<int>& counts) const;

 private:
  struct Node {
    std::vector<std::pair<QName, int>> edges;  // child name -> node
    std::vector<int> ends;                     // slots of paths that end here
    std::vector<std::pair<std::string, int>> attribute_ends;
  };
  void Descend(const ElementIndex& index, int element, int node, std::vector<int>& counts) const;
  static void CountAttributes(const ElementIndex& index, int element, const Node& node,
                              std::vector<int>& counts);
  std::vector<Node> nodes_{1};
  bool empty_ = true;
};

// A hand-written predicate of a match pattern step, named by its text in the artefact
// ("cbc:ChargeIndicator = false()", without the brackets).
using StepPredicate = bool (*)(const ElementIndex& index, int element);
struct NamedPredicate {
  std::string_view text;
  StepPredicate test;
};

class MatchPattern {
 public:
  bool Matches(const ElementIndex& index, int element) const;
  // The local names an element must have to match (`any` when a last step is a wildcard): lets
  // a caller try only the patterns that can match an element.
  void CollectLocals(std::vector<int>& locals, bool& any) const;

 private:
  friend core::Result<MatchPattern> ParseMatchPattern(std::string_view, Vocabulary&,
                                                      std::span<const NamedPredicate>);
  struct Step {
    int ns = kNoNamespace;      // kAnyNamespace for "*"
    int local = kUnknownLocal;  // kAnyLocal for "*" and "prefix:*"
    StepPredicate predicate = nullptr;
  };
  struct Alternative {
    bool from_root = false;  // "/a/b": a is the document element
    std::vector<Step> steps;
  };
  static constexpr int kAnyNamespace = -100;
  static constexpr int kAnyLocal = -100;
  bool StepMatches(const ElementIndex& index, int element, const Step& step) const;
  std::vector<Alternative> alternatives_;
};

// kInvalidArgument when the pattern leaves the subset or names a predicate `predicates` lacks.
core::Result<MatchPattern> ParseMatchPattern(std::string_view text, Vocabulary& vocabulary,
                                             std::span<const NamedPredicate> predicates);

}  // namespace choral::formats::syntax
