// Flow deposit end to end on the demo platform (SQLite, or PostgreSQL under platform_pgtest):
// stored at once with its number, processed by the job through Chorus Pro's states, each invoice
// accepted into the lifecycle or rejected with its findings, resumed after a crash, hostile
// archives and unknown syntaxes refused; the report as JSON and PDF.
#include "platform/flows.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "platform/flow_processor.h"
#include "platform/flow_test_support.h"
#include "platform/invoice_test_fixture.h"

namespace choral::platform {
namespace {

using testing::DemoUblInvoice;
using testing::MakeArchive;

constexpr const char* kUbl = "IN_DP_E1_UBL_INVOICE";

// The finding of `rule` (the validator may put others first: XSD-UNAVAILABLE without schemas).
const FlowFinding* Find(const std::vector<FlowFinding>& findings, const std::string& rule) {
  for (const FlowFinding& f : findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

class FlowsTest : public testing::InvoiceFixture {
 protected:
  FlowsTest() : flows_(*store_, clock_), processor_(*store_, clock_, validator_) {}

  FlowReceipt DepositFlow(const std::string& file, const std::string& name = "flux.xml",
                          const std::string& syntax = kUbl) {
    auto receipt = flows_.Deposit(supplier_, {file, name, syntax, {}});
    EXPECT_TRUE(receipt) << receipt.error().ToString();
    return receipt ? *receipt : FlowReceipt{};
  }

  FlowReport ReportOf(const std::string& number, const Actor* who = nullptr) {
    auto report = flows_.Report(who ? *who : supplier_, number);
    EXPECT_TRUE(report) << report.error().ToString();
    return report ? *report : FlowReport{};
  }

  void RunAll() {
    auto pass = processor_.RunOnce();
    ASSERT_TRUE(pass) << pass.error().ToString();
    EXPECT_TRUE(pass->errors.empty()) << pass->errors.front();
  }

  std::vector<std::string> FlowStatesAudited(const std::string& number) {
    std::vector<std::string> states;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
      auto events = tx.audit().ListBySubject("flow:" + number, 100);
      if (!events) return core::Fail(events.error());
      for (const auto& e : *events) {
        if (e.action == "flow.deposited") states.push_back("IN_RECU");
        if (e.action == "flow.state") {
          states.push_back(nlohmann::json::parse(e.details).at("state").get<std::string>());
        }
      }
      return core::Ok();
    }));
    std::reverse(states.begin(), states.end());  // listed newest first
    return states;
  }

  int64_t InvoiceCount() {
    int64_t count = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> core::Status {
      auto n = tx.invoices().Count({});
      if (!n) return core::Fail(n.error());
      count = *n;
      return core::Ok();
    }));
    return count;
  }

  InvoiceValidator validator_{nullptr, nullptr};
  Flows flows_;
  FlowProcessor processor_;
};

TEST_F(FlowsTest, ADepositIsStoredAtOnceWithItsNumber) {
  FlowReceipt receipt = DepositFlow(DemoUblInvoice("FX-1"));
  EXPECT_EQ(receipt.number.substr(0, 3), "CPP");
  EXPECT_EQ(receipt.number.size(), 25u);
  EXPECT_EQ(receipt.state, FlowState::kReceived);
  EXPECT_EQ(receipt.deposited_at, clock_.Now());
  FlowReport report = ReportOf(receipt.number);
  EXPECT_EQ(report.state, FlowState::kReceived);
  EXPECT_EQ(report.flow.syntax_code, kUbl);
  EXPECT_EQ(report.flow.file_name, "flux.xml");
  EXPECT_TRUE(report.invoices.empty());
  EXPECT_TRUE(store_->blobs().Get(report.flow.file_sha256));
  auto listed = flows_.List(supplier_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().number, receipt.number);
}

