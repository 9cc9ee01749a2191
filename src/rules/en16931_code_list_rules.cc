// BR-CL-*: every coded term against the code list the artefact of its syntax carries. The
// artefacts test `not(contains(normalize-space(.), ' ')) and contains(' LIST ', concat(' ',
// normalize-space(.), ' '))`, that is: the normalized code is one of the list's tokens. Each rule
// fires once per element its context matches; the contexts differ per syntax (UBL's BR-CL-03
// covers every amount, CII's only the VAT total; CII's BR-CL-18 covers the VAT breakdown's
// category code, UBL's BR-CL-17 does), and so are a few lists (BR-CL-01, -06, -08, -10, -14, -15).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/en16931_checks.h"
#include "rules/en16931_code_lists.h"
#include "rules/en16931_support.h"

namespace choral::rules {

namespace {

using invoice::DecimalText;
using invoice::Findings;
using invoice::Identifier;
using invoice::SemanticInvoice;
using invoice::SourceOffset;

bool InList(const CodeList& list, std::string_view text) {
  return list.Contains(NormalizeSpace(text));
}

// A term's element exists (the rule's context matched): its code must be in the list.
void CheckCode(const std::optional<std::string>& code, std::string_view rule, En16931Syntax syntax,
               SourceOffset source, Findings& out, int list = 0) {
  if (!code) return;
  if (!InList(En16931CodeList(rule, syntax, list), *code)) AddFinding(out, rule, syntax, source);
}

// An identifier whose scheme attribute exists ("...ID[@schemeID]").
void CheckScheme(const std::optional<Identifier>& id, std::string_view rule, En16931Syntax syntax,
                 Findings& out) {
  if (id) CheckCode(id->scheme, rule, syntax, id->source, out);
}

class CodeListChecker {
 public:
  CodeListChecker(const SemanticInvoice& invoice, En16931Syntax syntax, Findings& out)
      : invoice_(invoice), syntax_(syntax), ubl_(syntax == En16931Syntax::kUbl), out_(out) {}

  void Run() {
    DocumentTypeCode();  // BR-CL-01
    Amounts();           // BR-CL-03
    CheckCode(invoice_.currency, "BR-CL-04", syntax_, invoice_.source, out_);
    CheckCode(invoice_.vat_accounting_currency, "BR-CL-05", syntax_, invoice_.source, out_);
    TaxPointDateCode();         // BR-CL-06
    ObjectIdentifierSchemes();  // BR-CL-07
    NoteSubjects();             // BR-CL-08
    PartyIdentifierSchemes();   // BR-CL-10, -11
    Items();                    // BR-CL-13, -15, -21
    Countries();                // BR-CL-14
    PaymentMeans();             // BR-CL-16
    VatCategories();            // BR-CL-17, -18, -22
    AllowanceChargeReasons();   // BR-CL-19, -20
    Units();                    // BR-CL-23
    Mimes();                    // BR-CL-24
    ElectronicAddresses();      // BR-CL-25
    if (invoice_.delivery) CheckScheme(invoice_.delivery->location_id, "BR-CL-26", syntax_, out_);
  }

 private:
  // UBL: an Invoice's cbc:InvoiceTypeCode against the invoice list, a CreditNote's
  // cbc:CreditNoteTypeCode against the credit note list; CII: one list of both.
  void DocumentTypeCode() {
    if (!invoice_.type_code) return;
    int list = ubl_ && invoice_.ubl_credit_note ? 1 : 0;
    CheckCode(invoice_.type_code, "BR-CL-01", syntax_, invoice_.source, out_, list);
  }

