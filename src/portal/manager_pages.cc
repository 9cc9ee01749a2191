// Managers' pages (pages.h): "Activité du gestionnaire" (requests to decide, the structure's
// people, their CSV export, the history of manager actions), the attachment request form, and
// the main-manager hand-over from "Mon compte". Each parses, calls one platform function, renders.
#include <algorithm>

#include "http/form.h"
#include "platform/permissions.h"
#include "portal/csv.h"
#include "portal/invoice_view_models.h"
#include "portal/page_params.h"
#include "portal/pages.h"
#include "portal/refusal_text.h"
#include "portal/view_models.h"

namespace choral::portal {
namespace {

using accounts::AttachmentMove;
using accounts::AttachmentStatus;

std::string_view StatusKey(AttachmentStatus status) {
  switch (status) {
    case AttachmentStatus::kPending:
      return "attachment_status.pending";
    case AttachmentStatus::kApproved:
      return "attachment_status.approved";
    case AttachmentStatus::kRefused:
      return "attachment_status.refused";
    case AttachmentStatus::kDeactivated:
      return "attachment_status.deactivated";
    case AttachmentStatus::kDeleted:
      return "attachment_status.deleted";
  }
  return "attachment_status.pending";
}

std::optional<AttachmentMove> ParseMove(std::string_view code) {
  if (code == "valider") return AttachmentMove::kValidate;
  if (code == "refuser") return AttachmentMove::kRefuse;
  if (code == "desactiver") return AttachmentMove::kDeactivate;
  if (code == "reactiver") return AttachmentMove::kReactivate;
  if (code == "detacher") return AttachmentMove::kDetach;
  return std::nullopt;
}

// The options of one space's select: no access, consultation, modification; `current` selected.
mstch::array SpaceOptions(const Catalogue& catalogue, const std::vector<store::SpaceGrant>& grants,
                          accounts::Space space) {
  std::string current;
  for (const auto& g : grants) {
    if (g.space == space) current = std::string(accounts::SpaceAccessCode(g.access));
  }
  mstch::array options;
  for (std::string code : {"", "CONSULTATION_UNIQUEMENT", "MODIFICATION"}) {
    std::string key = code.empty() ? "space_access.none" : "space_access." + code;
    options.push_back(mstch::map{{"value", code},
                                 {"label", std::string(catalogue.Text(key))},
                                 {"selected", code == current}});
  }
  return options;
}

// "attachment.validated" -> its French label (manager_action.attachment_validated), or the code.
std::string ActionLabel(const Catalogue& catalogue, const std::string& action) {
  std::string suffix = action;
  std::replace(suffix.begin(), suffix.end(), '.', '_');
  const std::string key = "manager_action." + suffix;
  return catalogue.Has(key) ? std::string(catalogue.Text(key)) : action;
}

// The French sentence for a refusal the person can act on; empty for any other error.
std::string FieldError(const Catalogue& catalogue, const core::Error& error) {
  switch (error.code) {
    case core::ErrorCode::kInvalidArgument:
    case core::ErrorCode::kNotFound:
    case core::ErrorCode::kAlreadyExists:
    case core::ErrorCode::kConflict:
      return RefusalText(catalogue, error);
    default:
      return "";
  }
}

}  // namespace

http::Response Pages::ManagerHome(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  for (const auto& s : (*actor)->structures) {
    if (accounts::IsManager(s.role)) {
      return http::Response::Redirect("/gestion/" + std::to_string(s.id.value()));
    }
  }
  return ErrorPage({core::ErrorCode::kPermissionDenied, "not a manager"}, request, &**actor);
}

http::Response Pages::ManagerActivity(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  return ManagerActivityPage(request, **actor, StructureIdOf(request), "", 200);
}

http::Response Pages::ManagerActivityPage(const http::Request& request, const platform::Actor& who,
                                          core::StructureId structure, std::string_view error,
                                          int status) const {
  const Catalogue& catalogue = renderer_.catalogue();
  auto members = platform_.attachments().Members(who, structure);
  if (!members) return ErrorPage(members.error(), request, &who);
  auto history = platform_.attachments().History(who, structure, 100);
  if (!history) return ErrorPage(history.error(), request, &who);
  const platform::ActorStructure* mine = who.On(structure);
  mstch::array pending, people, events, switcher;
  for (const auto& m : *members) {
    mstch::map row{{"membership", std::to_string(m.membership_id.value())},
                   {"name", m.display_name},
                   {"email", m.email},
                   {"role", std::string(catalogue.Text(RoleKey(m.role)))},
                   {"status", std::string(catalogue.Text(StatusKey(m.status)))},
                   {"since", FormatTimestamp(m.since)},
                   {"services", m.service_codes.empty() ? std::string(catalogue.Text(
                                                              "manager.all_services"))
                                                        : [&] {
                                                            std::string joined;
                                                            for (const auto& c : m.service_codes) {
                                                              if (!joined.empty()) joined += ", ";
                                                              joined += c;
                                                            }
                                                            return joined;
                                                          }()},
                   {"last_login", m.last_login ? FormatTimestamp(*m.last_login)
                                               : std::string(catalogue.Text("manager.never"))},
                   {"can_grant", m.status == AttachmentStatus::kApproved},
                   // No grant recorded means full rights (platform/invoice_access.h): say so, or
                   // the selects' "Aucun accès" would read as the person's access today.
                   {"default_rights", m.spaces.empty()},
                   {"sent_options",
                    SpaceOptions(catalogue, m.spaces, accounts::Space::kSentInvoices)},
                   {"received_options",
                    SpaceOptions(catalogue, m.spaces, accounts::Space::kReceivedInvoices)},
                   {"can_deactivate", m.status == AttachmentStatus::kApproved &&
                                          m.role != accounts::Role::kMainManager},
                   {"can_reactivate", m.status == AttachmentStatus::kDeactivated},
                   {"can_detach", (m.status == AttachmentStatus::kApproved ||
                                   m.status == AttachmentStatus::kDeactivated) &&
                                      m.role != accounts::Role::kMainManager}};
    if (m.status == AttachmentStatus::kPending) {
      pending.push_back(std::move(row));
    } else {
      people.push_back(std::move(row));
    }
  }
  for (const auto& h : *history) {
    events.push_back(
        mstch::map{{"when", FormatTimestamp(h.at)},
                   {"who", h.actor_email.empty() ? std::string("Choral") : h.actor_email},
                   {"action", ActionLabel(catalogue, h.action)},
                   {"code", h.action},
                   {"details", h.details}});
  }
  for (const auto& s : who.structures) {
    if (!accounts::IsManager(s.role)) continue;
    switcher.push_back(mstch::map{{"href", "/gestion/" + std::to_string(s.id.value())},
                                  {"name", s.name},
                                  {"current", s.id == structure}});
  }
  const std::string base = "/gestion/" + std::to_string(structure.value());
  const bool has_pending = !pending.empty();
  mstch::map data{{"structure_name", mine ? mine->name : std::string()},
                  {"base", base},
                  {"is_public", mine && mine->kind == directory::StructureKind::kPublic},
                  {"has_pending", has_pending},
                  {"csrf_token", who.csrf_token},
                  {"pending", std::move(pending)},
                  {"people", std::move(people)},
                  {"events", std::move(events)},
                  {"switcher", std::move(switcher)},
                  {"error", std::string(error)},
                  {"has_error", !error.empty()}};
  Page page{"manager_activity", std::string(catalogue.Text("manager.title")), NavEntry::kManager,
            std::move(data), status};
  return Render(std::move(page), who);
}

// A manager's action the platform refused: a refusal the catalogue words for a field is shown on
// the activity page (422); anything else is an error page.
http::Response Pages::ManagerRefusal(const http::Request& request, const platform::Actor& who,
                                     core::StructureId structure, const core::Error& error) const {
  std::string message = FieldError(renderer_.catalogue(), error);
  if (message.empty()) return ErrorPage(error, request, &who);
  return ManagerActivityPage(request, who, structure, message, 422);
}

http::Response Pages::ManagerDecision(const http::Request& request) {
  auto posted = ReadPostedForm(request, "manager", [&](const platform::Actor& who) {
    return platform::MayManage(who, StructureIdOf(request));
  });
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  const core::StructureId structure = StructureIdOf(request);
  auto move = ParseMove(form.Get("decision"));
  auto membership = ParsePositive(form.Get("rattachement"));
  if (!move || !membership) {
    return ErrorPage({core::ErrorCode::kInvalidArgument, "unknown decision"}, request, &who);
  }
  auto decided = platform_.attachments().Decide(who, core::MembershipId(*membership), *move,
                                                form.Get("commentaire"));
  if (!decided) return ManagerRefusal(request, who, structure, decided.error());
  return http::Response::Redirect("/gestion/" + std::to_string(structure.value()));
}

http::Response Pages::ManagerAttach(const http::Request& request) {
  auto posted = ReadPostedForm(request, "manager", [&](const platform::Actor& who) {
    return platform::MayManage(who, StructureIdOf(request));
  });
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  const core::StructureId structure = StructureIdOf(request);
  auto attached = platform_.attachments().AttachDirectly(who, structure, form.Get("email"));
  if (!attached) return ManagerRefusal(request, who, structure, attached.error());
  return http::Response::Redirect("/gestion/" + std::to_string(structure.value()));
}

http::Response Pages::ManagerSpaces(const http::Request& request) {
  auto posted = ReadPostedForm(request, "spaces", [&](const platform::Actor& who) {
    return platform::MayManage(who, StructureIdOf(request));
  });
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  const core::StructureId structure = StructureIdOf(request);
  auto membership = ParsePositive(form.Get("rattachement"));
  if (!membership) {
    return ErrorPage({core::ErrorCode::kInvalidArgument, "no attachment named"}, request, &who);
  }
  for (auto [field, space] : {std::pair{"emises", accounts::Space::kSentInvoices},
                              std::pair{"recues", accounts::Space::kReceivedInvoices}}) {
    const std::string& code = form.Get(field);
    std::optional<accounts::SpaceAccess> access = accounts::ParseSpaceAccess(code);
    if (!code.empty() && !access) {
      return ErrorPage({core::ErrorCode::kInvalidArgument, "unknown space access"}, request, &who);
    }
    auto set =
        platform_.attachments().SetSpaceAccess(who, core::MembershipId(*membership), space, access);
    if (!set) return ManagerRefusal(request, who, structure, set.error());
  }
  return http::Response::Redirect("/gestion/" + std::to_string(structure.value()));
}

http::Response Pages::ManagerUsersCsv(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  auto members = platform_.attachments().Members(who, StructureIdOf(request));
  if (!members) return ErrorPage(members.error(), request, &who);
  const Catalogue& catalogue = renderer_.catalogue();
  std::string body = CsvRow(
      {"Nom", "Adresse e-mail", "Rôle", "État du rattachement", "Services", "Dernière connexion"});
  for (const auto& m : *members) {
    std::string services;
    for (const auto& c : m.service_codes) services += (services.empty() ? "" : " ") + c;
    body += CsvRow({m.display_name, m.email, std::string(catalogue.Text(RoleKey(m.role))),
                    std::string(accounts::AttachmentStatusCode(m.status)), services,
                    m.last_login ? FormatTimestamp(*m.last_login) : ""});
  }
  http::Response response;
  response.body = std::move(body);
  response.AddHeader("Content-Type", "text/csv; charset=utf-8");
  response.AddHeader("Content-Disposition", "attachment; filename=\"utilisateurs.csv\"");
  response.AddHeader("X-Content-Type-Options", "nosniff");
  response.AddHeader("Cache-Control", "private, no-store");
  return response;
}

http::Response Pages::AttachmentRequestForm(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  return AttachmentRequestPage(**actor, "", "", "", request.QueryParam("envoyee").has_value(), 200);
}

http::Response Pages::AttachmentRequestPage(const platform::Actor& who, std::string_view siret,
                                            std::string_view services, std::string_view error,
                                            bool sent, int status) const {
  const Catalogue& catalogue = renderer_.catalogue();
  mstch::map data{{"csrf_token", who.csrf_token},      {"siret", std::string(siret)},
                  {"services", std::string(services)}, {"error", std::string(error)},
                  {"has_error", !error.empty()},       {"sent", sent}};
  Page page{"attachment_request", std::string(catalogue.Text("attachment_request.title")),
            NavEntry::kAccount, std::move(data), status};
  return Render(std::move(page), who);
}

http::Response Pages::RequestAttachment(const http::Request& request) {
  auto posted = ReadPostedForm(request, "request");
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  const std::string& siret = form.Get("siret");
  const std::string& services = form.Get("services");
  platform::AttachmentRequest wanted{siret, {}};
  std::string code;
  for (char c : services + ",") {
    if (c == ',' || c == ' ') {
      if (!code.empty()) wanted.service_codes.push_back(code);
      code.clear();
    } else {
      code += c;
    }
  }
  auto requested = platform_.attachments().Request(who, wanted);
  if (!requested) {
    std::string message = FieldError(renderer_.catalogue(), requested.error());
    if (message.empty()) return ErrorPage(requested.error(), request, &who);
    return AttachmentRequestPage(who, siret, services, message, false, 422);
  }
  return http::Response::Redirect("/rattachement?envoyee=1");
}

http::Response Pages::HandOverForm(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  auto query = http::Form::Parse(request.query);
  if (!query) return ErrorPage(query.error(), request, &**actor);
  return HandOverPage(request, **actor, StructureIdOf(request), query->Get("recherche"),
                      query->Get("confirmer") == "1", "", 200);
}

http::Response Pages::HandOverPage(const http::Request& request, const platform::Actor& who,
                                   core::StructureId structure, std::string_view search,
                                   bool confirmed, std::string_view error, int status) const {
  const Catalogue& catalogue = renderer_.catalogue();
  auto candidates = platform_.main_manager().Candidates(who, structure, std::string(search));
  if (!candidates) return ErrorPage(candidates.error(), request, &who);
  const platform::ActorStructure* mine = who.On(structure);
  mstch::array rows;
  for (const auto& c : *candidates) {
    rows.push_back(mstch::map{{"email", c.email},
                              {"name", c.display_name},
                              {"role", std::string(catalogue.Text(RoleKey(c.role)))}});
  }
  mstch::map data{
      {"structure_name", mine ? mine->name : std::string()},
      {"base", "/compte/rattachements/" + std::to_string(structure.value()) + "/passation"},
      {"csrf_token", who.csrf_token},
      {"search", std::string(search)},
      {"confirmed", confirmed || !error.empty()},
      {"candidates", std::move(rows)},
      {"has_candidates", !candidates->empty()},
      {"error", std::string(error)},
      {"has_error", !error.empty()}};
  Page page{"hand_over", std::string(catalogue.Text("hand_over.title")), NavEntry::kAccount,
            std::move(data), status};
  return Render(std::move(page), who);
}

http::Response Pages::HandOver(const http::Request& request) {
  auto posted = ReadPostedForm(request, "hand-over");
  if (!posted) return std::move(posted).error();
  const platform::Actor& who = posted->actor;
  const http::Form& form = posted->form;
  const core::StructureId structure = StructureIdOf(request);
  // A login typed in wins over one picked in the search results.
  std::string successor = form.Get("login");
  if (successor.empty()) successor = form.Get("successeur");
  auto handed = platform_.main_manager().HandOver(who, structure, successor);
  if (!handed) {
    std::string message = FieldError(renderer_.catalogue(), handed.error());
    if (message.empty()) return ErrorPage(handed.error(), request, &who);
    return HandOverPage(request, who, structure, "", true, message, 422);
  }
  return http::Response::Redirect("/compte?passation=1");
}

}  // namespace choral::portal
