#include "portal/invoice_view_models.h"

#include <gtest/gtest.h>

#include "http/form.h"
#include "portal/deposit_view_models.h"
#include "portal/invoice_list_data.h"
#include "portal/invoice_search_form.h"
#include "portal/messages_fr.h"

namespace choral::portal {
namespace {

using invoice::InvoiceStatus;

class InvoiceViewModelsTest : public ::testing::Test {
 protected:
  InvoiceViewModelsTest() : catalogue_(*Catalogue::Build(FrenchMessages())) {}

  static std::string Render(const std::string& tmpl, const mstch::node& data) {
    return mstch::render(tmpl, data);
  }

  static platform::Actor Supplier() {
    platform::Actor actor;
    actor.user_id = core::UserId(3);
    actor.display_name = "Marc Dubois";
    actor.csrf_token = "c0ffee";
    actor.structures = {{core::StructureId(2),
                         "Atelier Lumen SARL",
                         "73282932000074",
                         directory::StructureKind::kPrivate,
                         accounts::Role::kMainManager,
                         {}}};
    return actor;
  }

  static platform::InvoiceSummaryView Summary() {
    platform::InvoiceSummaryView summary;
    summary.invoice.id = core::InvoiceId(42);
    summary.invoice.supplier_id = core::StructureId(2);
    summary.invoice.recipient_id = core::StructureId(1);
    summary.invoice.invoice_number = "F-2026-001";
    summary.invoice.issue_date = *core::Date::FromYmd(2026, 11, 2);
    summary.invoice.total_without_vat = core::Decimal::FromCents(123456);
    summary.invoice.total_vat = core::Decimal::FromCents(24691);
    summary.invoice.total_with_vat = core::Decimal::FromCents(148147);
    summary.invoice.amount_due = core::Decimal::FromCents(148147);
    summary.invoice.version = 3;
    summary.invoice.pdf_sha256 = std::string(64, 'a');
    summary.supplier_name = "Atelier Lumen SARL";
    summary.recipient_name = "Ministère du Numérique";
    summary.visible_status = InvoiceStatus::kSuspended;
    return summary;
  }