  // UBL: the currencyID of every amount element (absent fails too); CII: ram:TaxTotalAmount
  // [@currencyID] only.
  void Amounts() {
    const CodeList list = En16931CodeList("BR-CL-03", syntax_);
    auto check = [&](const std::optional<DecimalText>& amount) {
      if (!amount) return;
      if (!ubl_ && !amount->currency) return;
      if (!InList(list, amount->currency ? *amount->currency : std::string()))
        AddFinding(out_, "BR-CL-03", syntax_, amount->source);
    };
    // Every VAT total element, not only BT-110 and BT-111: a total in a third currency (or a
    // repeated one) is neither, yet its currencyID is checked.
    auto check_vat_totals = [&](const invoice::DocumentTotals& totals) {
      if (totals.vat_totals_as_written.empty()) {
        check(totals.total_vat);
        check(totals.total_vat_accounting);
        return;
      }
      for (const auto& amount : totals.vat_totals_as_written) check(amount);
    };
    if (!ubl_) {
      if (invoice_.totals) check_vat_totals(*invoice_.totals);
      return;
    }
    for (const auto& charge : invoice_.allowances_charges) {
      check(charge.amount);
      check(charge.base_amount);
    }
    if (invoice_.totals) {
      const auto& totals = *invoice_.totals;
      check_vat_totals(totals);
      for (const auto* amount :
           {&totals.line_net_total, &totals.total_without_vat, &totals.total_with_vat,
            &totals.allowance_total, &totals.charge_total, &totals.paid_amount,
            &totals.rounding_amount, &totals.amount_due}) {
        check(*amount);
      }
    }
    for (const auto& breakdown : invoice_.vat_breakdown) {
      check(breakdown.taxable_amount);
      check(breakdown.tax_amount);
    }
    for (const auto& line : invoice_.lines) {
      check(line.net_amount);
      for (const auto& charge : line.allowances_charges) {
        check(charge.amount);
        check(charge.base_amount);
      }
      if (line.price) {
        check(line.price->net_price);
        check(line.price->discount);
        check(line.price->gross_price);
      }
    }
  }

  // UBL: cac:InvoicePeriod/cbc:DescriptionCode (the invoice's and the lines' periods); CII:
  // ram:DueDateTypeCode.
  void TaxPointDateCode() {
    if (CheckAsWritten("BR-CL-06")) return;
    if (!ubl_) {
      CheckCode(invoice_.tax_point_date_code, "BR-CL-06", syntax_, invoice_.source, out_);
      return;
    }
    if (invoice_.period && invoice_.period->description_code) {
      CheckCode(invoice_.period->description_code, "BR-CL-06", syntax_, invoice_.period->source,
                out_);
    } else if (invoice_.tax_point_date_code) {
      // A reader that keeps BT-8 on the invoice only: it came from the invoice period.
      CheckCode(invoice_.tax_point_date_code, "BR-CL-06", syntax_,
                invoice_.period ? invoice_.period->source : invoice_.source, out_);
    }
    for (const auto& line : invoice_.lines) {
      if (line.period) {
        CheckCode(line.period->description_code, "BR-CL-06", syntax_, line.period->source, out_);
      }
    }
  }

  // BT-18-1 and BT-128-1: UBL (Additional)DocumentReference[DocumentTypeCode='130']/cbc:ID
  // [@schemeID]; CII ram:ReferenceTypeCode.
  void ObjectIdentifierSchemes() {
    CheckScheme(invoice_.invoiced_object_id, "BR-CL-07", syntax_, out_);
    for (const auto& line : invoice_.lines) CheckScheme(line.object_id, "BR-CL-07", syntax_, out_);
  }

  // UBL: a cbc:Note holding '#' names its subject between the first two '#' (3 characters, found
  // in the list's text); CII: ram:SubjectCode against the list.
  void NoteSubjects() {
    const CodeList list = En16931CodeList("BR-CL-08", syntax_);
    for (const auto& note : invoice_.notes) {
      if (!ubl_) {
        CheckCode(note.subject_code, "BR-CL-08", syntax_, note.source, out_);
        continue;
      }
      // The note as written (the UBL reader keeps the "#CODE#" in the text).
      const std::string& raw = note.text;
      size_t first = raw.find('#');
      if (first == std::string::npos) continue;
      size_t second = raw.find('#', first + 1);
      if (second == std::string::npos) continue;  // substring-before(x, '#') = '': length 0
      std::string_view code = std::string_view(raw).substr(first + 1, second - first - 1);
      if (StringLength(code) != 3) continue;
      if (!list.TextContains(code)) AddFinding(out_, "BR-CL-08", syntax_, note.source);
    }
  }

