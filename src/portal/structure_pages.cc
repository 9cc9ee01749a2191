// "Structure" (pages.h): the services of a public structure, listed, created and edited by its
// managers (code, name, flags, validity dates, active).

#include "http/form.h"
#include "platform/permissions.h"
#include "portal/page_params.h"
#include "portal/pages.h"
#include "portal/refusal_text.h"

namespace choral::portal {
namespace {

std::string Checked(bool on) { return on ? "checked" : ""; }

}  // namespace

http::Response Pages::StructureServicesPage(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const core::StructureId structure = StructureIdOf(request);
  ServiceFormState form;
  // ?service=ID: the form edits that service of the list.
  if (auto wanted = request.QueryParam("service")) {
    auto services = platform_.structure_services().List(**actor, structure);
    if (!services) return ErrorPage(services.error(), request, &**actor);
    for (const auto& s : *services) {
      if (std::to_string(s.id.value()) != *wanted) continue;
      form.id = *wanted;
      form.code = s.code;
      form.name = s.name;
      form.active = s.active;
      form.engagement_number_required = s.engagement_number_required;
      form.payment_status_reported = s.payment_status_reported;
      form.valid_from = s.valid_from ? s.valid_from->ToIso() : "";
      form.valid_to = s.valid_to ? s.valid_to->ToIso() : "";
    }
  }
  return ServicesPage(request, **actor, structure, form, 200);
}

http::Response Pages::ServicesPage(const http::Request& request, const platform::Actor& who,
                                   core::StructureId structure, const ServiceFormState& form,
                                   int status) const {
  const Catalogue& catalogue = renderer_.catalogue();
  auto services = platform_.structure_services().List(who, structure);
  if (!services) return ErrorPage(services.error(), request, &who);
  const std::string base = "/gestion/" + std::to_string(structure.value()) + "/services";
  mstch::array rows;
  for (const auto& s : *services) {
    auto yes_no = [&](bool on) {
      return std::string(catalogue.Text(on ? "services.yes" : "services.no"));
    };
    rows.push_back(
        mstch::map{{"code", s.code},
                   {"name", s.name},
                   {"active", yes_no(s.active)},
                   {"engagement", yes_no(s.engagement_number_required)},
                   {"payment", yes_no(s.payment_status_reported)},
                   {"valid_from", s.valid_from ? s.valid_from->ToFrench() : std::string("—")},
                   {"valid_to", s.valid_to ? s.valid_to->ToFrench() : std::string("—")},
                   {"edit_href", base + "?service=" + std::to_string(s.id.value())}});
  }
  const platform::ActorStructure* mine = who.On(structure);
  auto field_error = [&](const std::string& field) -> mstch::node {
    return form.error_field == field ? mstch::node(form.error) : mstch::node(std::string());
  };
  mstch::map data{{"structure_name", mine ? mine->name : std::string()},
                  {"activity_href", "/gestion/" + std::to_string(structure.value())},
                  {"base", base},
                  {"csrf_token", who.csrf_token},
                  {"services", std::move(rows)},
                  {"has_services", !services->empty()},
                  {"editing", !form.id.empty()},
                  {"id", form.id},
                  {"code", form.code},
                  {"name", form.name},
                  {"valid_from", form.valid_from},
                  {"valid_to", form.valid_to},
                  {"active", Checked(form.active)},
                  {"engagement", Checked(form.engagement_number_required)},
                  {"payment", Checked(form.payment_status_reported)},
                  {"code_error", field_error("code")},
                  {"name_error", field_error("name")},
                  {"dates_error", field_error("dates")}};
  Page page{"structure_services", std::string(catalogue.Text("services.title")), NavEntry::kManager,
            std::move(data), status};
  return Render(std::move(page), who);
}

http::Response Pages::SaveStructureService(const http::Request& request) {
  auto posted = ReadPostedForm(request, "service", [&](const platform::Actor& who) {
    return platform::MayManage(who, StructureIdOf(request));
  });
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  const Catalogue& catalogue = renderer_.catalogue();
  const core::StructureId structure = StructureIdOf(request);
  ServiceFormState state;
  state.id = form.Get("id");
  state.code = form.Get("code");
  state.name = form.Get("nom");
  state.valid_from = form.Get("debut");
  state.valid_to = form.Get("fin");
  state.active = !form.Get("actif").empty();
  state.engagement_number_required = !form.Get("engagement").empty();
  state.payment_status_reported = !form.Get("paiement").empty();

  directory::Service service;
  // No id, or anything but a positive number: a new service.
  service.id = core::ServiceId(ParsePositive(state.id).value_or(0));
  service.structure_id = structure;
  service.code = state.code;
  service.name = state.name;
  service.active = state.active;
  service.engagement_number_required = state.engagement_number_required;
  service.payment_status_reported = state.payment_status_reported;
  for (auto [text, date] : {std::pair{&state.valid_from, &service.valid_from},
                            std::pair{&state.valid_to, &service.valid_to}}) {
    if (text->empty()) continue;
    auto parsed = core::Date::Parse(*text);
    if (!parsed) {
      state.error_field = "dates";
      state.error = std::string(catalogue.Text("services.error_date"));
      return ServicesPage(request, who, structure, state, 422);
    }
    *date = *parsed;
  }
  auto saved = platform_.structure_services().Save(who, service);
  if (!saved) {
    const core::Error& error = saved.error();
    if (error.code != core::ErrorCode::kInvalidArgument &&
        error.code != core::ErrorCode::kAlreadyExists) {
      return ErrorPage(error, request, &who);
    }
    // The rule names the field it refused (directory::ValidateService).
    state.error_field = error.message.find("name") != std::string::npos ? "name"
                        : error.message.find("valid") != std::string::npos ||
                                error.message.find("date") != std::string::npos
                            ? "dates"
                            : "code";
    state.error = RefusalText(catalogue, error);
    return ServicesPage(request, who, structure, state, 422);
  }
  return http::Response::Redirect("/gestion/" + std::to_string(structure.value()) + "/services");
}

}  // namespace choral::portal
