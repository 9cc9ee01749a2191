#include "platform/mail_templates.h"

#include <array>
#include <map>

#include "core/decimal.h"

namespace choral::platform {
namespace {

struct MailTemplate {
  std::string_view key;
  std::string_view subject;
  std::string_view body;
};

constexpr std::string_view kSignature =
    "\n-- \nCe message est envoyé automatiquement par Choral ; merci de ne pas y répondre.\n";

// FUNCTIONAL.md §5.1: the recipient is told of a deposit, the other side of every status change.
constexpr std::array kTemplates = {
    MailTemplate{kMailInvoiceDeposited, "Nouvelle facture {invoice_number} de {supplier}",
                 "Bonjour,\n\n"
                 "{supplier} a déposé la facture {invoice_number}, d’un montant de {amount} TTC, à "
                 "l’attention de votre structure.\n\n"
                 "Consultez-la et traitez-la sur Choral :\n{invoice_url}\n"},
    MailTemplate{kMailInvoiceStatus, "Facture {invoice_number} : {status_label}",
                 "Bonjour,\n\n"
                 "La facture {invoice_number} est passée au statut « {status_label} ».\n\n"
                 "Son détail et son historique sur Choral :\n{invoice_url}\n"},
    MailTemplate{kMailTechnicalPasswordExpiring,
                 "Compte technique {login} : mot de passe à renouveler",
                 "Bonjour,\n\n"
                 "Le mot de passe du compte technique {login} de {structure} expire le "
                 "{expires_on}. Passé cette date, les logiciels qui l’utilisent ne pourront "
                 "plus se connecter à Choral.\n\n"
                 "Générez-en un nouveau dans « Connexions API » et mettez à jour ces "
                 "logiciels.\n"},
    // FUNCTIONAL.md §3.2: managers hear of each request, the requester of each decision.
    MailTemplate{kMailAttachmentRequested, "Demande de rattachement à {structure}",
                 "Bonjour,\n\n"
                 "{requester} demande à être rattaché(e) à {structure}.\n\n"
                 "Validez ou refusez la demande dans « Activité du gestionnaire » sur Choral.\n"},
    MailTemplate{kMailAttachmentValidated, "Rattachement à {structure} validé",
                 "Bonjour,\n\n"
                 "Votre rattachement à {structure} a été validé.\n\n"
                 "Commentaire du gestionnaire : {comment}\n"},
    MailTemplate{kMailAttachmentRefused, "Rattachement à {structure} refusé",
                 "Bonjour,\n\n"
                 "Votre demande de rattachement à {structure} a été refusée.\n\n"
                 "Motif : {comment}\n"},
    MailTemplate{kMailAttachmentChanged, "Votre rattachement à {structure} : {decision}",
                 "Bonjour,\n\n"
                 "Un gestionnaire de {structure} a modifié votre rattachement : {decision}.\n\n"
                 "Commentaire du gestionnaire : {comment}\n"},
    // FUNCTIONAL.md §3.3: both sides of a hand-over are told.
    MailTemplate{kMailMainManagerHandedOver, "{structure} : nouveau gestionnaire principal",
                 "Bonjour,\n\n"
                 "{previous} a transmis le rôle de gestionnaire principal de {structure} à "
                 "{successor}.\n"},
    MailTemplate{kMailMainManagerAssigned, "Vous êtes gestionnaire principal de {structure}",
                 "Bonjour,\n\n"
                 "Vous êtes désormais gestionnaire principal de {structure}.\n\n"
                 "Motif : {reason}\n"},
    // FUNCTIONAL.md §3.4: the account is created inactive; the link activates it.
    MailTemplate{
        kMailAccountActivation, "Activez votre compte Choral",
        "Bonjour {first_name},\n\n"
        "Pour activer votre compte Choral, ouvrez ce lien dans les {valid_hours} heures :\n"
        "{activation_url}\n\n"
        "Si vous n’avez pas créé de compte, ignorez ce message : sans activation, le "
        "compte ne sera pas utilisable.\n"},
    // A sign-up with an address that already has an account: its owner is told, the person
    // signing up sees the same answer as for a new address (no account enumeration).
    MailTemplate{kMailAccountExists, "Votre compte Choral existe déjà",
                 "Bonjour,\n\n"
                 "Quelqu’un a demandé à créer un compte Choral avec cette adresse, qui en a déjà "
                 "un.\n\n"
                 "Connectez-vous :\n{login_url}\n\n"
                 "Mot de passe oublié ? Choisissez-en un nouveau :\n{forgot_url}\n\n"
                 "Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.\n"},
    MailTemplate{kMailPasswordReset, "Nouveau mot de passe Choral",
                 "Bonjour,\n\n"
                 "Pour choisir un nouveau mot de passe, ouvrez ce lien dans les {valid_minutes} "
                 "minutes :\n{reset_url}\n\n"
                 "Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change "
                 "pas.\n"},
};

// The values a template may name: the parameters as text, and the derived ones.
core::Result<std::map<std::string, std::string, std::less<>>> Values(const nlohmann::json& params,
                                                                     std::string_view public_url) {
  if (!params.is_object()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "mail parameters must be a JSON object");
  }
  std::map<std::string, std::string, std::less<>> values;
  for (const auto& [name, value] : params.items()) {
    values[name] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  if (auto id = values.find("invoice_id"); id != values.end()) {
    std::string base(public_url);
    while (!base.empty() && base.back() == '/') base.pop_back();
    values["invoice_url"] = base + "/factures/" + id->second;
  }
  std::string base(public_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (auto token = values.find("activation_token"); token != values.end()) {
    values["activation_url"] = base + "/activation?jeton=" + token->second;
  }
  if (auto token = values.find("reset_token"); token != values.end()) {
    values["reset_url"] = base + "/mot-de-passe/nouveau?jeton=" + token->second;
  }
  values["login_url"] = base + "/login";
  values["forgot_url"] = base + "/mot-de-passe/oubli";
  values["account_url"] = base + "/compte";
  if (auto code = values.find("status"); code != values.end()) {
    auto status = invoice::ParseStatusCode(code->second);
    values["status_label"] = status ? std::string(StatusLabel(*status)) : code->second;
  }
  if (auto total = values.find("total_with_vat"); total != values.end()) {
    auto amount = core::Decimal::Parse(total->second);
    std::string currency = values.contains("currency") ? values["currency"] : "EUR";
    std::string text = amount ? amount->ToFrench() : total->second;
    values["amount"] = text + "\u00a0" + (currency == "EUR" ? "€" : currency);
  }
  return values;
}

core::Result<std::string> Fill(std::string_view key, std::string_view text,
                               const std::map<std::string, std::string, std::less<>>& values,
                               bool one_line) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find('{', at);
    size_t close = open == text.npos ? text.npos : text.find('}', open);
    if (close == text.npos) {
      out.append(text.substr(at));
      break;
    }
    out.append(text.substr(at, open - at));
    std::string_view name = text.substr(open + 1, close - open - 1);
    auto value = values.find(name);
    if (value == values.end()) {
      return core::Fail(
          core::ErrorCode::kInvalidArgument,
          "mail template " + std::string(key) + " needs parameter " + std::string(name));
    }
    std::string filled = value->second;
    if (one_line) {
      for (char& c : filled) {
        if (c == '\r' || c == '\n') c = ' ';
      }
    }
    out += filled;
    at = close + 1;
  }
  return out;
}

}  // namespace