  Catalogue catalogue_;
};

TEST_F(InvoiceViewModelsTest, EveryStatusAndMoveHasAFrenchName) {
  for (InvoiceStatus status : invoice::AllStatuses()) {
    EXPECT_TRUE(catalogue_.Has(StatusKey(status))) << StatusKey(status);
    EXPECT_TRUE(catalogue_.Has(MoveKey(status))) << MoveKey(status);
  }
  EXPECT_EQ(catalogue_.Text(StatusKey(InvoiceStatus::kPaymentIssued)), "Mise en paiement");
  EXPECT_EQ(catalogue_.Text(StatusKey(InvoiceStatus::kToRecycle)), "À recycler");
  EXPECT_EQ(catalogue_.Text(MoveKey(InvoiceStatus::kSuspended)), "Suspendre");
  EXPECT_TRUE(MoveNeedsReason(InvoiceStatus::kSuspended));
  EXPECT_TRUE(MoveNeedsReason(InvoiceStatus::kRejected));
  EXPECT_TRUE(MoveNeedsReason(InvoiceStatus::kToRecycle));
  EXPECT_FALSE(MoveNeedsReason(InvoiceStatus::kMandated));
}

TEST_F(InvoiceViewModelsTest, FindingsGoNextToTheirFieldInFrench) {
  std::vector<rules::Finding> findings = {
      {"DEP-RECIPIENT-UNKNOWN", "recipient_siret", "recipient_siret: unknown"},
      {"DEP-FORMAT", "issue_date", "issue_date: not a date"},
      {"DEP-FORMAT", "engagement_number", "engagement_number: bad"},
      {"DEP-SCANNED-PDF", "pdf", "pdf: scanned"},
      {"DEP-SOMETHING-NEW", "total_vat", "total_vat: new rule"},
  };
  FieldMessages messages = GroupFindings(catalogue_, findings);
  ASSERT_EQ(messages.by_field["recipient_siret"].size(), 1u);
  EXPECT_TRUE(messages.by_field["recipient_siret"][0].starts_with("SIRET du destinataire"));
  EXPECT_TRUE(messages.by_field["issue_date"][0].starts_with("Date de la facture"));
  EXPECT_EQ(messages.by_field["engagement_number"][0], catalogue_.Text("rule.DEP-FORMAT"));
  EXPECT_NE(messages.by_field["total_vat"][0].find("DEP-SOMETHING-NEW"), std::string::npos);
  ASSERT_EQ(messages.general.size(), 1u);
  EXPECT_TRUE(messages.general[0].starts_with("Fichier PDF"));
}

TEST_F(InvoiceViewModelsTest, EveryRuleIdHasAText) {
  for (std::string_view id : {"DEP-RECIPIENT-UNKNOWN",   "DEP-RECIPIENT-NOT-PUBLIC",
                              "DEP-RECIPIENT-INACTIVE",  "DEP-SERVICE-UNKNOWN",
                              "DEP-SERVICE-INACTIVE",    "DEP-SERVICE-CODE-REQUIRED",
                              "DEP-ENGAGEMENT-REQUIRED", "DEP-SERVICE-OR-ENGAGEMENT-REQUIRED",
                              "DEP-ENGAGEMENT-FORMAT",   "DEP-NUMBER-REQUIRED",
                              "DEP-NUMBER-FORMAT",       "DEP-NUMBER-TAKEN",
                              "DEP-DATE-FUTURE",         "DEP-TOTALS",
                              "DEP-AMOUNT-DUE",          "DEP-NEGATIVE-INVOICE",
                              "DEP-FRAMEWORK",           "DEP-CURRENCY",
                              "DEP-SCANNED-PDF",         "DEP-SUPPLIER-IS-RECIPIENT"}) {
    rules::Finding finding{std::string(id), "x", ""};
    EXPECT_EQ(FindingKey(catalogue_, finding), "rule." + std::string(id));
  }
  for (std::string_view field : {"issue_date", "recipient_siret", "total_without_vat", "total_vat",
                                 "total_with_vat", "amount_due", "document_type"}) {
    rules::Finding finding{"DEP-FORMAT", std::string(field), ""};
    EXPECT_EQ(FindingKey(catalogue_, finding), "rule.DEP-FORMAT-" + std::string(field));
  }
}

TEST_F(InvoiceViewModelsTest, AmountsAndTimesAreFrench) {
  EXPECT_EQ(FormatAmount(core::Decimal::FromCents(148147), "EUR"), "1 481,47\u00a0€");
  EXPECT_EQ(FormatAmount(core::Decimal::FromCents(-5), "USD"), "-0,05\u00a0USD");
  core::Timestamp at = core::Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 11 / 26)) +
                       std::chrono::hours(9) + std::chrono::minutes(5) + std::chrono::seconds(7);
  EXPECT_EQ(FormatTimestamp(at), "26/11/2026 10:05");  // Paris time: UTC+1 in winter
  EXPECT_EQ(FormatTimestamp(at - std::chrono::hours(24 * 150)), "29/06/2026 11:05");  // UTC+2
}

