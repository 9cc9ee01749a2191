// The deposit page's preview and the batch table, from recognitions and forms, without a server.
#include "portal/deposit_view_models.h"

#include <map>

#include <gtest/gtest.h>

#include "portal/messages_fr.h"

namespace choral::portal {
namespace {

using recognize::Field;

class DepositViewModelsTest : public ::testing::Test {
 protected:
  DepositViewModelsTest() : catalogue_(*Catalogue::Build(FrenchMessages())) {}

  static std::string Render(const std::string& tmpl, const mstch::node& data) {
    return mstch::render(tmpl, data);
  }

  static platform::Actor Supplier() {
    platform::Actor actor;
    actor.user_id = core::UserId(3);
    actor.csrf_token = "c0ffee";
    actor.structures = {{core::StructureId(2),
                         "Atelier Lumen SARL",
                         "73282932000074",
                         directory::StructureKind::kPrivate,
                         accounts::Role::kMainManager,
                         {}}};
    return actor;
  }

  static recognize::FoundValue Found(std::string value, int page, pdf::Box box,
                                     double confidence = 0.95) {
    recognize::FoundValue found;
    found.value = std::move(value);
    found.page = page;
    found.box = box;
    found.confidence = confidence;
    return found;
  }

  Catalogue catalogue_;
};

TEST_F(DepositViewModelsTest, ThePreviewOutlinesEachValueOnItsPage) {
  platform::DepositPrefill prefill;
  prefill.draft_id = 9;
  prefill.file_name = "mars.pdf";
  prefill.extraction.pages = 4;
  prefill.extraction.page_sizes = {{595, 842}, {595, 842}, {842, 595}, {595, 842}};
  auto& fields = prefill.extraction.recognition.fields;
  fields[Field::kInvoiceNumber] = Found("F-1", 1, {400, 50, 480, 62});
  fields[Field::kBuyerSiret] = Found("11000998200015", 1, {60, 200, 160, 212}, 0.5);
  fields[Field::kTotalWithVat] = Found("1481.47", 3, {700, 500, 780, 512});
  fields[Field::kIban] = Found("FR7630006000011234567890189", 4, {10, 10, 50, 20});  // not a field
  fields[Field::kTotalVat] = Found("246.91", 2, {0, 0, 0, 0});  // no box: nothing to outline

  DepositFormState state = FormFromPrefill(prefill);
  EXPECT_EQ(state.form.draft_id, 9);
  EXPECT_EQ(state.pdf_name, "mars.pdf");
  ASSERT_EQ(state.preview.size(), 2u);  // page 1, page 3; page 2 has no outlinable value
  EXPECT_EQ(state.preview[0].number, 1);
  ASSERT_EQ(state.preview[0].marks.size(), 2u);
  EXPECT_EQ(state.preview[1].number, 3);
  EXPECT_EQ(state.preview[1].width, 842);

  mstch::map data = DepositFormData(catalogue_, Supplier(), state);
  EXPECT_EQ(Render("{{#preview}}{{{src}}}|{{viewbox}}|{{alt}}\n{{/preview}}", data),
            "/factures/deposer/brouillons/9/pages/1.png|0 0 595.0 842.0|Page 1 de mars.pdf\n"
            "/factures/deposer/brouillons/9/pages/3.png|0 0 842.0 595.0|Page 3 de mars.pdf\n");
  EXPECT_EQ(Render("{{#preview}}{{#marks}}{{field}}:{{x}},{{y}},{{width}},{{height}}"
                   "{{#to_check}}?{{/to_check}} {{/marks}}{{/preview}}",
                   data),
            "recipient_siret:60.0,200.0,100.0,12.0? invoice_number:400.0,50.0,80.0,12.0 "
            "total_with_vat:700.0,500.0,80.0,12.0 ");
}

TEST_F(DepositViewModelsTest, APdfNotKeptHasNoPreviewAndAtMostThreePagesAreShown) {
  platform::DepositPrefill prefill;
  prefill.extraction.page_sizes.assign(6, {595, 842});
  for (int page = 1; page <= 6; ++page) {
    prefill.extraction.recognition.fields[Field::kInvoiceNumber] =
        Found("F", page, {1, 1, 2, 2});  // one value only: keep the last page written
  }
  EXPECT_TRUE(FormFromPrefill(prefill).preview.empty());  // draft_id 0: nothing to show

  std::map<Field, recognize::FoundValue> spread = {
      {Field::kInvoiceNumber, Found("F", 2, {1, 1, 2, 2})},
      {Field::kIssueDate, Found("2026-11-02", 4, {1, 1, 2, 2})},
      {Field::kTotalVat, Found("1.00", 5, {1, 1, 2, 2})},
      {Field::kAmountDue, Found("1.00", 6, {1, 1, 2, 2})},
      {Field::kCurrency, Found("EUR", 9, {1, 1, 2, 2})},  // beyond the document: dropped
  };
  prefill.extraction.recognition.fields = spread;
  std::vector<PreviewPage> pages = PreviewPages(prefill.extraction, {});
  ASSERT_EQ(pages.size(), static_cast<size_t>(kMaxPreviewPages));
  EXPECT_EQ(pages[0].number, 1);
  EXPECT_EQ(pages[1].number, 2);
  EXPECT_EQ(pages[2].number, 4);
}

TEST_F(DepositViewModelsTest, TheBatchFormReadsBackEachKindOfRow) {
  std::map<std::string, std::string, std::less<>> fields = {
      {"l0_file_name", "a.pdf"},
      {"l0_draft_id", "5"},
      {"l0_invoice_number", "F-1"},
      {"l0_total_with_vat", "12,00"},
      {"l0_to_check", "total_vat,x"},
      {"l0_confirm_duplicate_pdf", "oui"},
      {"l0_framework", "A1_FACTURE_FOURNISSEUR"},
      {"l1_file_name", "b.pdf"},
      {"l1_invoice_id", "77"},
      {"l1_invoice_number", "F-2"},
      {"l2_file_name", "c.pdf"},
      {"l2_problem", "batch.problem_scanned"},
      {"l3_file_name", "d.pdf"},
      {"l3_problem", "<script>"},  // not a known key
      {"l4_file_name", "e.pdf"},
      {"l4_draft_id", "-3"},
  };
  auto get = [&](std::string_view name) {
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
  };
  std::vector<BatchRow> rows = BatchRowsFromForm(get, 5);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].state.form.draft_id, 5);
  EXPECT_EQ(rows[0].state.form.invoice_number, "F-1");
  EXPECT_EQ(rows[0].state.form.total_with_vat, "12,00");
  EXPECT_TRUE(rows[0].state.form.confirm_duplicate_pdf);
  EXPECT_EQ(rows[0].state.to_check, (std::set<std::string, std::less<>>{"total_vat"}));
  EXPECT_EQ(rows[1].deposited, core::InvoiceId(77));
  EXPECT_EQ(rows[1].state.form.invoice_number, "F-2");
  EXPECT_EQ(rows[2].problem_key, "batch.problem_scanned");
  EXPECT_TRUE(BatchRowsFromForm(get, 0).empty());
}