core::Result<MailText> RenderMail(std::string_view template_key, const nlohmann::json& params,
                                  std::string_view public_url) {
  const MailTemplate* found = nullptr;
  for (const MailTemplate& candidate : kTemplates) {
    if (candidate.key == template_key) found = &candidate;
  }
  if (found == nullptr) {
    return core::Fail(core::ErrorCode::kNotFound, "no mail template " + core::Quoted(template_key));
  }
  auto values = Values(params, public_url);
  if (!values) return core::Fail(values.error());
  auto subject = Fill(template_key, found->subject, *values, true);
  if (!subject) return core::Fail(subject.error());
  auto body = Fill(template_key, found->body, *values, false);
  if (!body) return core::Fail(body.error());
  return MailText{std::move(*subject), *body + std::string(kSignature)};
}

std::vector<std::string_view> MailTemplateKeys() {
  std::vector<std::string_view> keys;
  for (const MailTemplate& t : kTemplates) keys.push_back(t.key);
  return keys;
}

std::string_view StatusLabel(invoice::InvoiceStatus status) {
  using invoice::InvoiceStatus;
  switch (status) {
    case InvoiceStatus::kDeposited:
      return "Déposée";
    case InvoiceStatus::kRouting:
      return "En cours d’acheminement";
    case InvoiceStatus::kAvailable:
      return "Mise à disposition";
    case InvoiceStatus::kTakenIntoAccount:
      return "Prise en compte par le destinataire";
    case InvoiceStatus::kServiceDone:
      return "Service fait";
    case InvoiceStatus::kMandated:
      return "Mandatée";
    case InvoiceStatus::kSentToAccountant:
      return "Mise à disposition du comptable";
    case InvoiceStatus::kAccounted:
      return "Comptabilisée";
    case InvoiceStatus::kPaymentIssued:
      return "Mise en paiement";
    case InvoiceStatus::kToRecycle:
      return "À recycler";
    case InvoiceStatus::kSuspended:
      return "Suspendue";
    case InvoiceStatus::kCompleted:
      return "Complétée";
    case InvoiceStatus::kRejected:
      return "Rejetée";
  }
  return "";
}

}  // namespace choral::platform