TEST_F(InvoiceViewModelsTest, PrefillMarksLowConfidenceAndPrefersTheEmbeddedXml) {
  platform::DepositPrefill prefill;
  auto& fields = prefill.extraction.recognition.fields;
  auto found = [](std::string value, double confidence) {
    recognize::FoundValue out;
    out.value = std::move(value);
    out.confidence = confidence;
    return out;
  };
  fields[recognize::Field::kInvoiceNumber] = found("F-1", 0.95);
  fields[recognize::Field::kBuyerSiret] = found("11000998200015", 0.5);
  fields[recognize::Field::kTotalWithVat] = found("1481.47", 0.9);
  fields[recognize::Field::kDocumentType] = found("credit_note", 0.9);
  fields[recognize::Field::kIssueDate] = found("2026-11-02", 0.9);
  formats::InvoiceSummary embedded;
  embedded.total_vat = "246.91";
  prefill.extraction.embedded = embedded;
  prefill.extraction.disagreements = {recognize::Field::kIssueDate};
  DepositFormState state = FormFromPrefill(prefill);
  EXPECT_EQ(state.form.invoice_number, "F-1");
  EXPECT_EQ(state.form.recipient_siret, "11000998200015");
  EXPECT_EQ(state.form.total_with_vat, "1 481,47");
  EXPECT_EQ(state.form.total_vat, "246,91");
  EXPECT_EQ(state.form.document_type, "AVOIR");
  EXPECT_EQ(state.form.issue_date, "2026-11-02");
  EXPECT_EQ(state.form.framework, "A1_FACTURE_FOURNISSEUR");
  EXPECT_EQ(state.form.currency, "EUR");
  EXPECT_EQ(state.to_check, (std::set<std::string, std::less<>>{"issue_date", "recipient_siret"}));
}

TEST_F(InvoiceViewModelsTest, DepositFormShowsHintsErrorsAndTheRecipient) {
  DepositFormState state;
  state.form.recipient_siret = "11000998200015";
  state.form.service_code = "DAF-ACHATS";
  state.form.draft_id = 17;
  state.to_check = {"recipient_siret"};
  state.findings = {{"DEP-ENGAGEMENT-REQUIRED", "engagement_number", ""}};
  platform::PublicStructureView recipient;
  recipient.structure.name = "Ministère du Numérique";
  recipient.structure.identifier = "11000998200015";
  recipient.structure.flags.engagement_number_required = true;
  directory::Service service;
  service.code = "DAF-ACHATS";
  service.name = "Achats";
  recipient.services = {service};
  state.recipient = recipient;
  mstch::map data = DepositFormData(catalogue_, Supplier(), state);
  EXPECT_EQ(
      Render("{{draft_id}}|{{supplier_id}}|{{#several_suppliers}}x{{/several_suppliers}}", data),
      "17|2|");
  EXPECT_EQ(Render("{{#f.recipient_siret}}{{value}}|{{#to_check}}!{{/to_check}}|{{describedby}}"
                   "{{/f.recipient_siret}}",
                   data),
            "11000998200015|!|recipient_siret-verifier recipient_siret-aide");
  EXPECT_EQ(
      Render("{{#f.engagement_number}}{{#required}}R{{/required}}|{{#errors}}{{.}}{{/errors}}|"
             "{{describedby}}{{/f.engagement_number}}",
             data),
      "R|Numéro d’engagement\u00a0: ce destinataire ou ce service exige un numéro "
      "d’engagement.|engagement_number-erreur");
  EXPECT_EQ(
      Render("{{#f.service_code}}{{#is_select}}{{#options}}[{{value}}{{#selected}}*{{/selected}}]"
             "{{/options}}{{/is_select}}{{/f.service_code}}",
             data),
      "[][DAF-ACHATS*]");
  EXPECT_EQ(Render("{{#f.framework}}{{#options}}{{#selected}}{{label}}{{/selected}}{{/options}}"
                   "{{/f.framework}}",
                   data),
            "A1 — Facture de fournisseur");
  EXPECT_EQ(Render("{{#recipient}}{{name}}: {{#flags}}{{.}}{{/flags}}{{/recipient}}", data),
            "Ministère du Numérique: Numéro d’engagement obligatoire");
  EXPECT_EQ(Render("{{#findings}}{{href}}{{/findings}}", data), "#engagement_number");
  EXPECT_EQ(Render("{{to_check_list}}", data), "recipient_siret");
  EXPECT_EQ(ParseToCheckList("total_vat,nonsense,,issue_date"),
            (std::set<std::string, std::less<>>{"issue_date", "total_vat"}));
}

