#include <string>

#include <gtest/gtest.h>

#include "formats/corpus_for_test.h"
#include "formats/invoice_writer.h"
#include "formats/semantic_test_util.h"
#include "formats/ubl_reader.h"

namespace choral::formats {
namespace {

using testing::CorpusFiles;
using testing::En16931Dir;
using testing::ReadFile;

// "" when the models hold the same business terms (offsets aside), else where they differ.
std::string Difference(const invoice::SemanticInvoice& a, const invoice::SemanticInvoice& b) {
  return testing::FirstDifference(testing::WithoutSources(a), testing::WithoutSources(b));
}

invoice::SemanticInvoice Read(const std::string& xml, pugi::xml_document& document) {
  pugi::xml_parse_result result = document.load_buffer(xml.data(), xml.size());
  EXPECT_TRUE(result) << result.description() << " at " << result.offset;
  return ReadUbl(document.document_element());
}

TEST(UblWriterTest, EveryCorpusInstanceReadsBackTheSameModel) {
  std::vector<std::string> files = CorpusFiles("ubl", "instance");
  ASSERT_GE(files.size(), 78u);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    pugi::xml_document original_document;
    invoice::SemanticInvoice original =
        Read(ReadFile(En16931Dir() + "/" + file), original_document);
    std::string written = WriteUbl(original);
    pugi::xml_document written_document;
    invoice::SemanticInvoice reread = Read(written, written_document);
    EXPECT_EQ(Difference(original, reread), "") << written.substr(0, 4000);
  }
}

TEST(UblWriterTest, WritesACreditNoteForACreditNoteCode) {
  invoice::SemanticInvoice model;
  model.number = "CN-1";
  model.type_code = "381";
  model.currency = "EUR";
  model.project_reference = "P-7";
  invoice::DateText due;
  due.text = "2024-03-01";
  due.value = *core::Date::FromYmd(2024, 3, 1);
  model.due_date = due;
  model.payment_instructions.emplace_back().means_code = "30";
  invoice::InvoiceLine& line = model.lines.emplace_back();
  line.id = "1";
  invoice::DecimalText quantity;
  quantity.text = "2";
  quantity.value = invoice::ParseXsDecimal("2");
  line.quantity = quantity;
  line.quantity_unit = "C62";

  std::string xml = WriteUbl(model);
  EXPECT_NE(xml.find("<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
                     "CreditNote-2\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<cbc:CreditedQuantity unitCode=\"C62\">2</cbc:CreditedQuantity>"),
            std::string::npos);
  EXPECT_NE(xml.find("<cbc:PaymentDueDate>2024-03-01</cbc:PaymentDueDate>"), std::string::npos);
  EXPECT_EQ(xml.find("ProjectReference"), std::string::npos);  // BT-11 is an ADR of code 50
  pugi::xml_document document;
  EXPECT_EQ(Difference(model, Read(xml, document)), "");
}

TEST(UblWriterTest, FillsWhatUblRequiresFromTheModel) {
  // A model read from CII: amounts without currency, a note with its subject code.
  invoice::SemanticInvoice model;
  model.type_code = "380";
  model.currency = "EUR";
  invoice::Note& note = model.notes.emplace_back();
  note.subject_code = "AAI";
  note.text = "Pay on time";
  invoice::VatBreakdown& vat = model.vat_breakdown.emplace_back();
  vat.category_code = "S";
  vat.tax_scheme = "VAT";
  invoice::DecimalText amount;
  amount.text = "20.00";
  vat.tax_amount = amount;

  std::string xml = WriteUbl(model);
  EXPECT_NE(xml.find("<Invoice xmlns"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<cbc:Note>#AAI#Pay on time</cbc:Note>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<cbc:TaxAmount currencyID=\"EUR\">20.00</cbc:TaxAmount>"), std::string::npos);
  EXPECT_NE(xml.find("<cac:TaxScheme>\n"), std::string::npos) << xml;
  // No scheme in the model, none written: the artefact's VAT rules must see the same thing.
  model.vat_breakdown[0].tax_scheme.reset();
  EXPECT_EQ(WriteUbl(model).find("TaxScheme"), std::string::npos);
}

TEST(UblWriterTest, UnitFragmentsReadBackTheSameModel) {
  std::vector<std::string> files = testing::CorpusFiles("ubl", "unit-fragment");
  ASSERT_GE(files.size(), 1000u);
  int differ = 0;
  for (const std::string& file : files) {
    pugi::xml_document original_document;
    invoice::SemanticInvoice original =
        Read(testing::ReadFile(testing::En16931Dir() + "/" + file), original_document);
    std::string written = WriteUbl(original);
    pugi::xml_document written_document;
    invoice::SemanticInvoice reread = Read(written, written_document);
    std::string difference = Difference(original, reread);
    if (!difference.empty()) {
      ++differ;
      ADD_FAILURE() << file << ": " << difference;
    }
  }
  EXPECT_EQ(differ, 0);
}

}  // namespace
}  // namespace choral::formats