  // BR-CL-10: party identifiers' schemes (UBL cac:PartyIdentification/cbc:ID[@schemeID], where
  // "SEPA" is also allowed for the seller and the payee; CII ram:GlobalID[@schemeID] outside the
  // product and the ship-to party). BR-CL-11: legal registration schemes (UBL cac:PartyLegalEntity
  // /cbc:CompanyID[@schemeID]; CII ram:ID[@schemeID] outside tax registrations).
  void PartyIdentifierSchemes() {
    const CodeList icd = En16931CodeList("BR-CL-10", syntax_);
    const CodeList sepa = En16931CodeList("BR-CL-10", syntax_, 1);
    auto party_id = [&](const Identifier& id, bool sepa_allowed) {
      if (!id.scheme) return;
      std::string scheme = NormalizeSpace(*id.scheme);
      if (icd.Contains(scheme) || (ubl_ && sepa_allowed && sepa.Contains(scheme))) return;
      AddFinding(out_, "BR-CL-10", syntax_, id.source);
    };
    if (invoice_.seller) {
      for (const auto& id : invoice_.seller->identifiers) party_id(id, true);
      CheckScheme(invoice_.seller->legal_registration_id, "BR-CL-11", syntax_, out_);
    }
    if (invoice_.buyer) {
      if (invoice_.buyer->identifier) party_id(*invoice_.buyer->identifier, false);
      CheckScheme(invoice_.buyer->legal_registration_id, "BR-CL-11", syntax_, out_);
    }
    if (invoice_.payee) {
      if (invoice_.payee->identifier) party_id(*invoice_.payee->identifier, true);
      CheckScheme(invoice_.payee->legal_registration_id, "BR-CL-11", syntax_, out_);
    }
  }

  void Items() {
    for (const auto& line : invoice_.lines) {
      if (!line.item) continue;
      const auto& item = *line.item;
      for (const auto& classification : item.classification_ids) {
        CheckCode(classification.scheme, "BR-CL-13", syntax_, classification.source, out_);
      }
      CheckCode(item.origin_country, "BR-CL-15", syntax_, item.source, out_);
      CheckScheme(item.standard_id, "BR-CL-21", syntax_, out_);
    }
  }

  // UBL cac:Country/cbc:IdentificationCode, CII ram:CountryID: every postal address.
  void Countries() {
    if (CheckAsWritten("BR-CL-14")) return;
    auto address = [&](const std::optional<invoice::PostalAddress>& postal) {
      if (postal) CheckCode(postal->country, "BR-CL-14", syntax_, postal->source, out_);
    };
    if (invoice_.seller) address(invoice_.seller->address);
    if (invoice_.buyer) address(invoice_.buyer->address);
    if (invoice_.tax_representative) address(invoice_.tax_representative->address);
    if (invoice_.delivery) address(invoice_.delivery->address);
  }

  void PaymentMeans() {
    for (const auto& payment : invoice_.payment_instructions) {
      CheckCode(payment.means_code, "BR-CL-16", syntax_, payment.source, out_);
    }
  }