TEST_F(InvoiceViewModelsTest, ListShowsTheCounterpartAndPaginates) {
  platform::InvoiceList list;
  list.invoices = {Summary()};
  list.total = 60;
  auto query = http::Form::Parse("numero=F+1&tri=montant&ordre=asc&statut=SUSPENDUE");
  ASSERT_TRUE(query);
  InvoiceSearchForm form =
      ParseInvoiceSearchForm(catalogue_, *query, platform::InvoiceSpace::kSent);
  form.search.page = 2;
  form.search.page_size = 25;
  mstch::map data = InvoiceListData(catalogue_, Supplier(), list, form, "/factures/emises");
  EXPECT_EQ(Render("{{#rows}}{{number}}|{{counterpart}}|{{issue_date}}|{{amount}}|{{status}}|"
                   "{{{href}}}{{/rows}}",
                   data),
            "F-2026-001|Ministère du Numérique|02&#x2F;11&#x2F;2026|1 481,47\u00a0€|Suspendue|"
            "/factures/42");
  // Pages keep the criteria and the sort.
  EXPECT_EQ(Render("{{count}}|{{page_text}}|{{{previous_href}}}|{{{next_href}}}", data),
            "60 factures|Page 2 sur 3|"
            "/factures/emises?numero=F%201&statut=SUSPENDUE&tri=montant&ordre=asc&page=1|"
            "/factures/emises?numero=F%201&statut=SUSPENDUE&tri=montant&ordre=asc&page=3");
  // The export follows the search and the sort.
  EXPECT_EQ(Render("{{{csv_href}}}", data),
            "/factures/emises.csv?numero=F%201&statut=SUSPENDUE&tri=montant&ordre=asc");
  // The active column says its order and reverses it; another starts in its natural order.
  EXPECT_EQ(Render("{{#h.amount}}{{aria_sort}}|{{{href}}}{{/h.amount}}", data),
            "ascending|/factures/emises?numero=F%201&statut=SUSPENDUE&tri=montant&ordre=desc");
  EXPECT_EQ(Render("{{#h.number}}{{aria_sort}}|{{active}}|{{{href}}}{{/h.number}}", data),
            "|false|/factures/emises?numero=F%201&statut=SUSPENDUE&tri=numero&ordre=asc");
  EXPECT_EQ(Render("{{#statuses}}{{#checked}}{{code}}{{/checked}}{{/statuses}}", data),
            "SUSPENDUE");
  EXPECT_EQ(Render("{{#f.numero}}{{value}}{{/f.numero}}|{{searched}}", data), "F 1|true");
}

TEST_F(InvoiceViewModelsTest, ListShowsSearchErrorsBesideTheirFields) {
  auto query = http::Form::Parse("emise_du=31%2F02%2F2026&montant_min=douze");
  ASSERT_TRUE(query);
  InvoiceSearchForm form =
      ParseInvoiceSearchForm(catalogue_, *query, platform::InvoiceSpace::kReceived);
  mstch::map data = InvoiceListData(catalogue_, Supplier(), {}, form, "/factures/recues");
  EXPECT_EQ(Render("{{#errors}}{{{href}}} {{/errors}}", data), "#emise_du #montant_min ");
  EXPECT_EQ(Render("{{#f.montant_min}}{{invalid}}|{{error_id}}{{/f.montant_min}}", data),
            "true|montant_min-erreur");
}

