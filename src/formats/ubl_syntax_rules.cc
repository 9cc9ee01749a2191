// The UBL syntax rules (UBL-CR/SR/DT-*): the rule table's plain path asserts run generically;
// here, the match predicates and the asserts whose tests are more than a path, each written
// after the artefact's XPath test (quoted above it).
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "formats/syntax_rule_engine.h"
#include "formats/syntax_rule_sets.h"
#include "formats/syntax_rules.h"

namespace choral::formats {
namespace syntax {
namespace {

// Indexes into kUblRuleSet.namespaces (ubl_syntax_rules_test checks them).
constexpr int kCn = kUblCreditNoteNamespace;
constexpr int kCac = kUblCacNamespace;
constexpr int kCbc = kUblCbcNamespace;

// XPath general comparison `path = 'value'`: whether some selected element's string value is it.
bool AnyEquals(const ElementIndex& index, const std::vector<int>& elements,
               std::string_view value) {
  for (int e : elements) {
    if (StringValue(index, e) == value) return true;
  }
  return false;
}

bool AnyDiffers(const ElementIndex& index, const std::vector<int>& elements,
                std::string_view value) {
  for (int e : elements) {
    if (StringValue(index, e) != value) return true;
  }
  return false;
}

// upper-case(text) = upper (an upper-case ASCII word): ASCII letters, and the two non-ASCII
// letters whose upper case is ASCII (U+017F long s -> S, U+0131 dotless i -> I).
bool UpperCaseEquals(std::string_view text, std::string_view upper) {
  size_t i = 0;
  for (char wanted : upper) {
    if (i >= text.size()) return false;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::toupper(c) != wanted) return false;
      ++i;
    } else if (text.substr(i, 2) == "\xC5\xBF" && wanted == 'S') {
      i += 2;
    } else if (text.substr(i, 2) == "\xC4\xB1" && wanted == 'I') {
      i += 2;
    } else {
      return false;
    }
  }
  return i == text.size();
}

std::string AttributeValue(const ElementIndex& index, int element, const char* name) {
  return index[element].node.attribute(name).value();
}

// cac:AdditionalDocumentReference[cbc:DocumentTypeCode = '130']
bool IsInvoicedObjectReference(const ElementIndex& index, int reference) {
  return AnyEquals(index, Select(index, reference, {{kCbc, "DocumentTypeCode"}}), "130");
}

std::vector<int> AllElements(const ElementIndex& index, Name name) {
  std::vector<int> out;
  for (int e = 0; e < index.size(); ++e) {
    if (Is(index, e, name)) out.push_back(e);
  }
  return out;
}

// count(//name[not(preceding::name/. = .)]): the number of distinct string values.
size_t DistinctValues(const ElementIndex& index, Name name) {
  std::set<std::string> values;
  for (int e : AllElements(index, name)) values.insert(StringValue(index, e));
  return values.size();
}

// (cac:PartyName/cbc:Name) != (../cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/
// cbc:RegistrationName): some payee name differs from some seller name; false when either side
// is empty.
bool PayeeNameDiffersFromSeller(const ElementIndex& index, int payee) {
  const std::vector<int> names = Select(index, payee, {{kCac, "PartyName"}, {kCbc, "Name"}});
  const int parent = index[payee].parent;
  if (parent < 0) return false;
  const std::vector<int> seller_names = Select(index, parent,
                                               {{kCac, "AccountingSupplierParty"},
                                                {kCac, "Party"},
                                                {kCac, "PartyLegalEntity"},
                                                {kCbc, "RegistrationName"}});
  for (int name : names) {
    const std::string value = StringValue(index, name);
    for (int seller_name : seller_names) {
      if (value != StringValue(index, seller_name)) return true;
    }
  }
  return false;
}

// count(<party>/cac:PartyTaxScheme[cac:TaxScheme/upper-case(cbc:ID) = or != 'VAT']/cbc:CompanyID)
size_t CountTaxSchemeCompanyIds(const ElementIndex& index, int root, std::string_view party,
                                bool vat) {
  size_t count = 0;
  for (int scheme :
       Select(index, root, {{kCac, party}, {kCac, "Party"}, {kCac, "PartyTaxScheme"}})) {
    bool selected = false;
    for (int tax_scheme : Select(index, scheme, {{kCac, "TaxScheme"}})) {
      const std::vector<int> ids = Select(index, tax_scheme, {{kCbc, "ID"}});
      // upper-case() of no ID is the empty string.
      const std::string id = ids.empty() ? std::string() : StringValue(index, ids.front());
      if (UpperCaseEquals(id, "VAT") == vat) selected = true;
    }
    if (selected) count += Select(index, scheme, {{kCbc, "CompanyID"}}).size();
  }
  return count;
}

// Match predicates.

bool IsAmountOutsidePriceAllowance(const ElementIndex& index, int element) {
  const std::string_view name = index[element].local_name;
  if (!EndsWith(name, "Amount") || EndsWith(name, "PriceAmount")) return false;
  // not(ancestor::cac:Price/cac:AllowanceCharge): no Price ancestor has an AllowanceCharge child.
  for (int e = index[element].parent; e >= 0; e = index[e].parent) {
    if (Is(index, e, {kCac, "Price"}) && Exists(index, e, {{kCac, "AllowanceCharge"}})) {
      return false;
    }
  }
  return true;
}

bool IsBinaryObject(const ElementIndex& index, int element) {
  return EndsWith(index[element].local_name, "BinaryObject");
}

// cbc:ChargeIndicator = true() / false(): a ChargeIndicator child whose value casts to it.
template <bool kCharge>
bool HasChargeIndicator(const ElementIndex& index, int element) {
  for (int indicator : Select(index, element, {{kCbc, "ChargeIndicator"}})) {
    if (CastToBoolean(StringValue(index, indicator)) == kCharge) return true;
  }
  return false;
}

constexpr NamedPredicate kPredicates[] = {
    {"ends-with(name(), 'Amount') and not(ends-with(name(),'PriceAmount')) and "
     "not(ancestor::cac:Price/cac:AllowanceCharge)",
     IsAmountOutsidePriceAllowance},
    {"ends-with(name(), 'BinaryObject')", IsBinaryObject},
    {"cbc:ChargeIndicator = false()", HasChargeIndicator<false>},
    {"cbc:ChargeIndicator = true()", HasChargeIndicator<true>},
};

const CustomAssert kCustomAsserts[] = {
    {"UBL-SR-51", "not(cac:AddressLine) or count(cac:AddressLine) = 1",
     [](const ElementIndex& index, int context) {
       return Select(index, context, {{kCac, "AddressLine"}}).size() <= 1;
     }},
    {"UBL-SR-43",
     "((cbc:DocumentTypeCode='130') or ((local-name(/*) = 'CreditNote') and "
     "(cbc:DocumentTypeCode='50')) or (not(cbc:ID/@schemeID) and not(cbc:DocumentTypeCode)))",
     [](const ElementIndex& index, int context) {
       const std::vector<int> codes = Select(index, context, {{kCbc, "DocumentTypeCode"}});
       if (AnyEquals(index, codes, "130")) return true;
       if (index[0].local_name == "CreditNote" && AnyEquals(index, codes, "50")) return true;
       bool scheme_id = false;
       for (int id : Select(index, context, {{kCbc, "ID"}})) {
         scheme_id = scheme_id || index.HasAttribute(id, "schemeID");
       }
       return !scheme_id && codes.empty();
     }},
    {"UBL-DT-01", "string-length(substring-after(.,'.'))<=2",
     [](const ElementIndex& index, int context) {
       const std::string value = StringValue(index, context);
       const size_t dot = value.find('.');
       if (dot == std::string::npos) return true;
       size_t characters = 0;  // string-length counts characters, not UTF-8 bytes
       for (size_t i = dot + 1; i < value.size(); ++i) {
         if ((static_cast<unsigned char>(value[i]) & 0xC0) != 0x80) ++characters;
       }
       return characters <= 2;
     }},
    {"UBL-SR-53", "exists(cac:TaxScheme/cbc:ID) and exists(cbc:CompanyID)",
     [](const ElementIndex& index, int context) {
       return Exists(index, context, {{kCac, "TaxScheme"}, {kCbc, "ID"}}) &&
              Exists(index, context, {{kCbc, "CompanyID"}});
     }},
    {"UBL-CR-002", "not(cbc:UBLVersionID) or cbc:UBLVersionID = '2.1'",
     [](const ElementIndex& index, int context) {
       const std::vector<int> versions = Select(index, context, {{kCbc, "UBLVersionID"}});
       return versions.empty() || AnyEquals(index, versions, "2.1");
     }},
    {"UBL-CR-412", "not(cac:PaymentMeans/cbc:PaymentDueDate) or ../cn:CreditNote",
     [](const ElementIndex& index, int context) {
       // The context is the document element: ../cn:CreditNote is that element, a credit note.
       return !Exists(index, context, {{kCac, "PaymentMeans"}, {kCbc, "PaymentDueDate"}}) ||
              (index[context].parent < 0 && Is(index, context, {kCn, "CreditNote"}));
     }},
    {"UBL-CR-665",
     "not(//cac:AdditionalDocumentReference[cbc:DocumentTypeCode != '130' or "
     "not(cbc:DocumentTypeCode)]/cbc:ID/@schemeID)",
     [](const ElementIndex& index, int) {
       for (int reference : AllElements(index, {kCac, "AdditionalDocumentReference"})) {
         const std::vector<int> codes = Select(index, reference, {{kCbc, "DocumentTypeCode"}});
         if (!(codes.empty() || AnyDiffers(index, codes, "130"))) continue;
         for (int id : Select(index, reference, {{kCbc, "ID"}})) {
           if (index.HasAttribute(id, "schemeID")) return false;
         }
       }
       return true;
     }},
    {"UBL-CR-666",
     "not(//cac:AdditionalDocumentReference[cbc:DocumentTypeCode = '130']/cac:Attachment)",
     [](const ElementIndex& index, int) {
       for (int reference : AllElements(index, {kCac, "AdditionalDocumentReference"})) {
         if (IsInvoicedObjectReference(index, reference) &&
             Exists(index, reference, {{kCac, "Attachment"}})) {
           return false;
         }
       }
       return true;
     }},
    {"UBL-CR-673",
     "not(//cac:AdditionalDocumentReference[cbc:DocumentTypeCode = "
     "'130']/cbc:DocumentDescription)",
     [](const ElementIndex& index, int) {
       for (int reference : AllElements(index, {kCac, "AdditionalDocumentReference"})) {
         if (IsInvoicedObjectReference(index, reference) &&
             Exists(index, reference, {{kCbc, "DocumentDescription"}})) {
           return false;
         }
       }
       return true;
     }},
    {"UBL-DT-18", "count(//@name) - count(//cbc:PaymentMeansCode/@name) <= 0",
     [](const ElementIndex& index, int) {
       for (int e = 0; e < index.size(); ++e) {
         if (index.HasAttribute(e, "name") && !Is(index, e, {kCbc, "PaymentMeansCode"})) {
           return false;
         }
       }
       return true;
     }},
    {"UBL-SR-04",
     "(count(cac:AdditionalDocumentReference[cbc:DocumentTypeCode='130']/cbc:ID) <= 1)",
     [](const ElementIndex& index, int context) {
       size_t count = 0;
       for (int reference : Select(index, context, {{kCac, "AdditionalDocumentReference"}})) {
         if (IsInvoicedObjectReference(index, reference)) {
           count += Select(index, reference, {{kCbc, "ID"}}).size();
         }
       }
       return count <= 1;
     }},
    {"UBL-SR-12",
     "(count(cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[cac:TaxScheme/"
     "upper-case(cbc:ID)='VAT']/cbc:CompanyID) <= 1)",
     [](const ElementIndex& index, int context) {
       return CountTaxSchemeCompanyIds(index, context, "AccountingSupplierParty", true) <= 1;
     }},
    {"UBL-SR-13",
     "(count(cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[cac:TaxScheme/"
     "upper-case(cbc:ID)!='VAT']/cbc:CompanyID) <= 1)",
     [](const ElementIndex& index, int context) {
       return CountTaxSchemeCompanyIds(index, context, "AccountingSupplierParty", false) <= 1;
     }},
    {"UBL-SR-18",
     "(count(cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme[cac:TaxScheme/"
     "upper-case(cbc:ID)='VAT']/cbc:CompanyID) <= 1)",
     [](const ElementIndex& index, int context) {
       return CountTaxSchemeCompanyIds(index, context, "AccountingCustomerParty", true) <= 1;
     }},
    {"UBL-SR-29", "(count(//cac:PartyIdentification/cbc:ID[upper-case(@schemeID) = 'SEPA']) <= 1)",
     [](const ElementIndex& index, int) {
       size_t count = 0;
       for (int identification : AllElements(index, {kCac, "PartyIdentification"})) {
         for (int id : Select(index, identification, {{kCbc, "ID"}})) {
           if (UpperCaseEquals(AttributeValue(index, id, "schemeID"), "SEPA")) ++count;
         }
       }
       return count <= 1;
     }},
    {"UBL-SR-44", "count(//cbc:PaymentID[not(preceding::cbc:PaymentID/. = .)]) <= 1",
     [](const ElementIndex& index, int) {
       return DistinctValues(index, {kCbc, "PaymentID"}) <= 1;
     }},
    {"UBL-SR-47", "count(//cbc:PaymentMeansCode[not(preceding::cbc:PaymentMeansCode/. = .)]) <= 1",
     [](const ElementIndex& index, int) {
       return DistinctValues(index, {kCbc, "PaymentMeansCode"}) <= 1;
     }},
    {"UBL-SR-19",
     "(count(cac:PartyName/cbc:Name) <= 1) and ((cac:PartyName/cbc:Name) != "
     "(../cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName))",
     [](const ElementIndex& index, int context) {
       return Select(index, context, {{kCac, "PartyName"}, {kCbc, "Name"}}).size() <= 1 &&
              PayeeNameDiffersFromSeller(index, context);
     }},
    {"UBL-SR-20",
     "(count(cac:PartyIdentification/cbc:ID[upper-case(@schemeID) != 'SEPA']) <= 1) and "
     "((cac:PartyName/cbc:Name) != "
     "(../cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName))",
     [](const ElementIndex& index, int context) {
       size_t count = 0;
       for (int id : Select(index, context, {{kCac, "PartyIdentification"}, {kCbc, "ID"}})) {
         if (!UpperCaseEquals(AttributeValue(index, id, "schemeID"), "SEPA")) ++count;
       }
       return count <= 1 && PayeeNameDiffersFromSeller(index, context);
     }},
    {"UBL-SR-21",
     "(count(cac:PartyLegalEntity/cbc:CompanyID) <= 1) and ((cac:PartyName/cbc:Name) != "
     "(../cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName))",
     [](const ElementIndex& index, int context) {
       return Select(index, context, {{kCac, "PartyLegalEntity"}, {kCbc, "CompanyID"}}).size() <=
                  1 &&
              PayeeNameDiffersFromSeller(index, context);
     }},
};

}  // namespace

core::Result<RuleEngine> CompileUblRules() {
  return RuleEngine::Compile(kUblRuleSet, kPredicates, kCustomAsserts);
}

}  // namespace syntax

invoice::Findings CheckUblSyntaxRules(const pugi::xml_node& root) {
  static const syntax::RuleEngine engine = [] {
    auto compiled = syntax::CompileUblRules();
    if (!compiled) {
      std::fprintf(stderr, "UBL syntax rules: %s\n", compiled.error().message.c_str());
      std::abort();  // a bug: ubl_syntax_rules_test compiles the same table
    }
    return std::move(*compiled);
  }();
  return engine.Check(root);
}

}  // namespace choral::formats