TEST_F(FlowsTest, UnknownAndNonIntegratedSyntaxCodesAreRefused) {
  auto unknown = flows_.Deposit(supplier_, {DemoUblInvoice("FX-1"), "f.xml", "UBL", {}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(unknown.error().message.find("unknown syntaxeFlux \"UBL\""), std::string::npos);
  EXPECT_NE(unknown.error().message.find("IN_DP_E1_UBL_INVOICE"), std::string::npos);
  auto pes = flows_.Deposit(supplier_, {"<PES/>", "f.xml", "IN_DP_E1_PES_FACTURE", {}});
  ASSERT_FALSE(pes);
  EXPECT_EQ(pes.error().code, core::ErrorCode::kUnsupported);
  auto empty = flows_.Deposit(supplier_, {"", "f.xml", kUbl, {}});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, core::ErrorCode::kInvalidArgument);
  auto listed = flows_.List(supplier_);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_F(FlowsTest, OnlySuppliersDepositAndOthersDoNotSeeTheFlow) {
  auto refused = flows_.Deposit(ministry_, {DemoUblInvoice("FX-1"), "f.xml", kUbl, {}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kPermissionDenied);
  FlowReceipt receipt = DepositFlow(DemoUblInvoice("FX-1"));
  auto hidden = flows_.Report(ministry_, receipt.number);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, core::ErrorCode::kNotFound);
  EXPECT_TRUE(flows_.List(ministry_)->empty());
}

TEST_F(FlowsTest, AValidInvoiceIsIntegratedThroughEveryState) {
  const int64_t before = InvoiceCount();
  FlowReceipt receipt = DepositFlow(DemoUblInvoice("FX-1"));
  RunAll();
  FlowReport report = ReportOf(receipt.number);
  EXPECT_EQ(report.state, FlowState::kIntegrated);
  EXPECT_EQ(report.flow.invoice_count, 1);
  ASSERT_EQ(report.invoices.size(), 1u);
  ASSERT_TRUE(report.invoices[0].accepted()) << FindingsToJson(report.invoices[0].findings);
  EXPECT_EQ(report.invoices[0].invoice_number, "FX-1");
  EXPECT_EQ(InvoiceCount(), before + 1);
  EXPECT_EQ(FlowStatesAudited(receipt.number),
            (std::vector<std::string>{"IN_RECU", "IN_EN_ATTENTE_TRAITEMENT_CPP",
                                      "IN_EN_COURS_TRAITEMENT_CPP", "IN_INTEGRE"}));

  // The invoice entered the lifecycle as a PDF deposit does: the ministry sees it, with its
  // routing history and service code.
  auto view = processing_.View(ministry_, *report.invoices[0].invoice_id);
  ASSERT_TRUE(view) << view.error().ToString();
  EXPECT_EQ(view->summary.invoice.invoice_number, "FX-1");
  EXPECT_EQ(view->summary.invoice.service_code, "DAF-ACHATS");
  EXPECT_EQ(view->summary.invoice.engagement_number, "PO1242");
  EXPECT_EQ(view->summary.invoice.status, invoice::InvoiceStatus::kAvailable);
  EXPECT_EQ(view->summary.invoice.deposited_by, supplier_.user_id);
  // Its file is the XML deposited, named and typed as XML.
  auto file = processing_.Pdf(ministry_, *report.invoices[0].invoice_id);
  ASSERT_TRUE(file) << file.error().ToString();
  EXPECT_EQ(file->media_type, "application/xml");
  EXPECT_EQ(file->file_name, "facture-FX-1.xml");
  EXPECT_TRUE(file->bytes.starts_with("<?xml")) << file->bytes.substr(0, 40);

  // The stored report is the JSON the API gives.
  nlohmann::json json = nlohmann::json::parse(report.flow.report);
  EXPECT_EQ(json["state"], "IN_INTEGRE");
  EXPECT_EQ(json["flow_number"], receipt.number);
  EXPECT_EQ(json["invoices"][0]["accepted"], true);
  EXPECT_EQ(json["invoices"][0]["invoice_id"], report.invoices[0].invoice_id->value());

  // Processed once: the job is done, a second pass finds nothing.
  auto pass = processor_.RunOnce();
  ASSERT_TRUE(pass);
  EXPECT_EQ(pass->claimed, 0);
}

TEST_F(FlowsTest, AnArchiveWithAGoodAndABadInvoiceIsPartlyIntegrated) {
  // The second names a recipient no structure has (a valid SIRET nobody registered).
  std::string archive = MakeArchive({{"bonne.xml", DemoUblInvoice("FX-1")},
                                     {"mauvaise.xml", DemoUblInvoice("FX-2", "73282932000074")}});
  FlowReceipt receipt = DepositFlow(archive, "lot.zip");
  RunAll();
  FlowReport report = ReportOf(receipt.number);
  EXPECT_EQ(report.state, FlowState::kPartlyIntegrated);
  EXPECT_EQ(report.accepted, 1);
  EXPECT_EQ(report.rejected, 1);
  ASSERT_EQ(report.invoices.size(), 2u);
  EXPECT_TRUE(report.invoices[0].accepted());
  EXPECT_EQ(report.invoices[0].file, "bonne.xml");
  const FlowInvoiceReport& bad = report.invoices[1];
  EXPECT_FALSE(bad.accepted());
  EXPECT_EQ(bad.invoice_number, "FX-2");
  const FlowFinding* unknown = Find(bad.findings, "DEP-RECIPIENT-UNKNOWN");
  ASSERT_NE(unknown, nullptr) << FindingsToJson(bad.findings);
  EXPECT_EQ(unknown->flag, "fatal");
  EXPECT_NE(unknown->location.find("BT-46"), std::string::npos);
  EXPECT_NE(unknown->message.find("73282932000074"), std::string::npos);

  auto pdf = flows_.ReportPdf(supplier_, receipt.number);
  ASSERT_TRUE(pdf) << pdf.error().ToString();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_GT(pdf->size(), 1000u);
}

TEST_F(FlowsTest, EveryInvoiceRejectedMeansTheFlowIsRejected) {
  std::string archive = MakeArchive(
      {{"a.xml", "not xml at all"}, {"b.xml", DemoUblInvoice("FX-1", "11000998200015", "")}});
  FlowReceipt receipt = DepositFlow(archive, "lot.zip");
  RunAll();
  FlowReport report = ReportOf(receipt.number);
  EXPECT_EQ(report.state, FlowState::kRejected);
  ASSERT_EQ(report.invoices.size(), 2u);
  EXPECT_NE(Find(report.invoices[0].findings, "FLOW-UNREADABLE"), nullptr);
  // The ministry requires a service code (BT-10).
  bool service_code = false;
  for (const auto& f : report.invoices[1].findings) {
    service_code = service_code || f.rule == "DEP-SERVICE-CODE-REQUIRED";
  }
  EXPECT_TRUE(service_code) << FindingsToJson(report.invoices[1].findings);
}

TEST_F(FlowsTest, AFileOfAnotherSyntaxThanDeclaredIsRejected) {
  FlowReceipt receipt = DepositFlow(DemoUblInvoice("FX-1"), "f.xml", "IN_DP_E1_CII_16B");
  RunAll();
  FlowReport report = ReportOf(receipt.number);
  EXPECT_EQ(report.state, FlowState::kRejected);
  ASSERT_EQ(report.invoices.size(), 1u);
  EXPECT_NE(Find(report.invoices[0].findings, "FLOW-SYNTAX-MISMATCH"), nullptr);
}

TEST_F(FlowsTest, TheSameNumberTwiceInOneFlowIsAcceptedOnce) {
  std::string archive =
      MakeArchive({{"a.xml", DemoUblInvoice("FX-1")}, {"b.xml", DemoUblInvoice("FX-1")}});
  FlowReceipt receipt = DepositFlow(archive, "lot.zip");
  RunAll();
  FlowReport report = ReportOf(receipt.number);
  EXPECT_EQ(report.state, FlowState::kPartlyIntegrated);
  ASSERT_EQ(report.invoices.size(), 2u);
  EXPECT_NE(Find(report.invoices[1].findings, "DEP-NUMBER-TAKEN"), nullptr);
}

TEST_F(FlowsTest, AProcessingCrashMidwayResumesWithoutLosingOrRepeatingAnything) {
  std::string archive = MakeArchive({{"1.xml", DemoUblInvoice("FX-1")},
                                     {"2.xml", DemoUblInvoice("FX-2")},
                                     {"3.xml", DemoUblInvoice("FX-3")}},
                                    "tar.gz");
  FlowReceipt receipt = DepositFlow(archive, "lot.tar.gz");
  const int64_t before = InvoiceCount();
  // A runner claims the job, records one invoice and dies: its job stays claimed.
  auto claimed = processor_.Claim();
  ASSERT_TRUE(claimed);
  ASSERT_EQ(claimed->size(), 1u);
  ASSERT_TRUE(processor_.Work(claimed->front(), 1));
  FlowReport midway = ReportOf(receipt.number);
  EXPECT_EQ(midway.state, FlowState::kProcessing);
  ASSERT_EQ(midway.invoices.size(), 1u);
  const core::InvoiceId first = *midway.invoices[0].invoice_id;

  // While the lease holds, nobody else takes it.
  auto pass = processor_.RunOnce();
  ASSERT_TRUE(pass);
  EXPECT_EQ(pass->claimed, 0);

  // Once it runs out, the job resumes and does only what was left.
  clock_.Advance(processor_.options().lease + std::chrono::seconds(1));
  RunAll();
  FlowReport report = ReportOf(receipt.number);
  EXPECT_EQ(report.state, FlowState::kIntegrated);
  ASSERT_EQ(report.invoices.size(), 3u);
  EXPECT_EQ(*report.invoices[0].invoice_id, first);
  EXPECT_EQ(InvoiceCount(), before + 3);
}

TEST_F(FlowsTest, AZipBombIsRejectedWithAClearReason) {
  std::string bomb = MakeArchive({{"bomb.xml", std::string(8 * 1024 * 1024, '\0')}});
  FlowReceipt receipt = DepositFlow(bomb, "bomb.zip");
  RunAll();
  FlowReport report = ReportOf(receipt.number);
  EXPECT_EQ(report.state, FlowState::kRejected);
  EXPECT_NE(report.flow.error.find("zip bomb"), std::string::npos) << report.flow.error;
  EXPECT_TRUE(report.invoices.empty());
  nlohmann::json json = nlohmann::json::parse(report.flow.report);
  EXPECT_EQ(json["state"], "IN_REJETE");
  EXPECT_EQ(json["error"], report.flow.error);
}

TEST_F(FlowsTest, AnApiClientsInvoicesAreDepositedInTheNameOfTheMainManager) {
  Actor api;
  api.api_client = "erp-1";
  api.structures.push_back(supplier_.structures.at(0));
  api.structures.back().role = accounts::Role::kUser;
  auto receipt = flows_.Deposit(api, {DemoUblInvoice("FX-1"), "f.xml", kUbl, {}});
  ASSERT_TRUE(receipt) << receipt.error().ToString();
  RunAll();
  FlowReport report = ReportOf(receipt->number, &api);
  ASSERT_EQ(report.state, FlowState::kIntegrated);
  auto view = processing_.View(supplier_, *report.invoices[0].invoice_id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->summary.invoice.deposited_by, supplier_.user_id);  // Marc, main manager
}

}  // namespace
}  // namespace choral::platform
