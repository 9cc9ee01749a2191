// Regressions found by scripts/differential-en16931.py: invoices of the shared corpus with a
// small edit (an element removed, a text changed), each once judged differently by Choral and by
// the official artefacts (the schematron on SaxonJS, shared/peers/en16931/). The expected rule ids
// are the artefacts' verdicts on the edited file; Choral must fire exactly those (parse, syntax
// rules, business rules; the XSD step is not run, as the peer does none). The corpus is read in
// place; the edits are applied here, so no file is copied.
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "formats/structured_document.h"
#include "rules/en16931_rules.h"

namespace choral {
namespace {

using RuleIds = std::set<std::string>;

struct Edit {
  enum Kind { kRemove, kSetText, kSetAttribute, kDuplicate, kAppend };
  Kind kind;
  // Steps of local names from the root element, each with an optional 1-based [n] among the
  // siblings of that name: "SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem[2]/...".
  std::string path;
  std::string attribute;  // kSetAttribute: its name; kAppend: the new element's local name
  std::string value;
};

Edit Remove(std::string path) { return {Edit::kRemove, std::move(path), "", ""}; }
Edit SetText(std::string path, std::string text) {
  return {Edit::kSetText, std::move(path), "", std::move(text)};
}
Edit SetAttribute(std::string path, std::string attribute, std::string value) {
  return {Edit::kSetAttribute, std::move(path), std::move(attribute), std::move(value)};
}
// A new last child holding `text`: `name` as given when prefixed, else in the element's prefix.
Edit Append(std::string path, std::string local, std::string text) {
  return {Edit::kAppend, std::move(path), std::move(local), std::move(text)};
}
// A copy of the element right after it.
Edit Duplicate(std::string path) { return {Edit::kDuplicate, std::move(path), "", ""}; }

struct Mutant {
  std::string name;  // what was found, for the failure message
  std::string seed;  // relative to shared/corpus/en16931
  std::vector<Edit> edits;
  RuleIds fatal;  // the artefacts' verdict on the edited file
  RuleIds warning;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Find(pugi::xml_node node, const std::string& path) {
  std::istringstream steps(path);
  for (std::string step; std::getline(steps, step, '/');) {
    int wanted = 1;
    if (size_t bracket = step.find('['); bracket != std::string::npos) {
      wanted = std::stoi(step.substr(bracket + 1));
      step.resize(bracket);
    }
    pugi::xml_node found;
    int seen = 0;
    for (pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_element && LocalName(child) == step && ++seen == wanted) {
        found = child;
        break;
      }
    }
    node = found;
    if (!node) break;
  }
  return node;
}

// The edited seed, serialized.
std::string Apply(const Mutant& mutant) {
  pugi::xml_document document;
  std::string seed = ReadFile(std::string(CHORAL_CORPUS_DIR) + "/en16931/" + mutant.seed);
  EXPECT_TRUE(document.load_string(seed.c_str(), pugi::parse_default | pugi::parse_declaration));
  for (const Edit& edit : mutant.edits) {
    pugi::xml_node node = Find(document.document_element(), edit.path);
    EXPECT_TRUE(node) << mutant.seed << " has no " << edit.path;
    if (!node) continue;
    switch (edit.kind) {
      case Edit::kRemove:
        node.parent().remove_child(node);
        break;
      case Edit::kSetText:
        node.text().set(edit.value.c_str());
        break;
      case Edit::kSetAttribute: {
        pugi::xml_attribute attribute = node.attribute(edit.attribute.c_str());
        if (!attribute) attribute = node.append_attribute(edit.attribute.c_str());
        attribute.set_value(edit.value.c_str());
        break;
      }
      case Edit::kDuplicate:
        node.parent().insert_copy_after(node, node);
        break;
      case Edit::kAppend: {
        std::string name = edit.attribute;
        if (name.find(':') == std::string::npos) {  // in the parent's prefix
          std::string parent = node.name();
          size_t colon = parent.find(':');
          if (colon != std::string::npos) name = parent.substr(0, colon + 1) + name;
        }
        node.append_child(name.c_str()).text().set(edit.value.c_str());
        break;
      }
    }
  }
  std::ostringstream out;
  document.save(out, "  ");
  return out.str();
}

void ExpectArtefactVerdict(const Mutant& mutant) {
  SCOPED_TRACE(mutant.name + " (" + mutant.seed + ")");
  auto document = formats::StructuredDocument::Parse(Apply(mutant));
  ASSERT_TRUE(document) << document.error().message;
  invoice::Findings findings = document->CheckSyntaxRules();
  invoice::Findings business =
      rules::CheckEn16931(document->invoice(), document->syntax() == formats::Syntax::kUbl
                                                   ? rules::En16931Syntax::kUbl
                                                   : rules::En16931Syntax::kCii);
  findings.insert(findings.end(), business.begin(), business.end());
  RuleIds fatal, warning;
  for (const auto& finding : findings) {
    (finding.flag == invoice::FindingFlag::kFatal ? fatal : warning).insert(finding.rule);
  }
  EXPECT_EQ(fatal, mutant.fatal);
  EXPECT_EQ(warning, mutant.warning);
}

// CII's BR-29/30 test "EndDateTime/DateTimeString[@format='102'] >= StartDateTime/..." unless
// either element is absent: a StartDateTime without its DateTimeString is there, and the empty
// comparison fails.
TEST(En16931DifferentialRegressions, CiiPeriodDateWithoutItsDateString) {
  ExpectArtefactVerdict(
      {"header period start without DateTimeString",
       "cii/cen-examples/CII_example7.xml",
       {Remove("SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/BillingSpecifiedPeriod/"
               "StartDateTime/DateTimeString")},
       {"BR-29"},
       {}});
  ExpectArtefactVerdict({"line period end without DateTimeString",
                         "cii/cen-examples/CII_example9.xml",
                         {Remove("SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem[1]/"
                                 "SpecifiedLineTradeSettlement/BillingSpecifiedPeriod/EndDateTime/"
                                 "DateTimeString")},
                         {"BR-30"},
                         {}});
}

// A CII allowance without ChargeIndicator/udt:Indicator is neither allowance nor charge to the
// artefacts: it leaves BR-CO-11's sum of allowances and the breakdown's (BR-S-08), which then no
// longer add up; it was read as an allowance.
TEST(En16931DifferentialRegressions, CiiAllowanceWithoutIndicator) {
  ExpectArtefactVerdict({"document allowance without indicator",
                         "cii/cen-examples/CII_example2.xml",
                         {Remove("SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
                                 "SpecifiedTradeAllowanceCharge[1]/ChargeIndicator/Indicator")},
                         {"BR-CO-11", "BR-S-08"},
                         {}});
}

// CII's BR-62/63 ask for a scheme on the first URIUniversalCommunication's URIID as soon as the
// URIUniversalCommunication is there; one without URIID was read as no electronic address.
TEST(En16931DifferentialRegressions, CiiElectronicAddressWithoutUriId) {
  ExpectArtefactVerdict({"buyer URIUniversalCommunication without URIID",
                         "cii/akretion/factur-x-en16931.xml",
                         {Remove("SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement/"
                                 "BuyerTradeParty/URIUniversalCommunication/URIID")},
                         {"BR-63"},
                         {}});
  ExpectArtefactVerdict({"seller URIUniversalCommunication without URIID",
                         "cii/akretion/factur-x-en16931.xml",
                         {Remove("SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement/"
                                 "SellerTradeParty/URIUniversalCommunication/URIID")},
                         {"BR-62"},
                         {}});
}

// BR-CL-03 checks the currency of every VAT total element; one in neither BT-5's nor BT-6's
// currency is neither BT-110 nor BT-111, and went unchecked.
TEST(En16931DifferentialRegressions, VatTotalInAThirdCurrency) {
  ExpectArtefactVerdict(
      {"CII VAT total in XYZ",
       "cii/cen-examples/CII_example1.xml",
       {SetAttribute("SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
                     "SpecifiedTradeSettlementHeaderMonetarySummation/"
                     "TaxTotalAmount",
                     "currencyID", "XYZ")},
       {"BR-CL-03", "BR-CO-15"},
       {}});
  ExpectArtefactVerdict(
      {"UBL second VAT total in EURO",
       "ubl/cen-examples/ubl-tc434-example1.xml",
       {Duplicate("TaxTotal"), SetAttribute("TaxTotal[2]/TaxAmount", "currencyID", "EURO")},
       {"BR-CL-03"},
       {}});
}

// CII's rules of an allowance or charge select it by [udt:Indicator = 'true'] (a string); the
// sums and VAT rules by [udt:Indicator = true()] (an xs:boolean). "0", " true " or "1" is
// schema-valid and counts in the sums, but the allowance's own rules (reason, decimals) skip it.
TEST(En16931DifferentialRegressions, CiiIndicatorSpelling) {
  const std::string allowance =
      "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
      "SpecifiedTradeAllowanceCharge[1]/";
  const std::string charge =
      "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
      "SpecifiedTradeAllowanceCharge[2]/";
  ExpectArtefactVerdict({"allowance spelt 0, without reason",
                         "cii/cen-examples/CII_example2.xml",
                         {SetText(allowance + "ChargeIndicator/Indicator", "0"),
                          Remove(allowance + "Reason"), Remove(allowance + "ReasonCode")},
                         {},
                         {}});
  ExpectArtefactVerdict(
      {"charge spelt ' true ', without reason",
       "cii/cen-examples/CII_example2.xml",
       {SetText(charge + "ChargeIndicator/Indicator", " true "), Remove(charge + "Reason")},
       {},
       {}});
  // No xs:boolean at all: no context selects it (an empty one was read as an allowance, whose
  // reason code ZZZ then broke BR-CL-19).
  ExpectArtefactVerdict({"line charge with an empty indicator",
                         "cii/cen-examples/XRechnung-O.xml",
                         {SetText("SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem[1]/"
                                  "SpecifiedLineTradeSettlement/SpecifiedTradeAllowanceCharge/"
                                  "ChargeIndicator/Indicator",
                                  "")},
                         {},
                         {}});
  ExpectArtefactVerdict({"charge spelt 1, of three decimals",
                         "cii/cen-examples/CII_example2.xml",
                         {SetText(charge + "ChargeIndicator/Indicator", "1"),
                          SetText(charge + "ActualAmount", "100.005")},
                         {"BR-CO-12", "BR-S-08"},
                         {}});
}

// UBL's BR-O-12 counts //cac:ClassifiedTaxCategory[normalize-space(cbc:ID) != 'O'][VAT scheme]:
// a line category without cbc:ID is one.
TEST(En16931DifferentialRegressions, UblLineCategoryWithoutCodeBesideNotSubjectToVat) {
  ExpectArtefactVerdict({"line ClassifiedTaxCategory without ID",
                         "ubl/cen-testfiles/BIS_Billing_30-Forskott_ej_moms.xml",
                         {Remove("InvoiceLine/Item/ClassifiedTaxCategory/ID")},
                         {"BR-CO-04", "BR-O-08", "BR-O-12"},
                         {}});
}

// CII's BR-CL-06, -14, -22 and -23 check their element wherever it stands, business term or not:
// a line tax's ExemptionReasonCode, a gross price's BasisQuantity/@unitCode, a second VAT
// breakdown's DueDateTypeCode were not in the model, so went unchecked
// (SemanticInvoice::codes_as_written).
TEST(En16931DifferentialRegressions, CiiCodesOutsideTheBusinessTerms) {
  ExpectArtefactVerdict({"line tax exemption reason code",
                         "cii/zugferd-corpus/XRECHNUNG_Reisekostenabrechnung.cii.xml",
                         {Append("SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem[2]/"
                                 "SpecifiedLineTradeSettlement/ApplicableTradeTax",
                                 "ExemptionReasonCode", "EXEMPT")},
                         {"BR-CL-22"},
                         {"CII-SR-465", "CII-SR-475", "CII-SR-476"}});
  ExpectArtefactVerdict(
      {"gross price base quantity unit",
       "cii/cen-examples/CII_example5.xml",
       {SetAttribute("SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem[1]/"
                     "SpecifiedLineTradeAgreement/GrossPriceProductTradePrice/"
                     "BasisQuantity",
                     "unitCode", "Stk")},
       {"BR-CL-23"},
       {}});
  ExpectArtefactVerdict({"second breakdown's tax point date code",
                         "cii/akretion/factur-x-en16931.xml",
                         {Append("SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/"
                                 "ApplicableTradeTax[2]",
                                 "DueDateTypeCode", "99")},
                         {"BR-CL-06", "CII-SR-462"},
                         {}});
}

// UBL's BR-CL-22 checks every cbc:TaxExemptionReasonCode, a line category's too (which
// UBL-CR-600 also warns about): there is no business term for it.
TEST(En16931DifferentialRegressions, UblLineCategoryExemptionReasonCode) {
  ExpectArtefactVerdict({"line ClassifiedTaxCategory exemption reason code",
                         "ubl/cen-examples/ubl-tc434-example1.xml",
                         {Append("InvoiceLine[1]/Item/ClassifiedTaxCategory",
                                 "cbc:TaxExemptionReasonCode", "EXEMPT")},
                         {"BR-CL-22"},
                         {"UBL-CR-600"}});
}

// CII's BR-52 wants an IssuerAssignedID on every AdditionalReferencedDocument; a line's invoiced
// object document (BT-128) without one was read as no object identifier.
TEST(En16931DifferentialRegressions, CiiLineObjectDocumentWithoutId) {
  ExpectArtefactVerdict(
      {"line AdditionalReferencedDocument 130 without IssuerAssignedID",
       "cii/akretion/factur-x-extended.xml",
       {Remove("SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem[2]/"
               "SpecifiedLineTradeSettlement/AdditionalReferencedDocument/IssuerAssignedID")},
       {"BR-52"},
       {"CII-DT-052", "CII-DT-098", "CII-SR-039", "CII-SR-040", "CII-SR-041", "CII-SR-474"}});
}

}  // namespace
}  // namespace choral
