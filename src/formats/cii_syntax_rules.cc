// The CII syntax rules (CII-SR/DT-*): the rule table's plain path asserts run generically;
// here, the match predicates and the asserts whose tests are more than a path, each written
// after the artefact's XPath test (quoted beside it).
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "core/xml_text.h"
#include "formats/syntax_rule_engine.h"
#include "formats/syntax_rule_sets.h"
#include "formats/syntax_rules.h"

namespace choral::formats {
namespace syntax {
namespace {

constexpr int kRsm = kCiiRsmNamespace;
constexpr int kRam = kCiiRamNamespace;
constexpr int kUdt = kCiiUdtNamespace;

// XPath general comparison `ram:TypeCode = 'value'` over the context's children.
bool ChildEquals(const ElementIndex& index, int context, std::string_view child,
                 std::string_view value) {
  for (int e : Select(index, context, {{kRam, child}})) {
    if (StringValue(index, e) == value) return true;
  }
  return false;
}

// normalize-space(ram:TypeCode): of the first TypeCode child, "" when there is none.
std::string NormalizedChild(const ElementIndex& index, int context, std::string_view child) {
  const std::vector<int> children = Select(index, context, {{kRam, child}});
  return children.empty() ? std::string() : NormalizeSpace(StringValue(index, children.front()));
}

std::vector<int> AllElements(const ElementIndex& index, Name name) {
  std::vector<int> out;
  for (int e = 0; e < index.size(); ++e) {
    if (Is(index, e, name)) out.push_back(e);
  }
  return out;
}

// //parent/child, in document order.
std::vector<int> AllChildrenOf(const ElementIndex& index, Name parent, Name child) {
  std::vector<int> out;
  for (int p : AllElements(index, parent)) {
    for (int c : Select(index, p, {child})) out.push_back(c);
  }
  return out;
}

// (not(P/ram:ID) and P/ram:GlobalID) or (P/ram:ID and not(P/ram:GlobalID)) or
// (not(P/ram:ID) and not(P/ram:GlobalID)): the party does not carry both kinds of identifier.
bool NotBothIdAndGlobalId(const ElementIndex& index, int context, std::string_view party) {
  return !(Exists(index, context, {{kRam, party}, {kRam, "ID"}}) &&
           Exists(index, context, {{kRam, party}, {kRam, "GlobalID"}}));
}

// count(ram:AdditionalReferencedDocument[<selected>]/<child>), `child` empty for the documents.
template <typename Selected>
size_t CountReferencedDocuments(const ElementIndex& index, int context, Selected selected,
                                std::string_view child = {}) {
  size_t count = 0;
  for (int document : Select(index, context, {{kRam, "AdditionalReferencedDocument"}})) {
    if (!selected(document)) continue;
    count += child.empty() ? 1 : Select(index, document, {{kRam, child}}).size();
  }
  return count;
}

bool ContactHasPersonAndDepartment(const ElementIndex& index, int context, std::string_view party) {
  return Exists(index, context,
                {{kRam, party}, {kRam, "DefinedTradeContact"}, {kRam, "PersonName"}}) &&
         Exists(index, context,
                {{kRam, party}, {kRam, "DefinedTradeContact"}, {kRam, "DepartmentName"}});
}

// count(//A/B[normalize-space(.) != normalize-space((//A/B)[1])]) = 0
bool AllNormalizedEqual(const ElementIndex& index, Name parent, Name child) {
  const std::vector<int> values = AllChildrenOf(index, parent, child);
  if (values.empty()) return true;
  const std::string first = NormalizeSpace(StringValue(index, values.front()));
  for (int value : values) {
    if (NormalizeSpace(StringValue(index, value)) != first) return false;
  }
  return true;
}

// not(ram:<child>) or (self::ram:AdditionalReferencedDocument and ram:TypeCode='<code>')
bool OnlyOnAdditionalDocumentOfType(const ElementIndex& index, int context, std::string_view child,
                                    std::string_view code) {
  return !Exists(index, context, {{kRam, child}}) ||
         (Is(index, context, {kRam, "AdditionalReferencedDocument"}) &&
          ChildEquals(index, context, "TypeCode", code));
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// matches(., '^\s*(\d{4})(1[0-2]|0[1-9]){1}(3[01]|[12][0-9]|0[1-9]){1}\s*$'): YYYYMMDD with a
// month 01-12 and a day 01-31, surrounding whitespace allowed. (\d also takes non-ASCII decimal
// digits in XPath; only ASCII ones are taken here.)
bool IsFormat102Date(std::string_view text) {
  text = core::TrimXmlSpace(text);
  if (text.size() != 8) return false;
  for (char c : text) {
    if (!IsAsciiDigit(c)) return false;
  }
  const int month = (text[4] - '0') * 10 + (text[5] - '0');
  const int day = (text[6] - '0') * 10 + (text[7] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Match predicates: ends-with(name(), ...) on the qualified name is a test of the local name's
// ending, whatever the prefix.
template <const char* kSuffix>
bool NameEndsWith(const ElementIndex& index, int element) {
  return EndsWith(index[element].local_name, kSuffix);
}
constexpr char kTradeTax[] = "TradeTax";
constexpr char kQuantity[] = "Quantity";
constexpr char kReferencedDocument[] = "ReferencedDocument";
constexpr char kId[] = "ID";
constexpr char kDocumentContextParameter[] = "DocumentContextParameter";

bool IsAmountButTaxTotal(const ElementIndex& index, int element) {
  return EndsWith(index[element].local_name, "Amount") &&
         !Is(index, element, {kRam, "TaxTotalAmount"});
}

bool HasFormat102(const ElementIndex& index, int element) {
  const pugi::xml_attribute format = index[element].node.attribute("format");
  return format && std::string_view(format.value()) == "102";
}

constexpr NamedPredicate kPredicates[] = {
    {"ends-with(name(), 'TradeTax')", NameEndsWith<kTradeTax>},
    {"ends-with(name(), 'Quantity')", NameEndsWith<kQuantity>},
    {"ends-with(name(), 'Amount') and not (self::ram:TaxTotalAmount)", IsAmountButTaxTotal},
    {"ends-with(name(), 'ReferencedDocument')", NameEndsWith<kReferencedDocument>},
    {"ends-with(name(), 'ID')", NameEndsWith<kId>},
    {"ends-with(name(), 'DocumentContextParameter')", NameEndsWith<kDocumentContextParameter>},
    {"@format = '102'", HasFormat102},
};

const CustomAssert kCustomAsserts[] = {
    {"CII-SR-046", "not(ram:GlobalID) or (ram:GlobalID/@schemeID)",
     [](const ElementIndex& index, int context) {
       const std::vector<int> ids = Select(index, context, {{kRam, "GlobalID"}});
       if (ids.empty()) return true;
       for (int id : ids) {
         if (index.HasAttribute(id, "schemeID")) return true;
       }
       return false;
     }},
    {"CII-SR-090", "not (ram:OriginTradeCountry) or (count(ram:OriginTradeCountry/ram:ID) =1)",
     [](const ElementIndex& index, int context) {
       return !Exists(index, context, {{kRam, "OriginTradeCountry"}}) ||
              Select(index, context, {{kRam, "OriginTradeCountry"}, {kRam, "ID"}}).size() == 1;
     }},
    {"CII-SR-119",
     "(ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge/"
     "ram:ChargeIndicator[udt:Indicator=false()] and "
     "ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge/ram:ActualAmount) or (not "
     "(ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge/ram:ChargeIndicator) and "
     "not (ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge/ram:ActualAmount))",
     [](const ElementIndex& index, int context) {
       const std::vector<int> indicators = Select(index, context,
                                                  {{kRam, "GrossPriceProductTradePrice"},
                                                   {kRam, "AppliedTradeAllowanceCharge"},
                                                   {kRam, "ChargeIndicator"}});
       const bool amount = Exists(index, context,
                                  {{kRam, "GrossPriceProductTradePrice"},
                                   {kRam, "AppliedTradeAllowanceCharge"},
                                   {kRam, "ActualAmount"}});
       bool allowance = false;
       for (int indicator : indicators) {
         for (int value : Select(index, indicator, {{kUdt, "Indicator"}})) {
           if (CastToBoolean(StringValue(index, value)) == false) allowance = true;
         }
       }
       return (allowance && amount) || (indicators.empty() && !amount);
     }},
    {"CII-SR-474",
     "count(ram:AdditionalReferencedDocument[normalize-space(ram:TypeCode) = '130']) <= 1",
     [](const ElementIndex& index, int context) {
       return CountReferencedDocuments(index, context, [&](int document) {
                return NormalizedChild(index, document, "TypeCode") == "130";
              }) <= 1;
     }},
    {"CII-SR-450",
     "(not(ram:BuyerTradeParty/ram:ID) and ram:BuyerTradeParty/ram:GlobalID) or "
     "(ram:BuyerTradeParty/ram:ID and not(ram:BuyerTradeParty/ram:GlobalID)) or "
     "(not(ram:BuyerTradeParty/ram:ID) and not(ram:BuyerTradeParty/ram:GlobalID))",
     [](const ElementIndex& index, int context) {
       return NotBothIdAndGlobalId(index, context, "BuyerTradeParty");
     }},
    {"CII-SR-457", "( count(ram:AdditionalReferencedDocument[ram:TypeCode='50']) <= 1)",
     [](const ElementIndex& index, int context) {
       return CountReferencedDocuments(index, context, [&](int document) {
                return ChildEquals(index, document, "TypeCode", "50");
              }) <= 1;
     }},
    {"CII-SR-458", "( count(ram:AdditionalReferencedDocument[ram:TypeCode='130']) <= 1)",
     [](const ElementIndex& index, int context) {
       return CountReferencedDocuments(index, context, [&](int document) {
                return ChildEquals(index, document, "TypeCode", "130");
              }) <= 1;
     }},
    {"CII-SR-465",
     "not(ram:SellerTradeParty/ram:DefinedTradeContact/ram:PersonName and "
     "ram:SellerTradeParty/ram:DefinedTradeContact/ram:DepartmentName)",
     [](const ElementIndex& index, int context) {
       return !ContactHasPersonAndDepartment(index, context, "SellerTradeParty");
     }},
    {"CII-SR-466",
     "not(ram:BuyerTradeParty/ram:DefinedTradeContact/ram:PersonName and "
     "ram:BuyerTradeParty/ram:DefinedTradeContact/ram:DepartmentName)",
     [](const ElementIndex& index, int context) {
       return !ContactHasPersonAndDepartment(index, context, "BuyerTradeParty");
     }},
    {"CII-SR-475",
     "count(ram:AdditionalReferencedDocument[normalize-space(ram:TypeCode) = '916']/ram:Name) <= "
     "1",
     [](const ElementIndex& index, int context) {
       return CountReferencedDocuments(
                  index, context,
                  [&](int document) {
                    return NormalizedChild(index, document, "TypeCode") == "916";
                  },
                  "Name") <= 1;
     }},
    {"CII-SR-476",
     "count(ram:AdditionalReferencedDocument[normalize-space(ram:TypeCode) = "
     "'916']/ram:AttachmentBinaryObject) <= 1",
     [](const ElementIndex& index, int context) {
       return CountReferencedDocuments(
                  index, context,
                  [&](int document) {
                    return NormalizedChild(index, document, "TypeCode") == "916";
                  },
                  "AttachmentBinaryObject") <= 1;
     }},
    {"CII-SR-449",
     "(not(ram:ShipToTradeParty/ram:ID) and ram:ShipToTradeParty/ram:GlobalID) or "
     "(ram:ShipToTradeParty/ram:ID and not(ram:ShipToTradeParty/ram:GlobalID)) or "
     "(not(ram:ShipToTradeParty/ram:ID) and not(ram:ShipToTradeParty/ram:GlobalID))",
     [](const ElementIndex& index, int context) {
       return NotBothIdAndGlobalId(index, context, "ShipToTradeParty");
     }},
    {"CII-SR-451",
     "(not(ram:PayeeTradeParty/ram:ID) and ram:PayeeTradeParty/ram:GlobalID) or "
     "(ram:PayeeTradeParty/ram:ID and not(ram:PayeeTradeParty/ram:GlobalID)) or "
     "(not(ram:PayeeTradeParty/ram:ID) and not(ram:PayeeTradeParty/ram:GlobalID))",
     [](const ElementIndex& index, int context) {
       return NotBothIdAndGlobalId(index, context, "PayeeTradeParty");
     }},
    {"CII-SR-462",
     "count(//ram:ApplicableTradeTax/ram:DueDateTypeCode) = 0 or "
     "count(distinct-values(//ram:ApplicableTradeTax/ram:DueDateTypeCode)) = 1",
     [](const ElementIndex& index, int) {
       std::set<std::string> values;
       for (int code :
            AllChildrenOf(index, {kRam, "ApplicableTradeTax"}, {kRam, "DueDateTypeCode"})) {
         values.insert(StringValue(index, code));
       }
       return values.size() <= 1;
     }},
    {"CII-SR-470",
     "count(ram:SpecifiedTradeSettlementPaymentMeans[(normalize-space(ram:TypeCode) = '30' or "
     "normalize-space(ram:TypeCode) = '58') and "
     "not(ram:PayeePartyCreditorFinancialAccount/ram:IBANID or "
     "ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID)]) = 0",
     [](const ElementIndex& index, int context) {
       for (int means : Select(index, context, {{kRam, "SpecifiedTradeSettlementPaymentMeans"}})) {
         const std::string code = NormalizedChild(index, means, "TypeCode");
         if (code != "30" && code != "58") continue;
         if (!Exists(index, means,
                     {{kRam, "PayeePartyCreditorFinancialAccount"}, {kRam, "IBANID"}}) &&
             !Exists(index, means,
                     {{kRam, "PayeePartyCreditorFinancialAccount"}, {kRam, "ProprietaryID"}})) {
           return false;
         }
       }
       return true;
     }},
    {"CII-SR-467",
     "count(//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode[normalize-space(.) != "
     "normalize-space((//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode)[1])]) = 0",
     [](const ElementIndex& index, int) {
       return AllNormalizedEqual(index, {kRam, "SpecifiedTradeSettlementPaymentMeans"},
                                 {kRam, "TypeCode"});
     }},
    {"CII-SR-468",
     "count(//ram:SpecifiedTradeSettlementPaymentMeans/ram:Information[normalize-space(.) != "
     "normalize-space((//ram:SpecifiedTradeSettlementPaymentMeans/ram:Information)[1])]) = 0",
     [](const ElementIndex& index, int) {
       return AllNormalizedEqual(index, {kRam, "SpecifiedTradeSettlementPaymentMeans"},
                                 {kRam, "Information"});
     }},
    {"CII-DT-015",
     "not(ram:URIID) or (self::ram:AdditionalReferencedDocument and ram:TypeCode='916')",
     [](const ElementIndex& index, int context) {
       return OnlyOnAdditionalDocumentOfType(index, context, "URIID", "916");
     }},
    {"CII-DT-018",
     "not(ram:TypeCode) or (self::ram:AdditionalReferencedDocument) and (ram:TypeCode='50' or "
     "ram:TypeCode='130' or ram:TypeCode='916')",
     [](const ElementIndex& index, int context) {
       return !Exists(index, context, {{kRam, "TypeCode"}}) ||
              (Is(index, context, {kRam, "AdditionalReferencedDocument"}) &&
               (ChildEquals(index, context, "TypeCode", "50") ||
                ChildEquals(index, context, "TypeCode", "130") ||
                ChildEquals(index, context, "TypeCode", "916")));
     }},
    {"CII-DT-021",
     "not(ram:Name) or (self::ram:AdditionalReferencedDocument and ram:TypeCode='916')",
     [](const ElementIndex& index, int context) {
       return OnlyOnAdditionalDocumentOfType(index, context, "Name", "916");
     }},
    {"CII-DT-022",
     "not(ram:AttachmentBinaryObject) or (self::ram:AdditionalReferencedDocument and "
     "ram:TypeCode='916')",
     [](const ElementIndex& index, int context) {
       return OnlyOnAdditionalDocumentOfType(index, context, "AttachmentBinaryObject", "916");
     }},
    {"CII-DT-024",
     "not(ram:ReferenceTypeCode) or (self::ram:AdditionalReferencedDocument and "
     "ram:TypeCode='130')",
     [](const ElementIndex& index, int context) {
       return OnlyOnAdditionalDocumentOfType(index, context, "ReferenceTypeCode", "130");
     }},
    {"CII-DT-027", "not(ram:FormattedIssueDateTime) or self::ram:InvoiceReferencedDocument",
     [](const ElementIndex& index, int context) {
       return !Exists(index, context, {{kRam, "FormattedIssueDateTime"}}) ||
              Is(index, context, {kRam, "InvoiceReferencedDocument"});
     }},
    {"CII-DT-033",
     "not(@unitCode) or "
     "(/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/"
     "ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/"
     "@unitCode)",
     [](const ElementIndex& index, int context) {
       if (!index.HasAttribute(context, "unitCode")) return true;
       if (!Is(index, 0, {kRsm, "CrossIndustryInvoice"})) return false;
       for (int quantity : Select(index, 0,
                                  {{kRsm, "SupplyChainTradeTransaction"},
                                   {kRam, "IncludedSupplyChainTradeLineItem"},
                                   {kRam, "SpecifiedLineTradeDelivery"},
                                   {kRam, "BilledQuantity"}})) {
         if (index.HasAttribute(quantity, "unitCode")) return true;
       }
       return false;
     }},
    {"CII-DT-037", "not(ram:TypeCode) or (ram:TypeCode = 'VAT')",
     [](const ElementIndex& index, int context) {
       return !Exists(index, context, {{kRam, "TypeCode"}}) ||
              ChildEquals(index, context, "TypeCode", "VAT");
     }},
    {"CII-DT-041", "not(ram:BasisAmount) or (ancestor::ram:ApplicableHeaderTradeSettlement)",
     [](const ElementIndex& index, int context) {
       return !Exists(index, context, {{kRam, "BasisAmount"}}) ||
              HasAncestor(index, context, {kRam, "ApplicableHeaderTradeSettlement"});
     }},
    {"CII-DT-052", "not(ram:ExemptionReasonCode) or self::ram:ApplicableTradeTax",
     [](const ElementIndex& index, int context) {
       return !Exists(index, context, {{kRam, "ExemptionReasonCode"}}) ||
              Is(index, context, {kRam, "ApplicableTradeTax"});
     }},
    {"CII-DT-098", "not(ram:ExemptionReason) or self::ram:ApplicableTradeTax",
     [](const ElementIndex& index, int context) {
       return !Exists(index, context, {{kRam, "ExemptionReason"}}) ||
              Is(index, context, {kRam, "ApplicableTradeTax"});
     }},
    {"CII-DT-054", "not(ram:TaxPointDate) or (ancestor::ram:ApplicableHeaderTradeSettlement)",
     [](const ElementIndex& index, int context) {
       return !Exists(index, context, {{kRam, "TaxPointDate"}}) ||
              HasAncestor(index, context, {kRam, "ApplicableHeaderTradeSettlement"});
     }},
    {"CII-DT-058", "not(ram:DueDateTypeCode) or (ancestor::ram:ApplicableHeaderTradeSettlement)",
     [](const ElementIndex& index, int context) {
       return !Exists(index, context, {{kRam, "DueDateTypeCode"}}) ||
              HasAncestor(index, context, {kRam, "ApplicableHeaderTradeSettlement"});
     }},
    {"CII-DT-097", "matches(.,'^\\s*(\\d{4})(1[0-2]|0[1-9]){1}(3[01]|[12][0-9]|0[1-9]){1}\\s*$')",
     [](const ElementIndex& index, int context) {
       return IsFormat102Date(StringValue(index, context));
     }},
};

}  // namespace

core::Result<RuleEngine> CompileCiiRules() {
  return RuleEngine::Compile(kCiiRuleSet, kPredicates, kCustomAsserts);
}

}  // namespace syntax

invoice::Findings CheckCiiSyntaxRules(const pugi::xml_node& root) {
  static const syntax::RuleEngine engine = [] {
    auto compiled = syntax::CompileCiiRules();
    if (!compiled) {
      std::fprintf(stderr, "CII syntax rules: %s\n", compiled.error().message.c_str());
      std::abort();  // a bug: syntax_rules_test compiles the same table
    }
    return std::move(*compiled);
  }();
  return engine.Check(root);
}

}  // namespace choral::formats