TEST_F(DepositViewModelsTest, TheBatchTableLabelsEveryInputAndCountsTheRows) {
  BatchRow pending;
  pending.file_name = "a.pdf";
  pending.state.form.draft_id = 5;
  pending.state.form.invoice_number = "F-1";
  pending.state.form.document_type = "AVOIR";
  BatchRow refused = pending;
  refused.file_name = "b.pdf";
  refused.state.findings = {{"DEP-NUMBER-TAKEN", "invoice_number", ""}};
  BatchRow deposited;
  deposited.file_name = "c.pdf";
  deposited.deposited = core::InvoiceId(77);
  deposited.state.form.invoice_number = "F-3";
  BatchRow scanned;
  scanned.file_name = "d.pdf";
  scanned.problem_key = "batch.problem_scanned";

  mstch::map data = BatchData(catalogue_, Supplier(), {pending, refused, deposited, scanned});
  EXPECT_EQ(Render("{{summary}}", data), "1 déposée(s), 2 à corriger, 1 à déposer.");
  EXPECT_EQ(Render("{{#rows}}{{state}} {{/rows}}", data), "pending to-fix deposited to-fix ");
  EXPECT_EQ(Render("{{supplier_id}}|{{row_count}}", data), "2|4");
  std::string first_row = Render(
      "{{#rows}}{{#form}}{{#cells}}{{name}}={{value}}[{{label}}]"
      "{{#has_errors}}!{{/has_errors}}\n{{/cells}}{{/form}}{{/rows}}",
      data);
  EXPECT_NE(first_row.find("l0_invoice_number=F-1[Numéro de facture — a.pdf]\n"), std::string::npos)
      << first_row;
  EXPECT_NE(first_row.find("l1_invoice_number=F-1[Numéro de facture — b.pdf]!\n"),
            std::string::npos)
      << first_row;
  EXPECT_EQ(Render("{{#rows}}{{#form}}{{#cells}}{{#is_select}}{{#options}}{{#selected}}{{value}}"
                   "{{/selected}}{{/options}}{{/is_select}}{{/cells}}{{/form}}{{/rows}}",
                   data),
            "AVOIRAVOIR");
  EXPECT_EQ(Render("{{#rows}}{{#deposited}}{{invoice_id_field}}={{invoice_id}} {{number}}"
                   "{{/deposited}}{{#problem}}{{key}}{{/problem}}{{/rows}}",
                   data),
            "l2_invoice_id=77 F-3batch.problem_scanned");
}

TEST_F(DepositViewModelsTest, OnlyKnownProblemKeysTravel) {
  EXPECT_TRUE(IsBatchProblemKey("batch.problem_unreadable"));
  EXPECT_TRUE(IsBatchProblemKey("batch.problem_gone"));
  EXPECT_FALSE(IsBatchProblemKey("deposit.title"));
  EXPECT_FALSE(IsBatchProblemKey(""));
  EXPECT_EQ(BatchFieldName(12, "issue_date"), "l12_issue_date");
}

}  // namespace
}  // namespace choral::portal