TEST_F(InvoiceViewModelsTest, InvoicePageOffersMovesWithReasonsAndShowsHistory) {
  platform::InvoiceView view;
  view.summary = Summary();
  view.side = invoice::Side::kSupplier;
  view.possible_moves = {InvoiceStatus::kCompleted};
  invoice::HistoryEntry entry;
  entry.status = InvoiceStatus::kSuspended;
  entry.actor = "user:9";
  entry.comment = "Bon de livraison manquant";
  invoice::HistoryEntry mine;
  mine.status = InvoiceStatus::kDeposited;
  mine.actor = "user:3";
  invoice::HistoryEntry system;
  system.status = InvoiceStatus::kAvailable;
  system.actor = "system";
  view.history = {mine, system, entry};
  mstch::map data = InvoiceData(catalogue_, Supplier(), view);
  EXPECT_EQ(Render("{{title}}|{{{action}}}|{{version}}|{{csrf_token}}", data),
            "Facture F-2026-001|/factures/42/statut|3|c0ffee");
  EXPECT_EQ(
      Render("{{#moves}}{{code}}:{{label}}:{{#needs_reason}}R{{/needs_reason}}{{/moves}}", data),
      "COMPLETEE:Compléter la facture:");
  EXPECT_EQ(Render("{{#history}}{{what}}/{{who}}/{{comment}};{{/history}}", data),
            "Déposée/Marc Dubois (vous)/;Mise à disposition/Choral (automatique)/;"
            "Suspendue/Utilisateur n°\u00a09/Bon de livraison manquant;");
  view.possible_moves = {InvoiceStatus::kSuspended, InvoiceStatus::kMandated};
  data = InvoiceData(catalogue_, Supplier(), view);
  EXPECT_EQ(
      Render("{{#moves}}{{comment_label}}{{#needs_reason}}*{{/needs_reason}};{{/moves}}", data),
      "Motif*;Numéro de mandat (facultatif);");
}

TEST_F(InvoiceViewModelsTest, InvoicePageListsAttachmentsAndAsksForAcknowledgement) {
  platform::InvoiceView view;
  view.summary = Summary();
  view.side = invoice::Side::kSupplier;
  view.possible_moves = {InvoiceStatus::kCompleted};
  view.can_acknowledge = true;
  platform::InvoiceAttachment attachment;
  attachment.id = 7;
  attachment.file_name = "bon <1>.pdf";
  attachment.size = 12'600;
  view.attachments = {attachment};
  mstch::map data = InvoiceData(catalogue_, Supplier(), view);
  EXPECT_EQ(Render("{{#moves}}{{code}}{{#with_files}}+files{{/with_files}}{{/moves}}", data),
            "COMPLETEE+files");
  EXPECT_EQ(Render("{{#attachment_list}}{{{href}}}|{{name}}|{{size}}{{/attachment_list}}", data),
            "/factures/42/pieces/7|bon &lt;1&gt;.pdf|12,3\u00a0Ko");
  EXPECT_EQ(Render("{{#can_acknowledge}}{{{acknowledge_action}}}{{/can_acknowledge}}", data),
            "/factures/42/acquittement");
  EXPECT_NE(Render("{{acknowledge_text}}", data).find("suspendu"), std::string::npos);
  view.can_acknowledge = false;
  view.side = invoice::Side::kRecipient;
  data = InvoiceData(catalogue_, Supplier(), view);
  EXPECT_EQ(Render("{{#can_acknowledge}}x{{/can_acknowledge}}{{#moves}}{{#with_files}}f"
                   "{{/with_files}}{{/moves}}",
                   data),
            "");
}

TEST_F(InvoiceViewModelsTest, DownloadedNamesCannotBreakTheHeader) {
  EXPECT_EQ(AttachmentDisposition("bon-de-livraison.pdf"),
            "attachment; filename=\"bon-de-livraison.pdf\"; filename*=UTF-8''bon-de-livraison.pdf");
  EXPECT_EQ(AttachmentDisposition("a\"b\r\nX: y;é.pdf"),
            "attachment; filename=\"a_b__X_ y___.pdf\"; "
            "filename*=UTF-8''a%22b%0D%0AX%3A%20y%3B%C3%A9.pdf");
  EXPECT_EQ(FormatSize(850), "850\u00a0o");
  EXPECT_EQ(FormatSize(4'300'000), "4,1\u00a0Mo");
}

}  // namespace
}  // namespace choral::portal
