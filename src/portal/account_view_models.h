// Account view models: the fields of the account forms (sign-up, links, "Mon compte") with the
// rules they broke, in French, next to each field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

#include "platform/account_settings.h"
#include "platform/field_problem.h"
#include "portal/catalogue.h"

namespace choral::portal {

struct FieldSpec {
  FieldSpec(std::string name_in, std::string label_key_in, std::string type_in = "text",
            std::string autocomplete_in = "off", std::string hint_key_in = "",
            bool is_select_in = false)
      : name(std::move(name_in)),
        label_key(std::move(label_key_in)),
        type(std::move(type_in)),
        autocomplete(std::move(autocomplete_in)),
        hint_key(std::move(hint_key_in)),
        is_select(is_select_in) {}

  std::string name;          // the form field, also the element id
  std::string label_key;     // catalogue key of the label
  std::string type;          // input type: text, email, password
  std::string autocomplete;  // the input's autocomplete token (WCAG 1.3.5)
  std::string hint_key;      // catalogue key of the help below the field, "" for none
  bool is_select;            // a list of identifier types (the only select of these forms)
};

// The French sentence for a rule code of platform::FieldProblem ("password_too_short").
std::string RuleText(const Catalogue& catalogue, std::string_view rule);

// The template values of one field (account_field.mustache): label, value, hint, and the texts of
// the problems naming it, with aria-invalid and aria-describedby to match.
mstch::map FieldData(const Catalogue& catalogue, const FieldSpec& spec, std::string_view value,
                     const platform::FieldProblems& problems);

// The rows of the "Mon compte" attachments table: structure, identifier, role, state in French.
mstch::array AttachmentRows(const Catalogue& catalogue,
                            const std::vector<platform::AttachmentView>& attachments);

}  // namespace choral::portal
