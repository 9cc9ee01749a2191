// FieldProblem: a rule that a value typed in an account form breaks. Not an error: the use case
// answers with the list, and the portal shows each next to its field.
#pragma once

#include <string>
#include <vector>

namespace choral::platform {

struct FieldProblem {
  std::string field;  // the form field: "email", "password", "identifier"...
  std::string rule;   // stable code: "password_too_short", "identifier_public"...

  friend bool operator==(const FieldProblem&, const FieldProblem&) = default;
};

using FieldProblems = std::vector<FieldProblem>;

}  // namespace choral::platform