  // BR-CL-17: UBL cac:TaxCategory/cbc:ID (VAT breakdown and document allowances and charges),
  // CII ram:CategoryTradeTax/ram:CategoryCode (allowances and charges). BR-CL-18: UBL
  // cac:ClassifiedTaxCategory/cbc:ID (lines), CII ram:ApplicableTradeTax/ram:CategoryCode (VAT
  // breakdown and lines). BR-CL-22: the exemption reason codes.
  void VatCategories() {
    const bool exemptions_as_written = CheckAsWritten("BR-CL-22");
    for (const auto& breakdown : invoice_.vat_breakdown) {
      SourceOffset source = breakdown.source;
      CheckCode(breakdown.category_code, ubl_ ? "BR-CL-17" : "BR-CL-18", syntax_, source, out_);
      // BR-CL-22 alone compares upper-case(.): "vatex-eu-132" is a VATEX code.
      if (breakdown.exemption_reason_code && !exemptions_as_written) {
        CheckCode(UpperAscii(*breakdown.exemption_reason_code), "BR-CL-22", syntax_,
                  breakdown.source, out_);
      }
    }
    for (const auto& charge : invoice_.allowances_charges) {
      CheckCode(charge.vat_category_code, "BR-CL-17", syntax_, charge.source, out_);
    }
    for (const auto& line : invoice_.lines) {
      if (!line.item) continue;
      CheckCode(line.item->vat_category_code, "BR-CL-18", syntax_,
                Or(line.item->vat_source, line.source), out_);
    }
  }

  void AllowanceChargeReasons() {
    for (const auto& charge : invoice_.allowances_charges) {
      CheckCode(charge.reason_code, charge.is_charge ? "BR-CL-20" : "BR-CL-19", syntax_,
                charge.source, out_);
    }
    for (const auto& line : invoice_.lines) {
      for (const auto& charge : line.allowances_charges) {
        CheckCode(charge.reason_code, charge.is_charge ? "BR-CL-20" : "BR-CL-19", syntax_,
                  charge.source, out_);
      }
    }
  }

  // UBL cbc:InvoicedQuantity / cbc:CreditedQuantity / cbc:BaseQuantity [@unitCode]; CII
  // ram:BilledQuantity / ram:BasisQuantity [@unitCode].
  void Units() {
    if (CheckAsWritten("BR-CL-23")) return;
    for (const auto& line : invoice_.lines) {
      CheckCode(line.quantity_unit, "BR-CL-23", syntax_,
                line.quantity ? line.quantity->source : line.source, out_);
      if (line.price) {
        CheckCode(
            line.price->base_quantity_unit, "BR-CL-23", syntax_,
            line.price->base_quantity ? line.price->base_quantity->source : line.price->source,
            out_);
      }
    }
  }

  // @mimeCode = 'application/pdf' or ...: compared as written, not normalized.
  void Mimes() {
    const CodeList list = En16931CodeList("BR-CL-24", syntax_);
    for (const auto& document : invoice_.supporting_documents) {
      if (document.attachment_mime && !list.Contains(*document.attachment_mime)) {
        AddFinding(out_, "BR-CL-24", syntax_, document.source);
      }
    }
  }

  void ElectronicAddresses() {
    if (invoice_.seller)
      CheckScheme(invoice_.seller->electronic_address, "BR-CL-25", syntax_, out_);
    if (invoice_.buyer) CheckScheme(invoice_.buyer->electronic_address, "BR-CL-25", syntax_, out_);
  }

  // Checks each element of the rule's context as the reader listed it
  // (SemanticInvoice::codes_as_written), and says so; false when the reader listed none, and the
  // model's fields are to be checked instead.
  bool CheckAsWritten(std::string_view rule) {
    if (invoice_.codes_as_written.empty()) return false;
    for (const invoice::CodeAsWritten& code : invoice_.codes_as_written) {
      if (code.rule != rule) continue;
      // BR-CL-22 alone compares upper-case(.).
      CheckCode(rule == "BR-CL-22" ? UpperAscii(code.value) : code.value, rule, syntax_,
                code.source, out_);
    }
    return true;
  }

  static SourceOffset Or(SourceOffset preferred, SourceOffset fallback) {
    return preferred != invoice::kNoSource ? preferred : fallback;
  }

  const SemanticInvoice& invoice_;
  En16931Syntax syntax_;
  bool ubl_;
  Findings& out_;
};

}  // namespace

void CheckCodeListRules(const SemanticInvoice& invoice, En16931Syntax syntax, Findings& out) {
  CodeListChecker(invoice, syntax, out).Run();
}

}  // namespace choral::rules
