// BR-S/Z/E/AE/IC/G/O/AF/AG-*: the VAT category rules, as each artefact (v1.3.16) tests them. The
// two artefacts differ much more than the norm's wording suggests, and the verdicts follow the
// artefact of the invoice's syntax, so each syntax has its own checker:
//  - UBL compares codes after normalize-space() and mostly requires the VAT tax scheme; it checks
//    the seller/buyer identifiers once per invoice; its taxable amount sums are exact decimals
//    (BR-x-08) or, per rate, within one unit of a double-rounded bound (BR-S/AF/AG-08).
//  - CII compares codes as written; the header S and Z categories ignore the tax scheme; it checks
//    the identifiers once per line, allowance or charge; it rounds each sum to cents and compares
//    through xs:double (untyped element text in arithmetic); BR-AF-08/AG-08 look for the rate on
//    the wrong element and never fire, BR-AF-09/AG-09 are true().
// Each finding's source is the offset of the artefact's context element.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/en16931_checks.h"
#include "rules/en16931_support.h"
#include "rules/xpath_values.h"

namespace choral::rules {

namespace {

using invoice::DecimalText;
using invoice::DocumentAllowanceCharge;
using invoice::Findings;
using invoice::InvoiceLine;
using invoice::SemanticInvoice;
using invoice::SourceOffset;
using invoice::VatBreakdown;
using xpath::Dbl;
using xpath::Dec;
using xpath::DecimalOf;
using xpath::DoubleOf;

SourceOffset Or(SourceOffset preferred, SourceOffset fallback) {
  return preferred != invoice::kNoSource ? preferred : fallback;
}

// xs:decimal(x) = 0 (absent: false).
bool DecimalIsZero(const std::optional<DecimalText>& term) {
  return xpath::Eq(DecimalOf(term), DecimalOf(0));
}

// The categories of the invoice, by the element carrying them.
const std::optional<std::string>& LineCode(const InvoiceLine& line) {
  static const std::optional<std::string> kNone;
  return line.item ? line.item->vat_category_code : kNone;
}

// The VAT category letters and the rule family each belongs to.
struct Category {
  std::string_view code;    // "S"
  std::string_view family;  // "BR-S"
};
constexpr Category kAe{"AE", "BR-AE"};
constexpr Category kE{"E", "BR-E"};
constexpr Category kG{"G", "BR-G"};
constexpr Category kK{"K", "BR-IC"};
constexpr Category kL{"L", "BR-AF"};
constexpr Category kM{"M", "BR-AG"};
constexpr Category kO{"O", "BR-O"};
constexpr Category kS{"S", "BR-S"};
constexpr Category kZ{"Z", "BR-Z"};

std::string RuleId(const Category& category, int number) {
  std::string id(category.family);
  id += number < 10 ? "-0" : "-";
  id += std::to_string(number);
  return id;
}

class Checker {
 public:
  Checker(const SemanticInvoice& invoice, En16931Syntax syntax, Findings& out)
      : invoice_(invoice), syntax_(syntax), out_(out) {}

 protected:
  void Fire(const Category& category, int number, SourceOffset source) {
    AddFinding(out_, RuleId(category, number), syntax_, source);
  }

  bool SellerVat() const { return invoice_.seller && invoice_.seller->vat_id; }
  bool SellerTaxRegistration() const {
    return invoice_.seller && invoice_.seller->tax_registration_id;
  }
  bool RepresentativeVat() const {
    return invoice_.tax_representative && invoice_.tax_representative->vat_id;
  }
  bool BuyerVat() const { return invoice_.buyer && invoice_.buyer->vat_id; }
  bool BuyerLegal() const { return invoice_.buyer && invoice_.buyer->legal_registration_id; }
  // UBL: cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT'; CII: upper-case(ram:TypeCode)
  // = 'VAT'.
  bool IsVat(const std::optional<std::string>& scheme) const {
    return IsVatScheme(scheme, syntax_);
  }

  const SemanticInvoice& invoice_;
  En16931Syntax syntax_;
  Findings& out_;
};

// ---------------------------------------------------------------------------------------------
// UBL (EN16931-UBL-validation.xslt)

class UblChecker : public Checker {
 public:
  using Checker::Checker;

  void Run() {
    RootRules();
    for (const auto& charge : invoice_.allowances_charges) AllowanceChargeRules(charge);
    for (const auto& breakdown : invoice_.vat_breakdown) BreakdownRules(breakdown);
    for (const auto& line : invoice_.lines) LineRules(line);
  }

 private:
  static bool Is(const std::optional<std::string>& code, std::string_view value) {
    return NormalizedEquals(code, value);
  }
  // exists(//cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = X][VAT?])
  bool AnyLine(std::string_view code, bool require_vat) const {
    return std::any_of(invoice_.lines.begin(), invoice_.lines.end(), [&](const InvoiceLine& l) {
      return l.item && Is(l.item->vat_category_code, code) &&
             (!require_vat || IsVat(l.item->vat_tax_scheme));
    });
  }
  // exists(//cac:AllowanceCharge[cbc:ChargeIndicator = charge]/cac:TaxCategory[...X][VAT?])
  bool AnyCharge(bool is_charge, std::string_view code, bool require_vat,
                 bool normalized = true) const {
    return std::any_of(
        invoice_.allowances_charges.begin(), invoice_.allowances_charges.end(),
        [&](const DocumentAllowanceCharge& c) {
          bool matches = normalized ? Is(c.vat_category_code, code) : c.vat_category_code == code;
          return c.is_charge == is_charge && matches && (!require_vat || IsVat(c.tax_scheme));
        });
  }
  int CountBreakdowns(std::string_view code, bool require_vat, bool normalized = true) const {
    return static_cast<int>(std::count_if(
        invoice_.vat_breakdown.begin(), invoice_.vat_breakdown.end(), [&](const VatBreakdown& b) {
          bool matches = normalized ? Is(b.category_code, code) : b.category_code == code;
          return matches && (!require_vat || IsVat(b.tax_scheme));
        }));
  }
  // Any VAT category element with code X and the VAT scheme: //cac:TaxCategory (breakdown,
  // allowances, charges) or //cac:ClassifiedTaxCategory.
  bool AnyVatCategory(std::string_view code) const {
    return CountBreakdowns(code, true) > 0 || AnyCharge(false, code, true) ||
           AnyCharge(true, code, true) || AnyLine(code, true);
  }

  // exists(.../cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID): BT-31 or
  // BT-32, whatever their scheme.
  bool SellerAnyTaxId() const { return SellerVat() || SellerTaxRegistration(); }

  void RootRules() {
    const SourceOffset root = invoice_.source;
    const bool seller_or_representative = SellerAnyTaxId() || RepresentativeVat();
    const bool seller_vat_or_representative = SellerVat() || RepresentativeVat();

    // BR-AE-01.. BR-AE-04
    ExactlyOneBreakdown(kAe);
    const bool ae_parties = seller_or_representative && (BuyerVat() || BuyerLegal());
    if (AnyLine("AE", true) && !ae_parties) Fire(kAe, 2, root);
    if (AnyCharge(false, "AE", true) && !ae_parties) Fire(kAe, 3, root);
    if (AnyCharge(true, "AE", true) && !ae_parties) Fire(kAe, 4, root);
    // BR-E-01..04
    ExactlyOneBreakdown(kE);
    SellerIdentified(kE, seller_or_representative);
    // BR-G-01..04
    ExactlyOneBreakdown(kG);
    SellerIdentified(kG, seller_vat_or_representative);
    // BR-IC-01..04, 11, 12
    ExactlyOneBreakdown(kK);
    SellerIdentified(kK, seller_vat_or_representative && BuyerVat());
    if (CountBreakdowns("K", true) > 0) {
      bool delivery_date = invoice_.delivery && invoice_.delivery->actual_delivery_date &&
                           StringLength(invoice_.delivery->actual_delivery_date->text) > 1;
      bool period = (invoice_.period && (invoice_.period->start || invoice_.period->end ||
                                         invoice_.period->description_code)) ||
                    invoice_.tax_point_date_code.has_value();
      if (!delivery_date && !period) Fire(kK, 11, root);
      bool country = invoice_.delivery && invoice_.delivery->address &&
                     invoice_.delivery->address->country &&
                     StringLength(*invoice_.delivery->address->country) > 1;
      if (!country) Fire(kK, 12, root);
    }
    // BR-AF-01..04: the breakdown is counted by its raw cbc:ID when lines or allowances have L.
    AtLeastOneBreakdown(kL, /*raw_breakdown_needs_vat=*/false);
    SellerIdentified(kL, seller_or_representative);
    // BR-AG-01..04
    AtLeastOneBreakdown(kM, /*raw_breakdown_needs_vat=*/true);
    SellerIdentified(kM, seller_or_representative);
    // BR-O-01..04, 11..14
    ExactlyOneBreakdown(kO);
    const bool any_vat_id = SellerVat() || RepresentativeVat() || BuyerVat();
    if (AnyLine("O", true) && any_vat_id) Fire(kO, 2, root);
    if (AnyCharge(false, "O", true) && any_vat_id) Fire(kO, 3, root);
    if (AnyCharge(true, "O", true) && any_vat_id) Fire(kO, 4, root);
    if (CountBreakdowns("O", true) > 0) {
      // [normalize-space(cbc:ID) != 'O'][cac:TaxScheme/... = 'VAT']: a VAT category element
      // without cbc:ID counts too (normalize-space of nothing is ''). Each caller asks IsVat of
      // the element's scheme first, which only a category element can carry.
      auto not_o = [](const std::optional<std::string>& code) {
        return !code || NormalizeSpace(*code) != "O";
      };
      bool other_breakdown = std::any_of(
          invoice_.vat_breakdown.begin(), invoice_.vat_breakdown.end(),
          [&](const VatBreakdown& b) { return IsVat(b.tax_scheme) && not_o(b.category_code); });
      if (other_breakdown) Fire(kO, 11, root);
      bool other_line = std::any_of(invoice_.lines.begin(), invoice_.lines.end(), [&](auto& l) {
        return l.item && IsVat(l.item->vat_tax_scheme) && not_o(l.item->vat_category_code);
      });
      if (other_line) Fire(kO, 12, root);
      for (bool is_charge : {false, true}) {
        bool other = std::any_of(
            invoice_.allowances_charges.begin(), invoice_.allowances_charges.end(),
            [&](const DocumentAllowanceCharge& c) {
              return c.is_charge == is_charge && IsVat(c.tax_scheme) && not_o(c.vat_category_code);
            });
        if (other) Fire(kO, is_charge ? 14 : 13, root);
      }
    }
    // BR-S-01..04: BR-S-01 counts categories whatever their scheme; BR-S-02 requires the VAT
    // scheme on the line that passes, not on the line that triggers.
    {
      int lines_and_charges = 0;
      for (const auto& line : invoice_.lines) lines_and_charges += Is(LineCode(line), "S");
      for (const auto& charge : invoice_.allowances_charges) {
        lines_and_charges += Is(charge.vat_category_code, "S");
      }
      if ((lines_and_charges > 0) != (CountBreakdowns("S", false) > 0)) Fire(kS, 1, root);
      if (AnyLine("S", false) && !(AnyLine("S", true) && seller_or_representative)) {
        Fire(kS, 2, root);
      }
      if (AnyCharge(false, "S", true) && !seller_or_representative) Fire(kS, 3, root);
      if (AnyCharge(true, "S", true) && !seller_or_representative) Fire(kS, 4, root);
    }
    // BR-Z-01..04
    ExactlyOneBreakdown(kZ);
    SellerIdentified(kZ, seller_or_representative);
  }

  // BR-x-01 (AE, E, G, K, O, Z): a category anywhere needs exactly one breakdown of it.
  void ExactlyOneBreakdown(const Category& category) {
    if (AnyVatCategory(category.code) && CountBreakdowns(category.code, true) != 1) {
      Fire(category, 1, invoice_.source);
    }
  }

  // BR-AF-01 / BR-AG-01: lines or allowances of the category need at least one breakdown.
  void AtLeastOneBreakdown(const Category& category, bool raw_breakdown_needs_vat) {
    int elsewhere = 0;
    for (const auto& charge : invoice_.allowances_charges) {
      elsewhere += Is(charge.vat_category_code, category.code) && IsVat(charge.tax_scheme);
    }
    for (const auto& line : invoice_.lines) {
      elsewhere += line.item && Is(line.item->vat_category_code, category.code) &&
                   IsVat(line.item->vat_tax_scheme);
    }
    bool pass = (elsewhere > 0 && CountBreakdowns(category.code, raw_breakdown_needs_vat,
                                                  /*normalized=*/false) > 0) ||
                (elsewhere == 0 && CountBreakdowns(category.code, true) == 0);
    if (!pass) Fire(category, 1, invoice_.source);
  }

  // BR-x-02/03/04: a line, allowance or charge of the category needs the parties' identifiers.
  void SellerIdentified(const Category& category, bool identified) {
    if (identified) return;
    if (AnyLine(category.code, true)) Fire(category, 2, invoice_.source);
    if (AnyCharge(false, category.code, true)) Fire(category, 3, invoice_.source);
    // BR-AF-04 tests its exemption on the raw cbc:ID.
    bool charge = category.code == "L" ? AnyCharge(true, "L", true, /*normalized=*/false)
                                       : AnyCharge(true, category.code, true);
    if (charge) Fire(category, 4, invoice_.source);
  }

  // Context: cac:AllowanceCharge[cbc:ChargeIndicator=...]/cac:TaxCategory[normalize-space(cbc:ID)
  // = X][VAT]: BR-x-06 (allowance) / BR-x-07 (charge), the rate.
  void AllowanceChargeRules(const DocumentAllowanceCharge& charge) {
    if (!IsVat(charge.tax_scheme)) return;
    const Category* category = Find(charge.vat_category_code);
    if (category == nullptr) return;
    if (!RateOk(*category, charge.vat_rate)) {
      Fire(*category, charge.is_charge ? 7 : 6, charge.source);
    }
  }

  // Context: cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory[...X][VAT]: BR-x-05.
  void LineRules(const InvoiceLine& line) {
    if (!line.item || !IsVat(line.item->vat_tax_scheme)) return;
    const Category* category = Find(line.item->vat_category_code);
    if (category == nullptr) return;
    if (!RateOk(*category, line.item->vat_rate)) {
      Fire(*category, 5, Or(line.item->vat_source, line.source));
    }
  }

  // S: (cbc:Percent) > 0; L, M: >= 0 (untyped text compared as xs:double); O: no rate; the
  // others: xs:decimal(cbc:Percent) = 0.
  static bool RateOk(const Category& category, const std::optional<DecimalText>& rate) {
    if (category.code == "O") return !rate.has_value();
    if (category.code == "S" || category.code == "L" || category.code == "M") {
      const Dbl value = DoubleOf(rate);
      if (!value) return false;
      return category.code == "S" ? *value > 0 : *value >= 0;
    }
    return DecimalIsZero(rate);
  }

  static const Category* Find(const std::optional<std::string>& code) {
    static constexpr const Category* kAll[] = {&kAe, &kE, &kG, &kK, &kL, &kM, &kO, &kS, &kZ};
    if (!code) return nullptr;
    std::string normalized = NormalizeSpace(*code);
    for (const Category* category : kAll) {
      if (normalized == category->code) return category;
    }
    return nullptr;
  }

  // Context: /*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[normalize-space(cbc:ID) = X][VAT].
  void BreakdownRules(const VatBreakdown& breakdown) {
    if (!IsVat(breakdown.tax_scheme)) return;
    const Category* found = Find(breakdown.category_code);
    if (found == nullptr) return;
    const Category& category = *found;
    const SourceOffset source = breakdown.source;
    const bool exemption = breakdown.exemption_reason || breakdown.exemption_reason_code;
    if (category.code == "S" || category.code == "L" || category.code == "M") {
      if (!PerRateTaxableOk(category, breakdown)) Fire(category, 8, source);
      if (!TaxAmountOk(breakdown)) Fire(category, 9, source);
      if (exemption) Fire(category, 10, source);
      return;
    }
    if (!TaxableOk(category, breakdown)) Fire(category, 8, source);
    if (!DecimalIsZero(breakdown.tax_amount)) Fire(category, 9, source);
    if (category.code == "Z" ? exemption : !exemption) Fire(category, 10, source);
  }

  // The lines', charges' and allowances' part of a category's taxable amount (the sums of
  // BR-x-08), optionally restricted to one rate.
  struct Parts {
    Dec lines;
    Dec charges;  // charges minus allowances
    bool any_line = false;
    bool any_charge = false;
  };
  Parts SumParts(std::string_view code, const Dec& rate) const {
    auto rate_matches = [&](const std::optional<DecimalText>& r) {
      return !rate || xpath::Eq(DecimalOf(r), rate);
    };
    Parts parts;
    std::vector<Dec> lines, charges;  // NOLINT(readability-isolate-declaration)
    for (const auto& line : invoice_.lines) {
      if (!line.item || !Is(line.item->vat_category_code, code)) continue;
      if (!rate_matches(line.item->vat_rate)) continue;
      parts.any_line = true;
      lines.push_back(DecimalOf(line.net_amount));
    }
    for (const auto& charge : invoice_.allowances_charges) {
      if (!Is(charge.vat_category_code, code) || !rate_matches(charge.vat_rate)) continue;
      parts.any_charge = true;
      const Dec amount = DecimalOf(charge.amount);
      charges.push_back(charge.is_charge ? amount : xpath::Minus(DecimalOf(0), amount));
    }
    parts.lines = xpath::Sum(lines);
    parts.charges = xpath::Sum(charges);
    return parts;
  }

  // BR-x-08 (AE, E, G, K, O, Z): xs:decimal(TaxableAmount) = sum of lines + charges - allowances,
  // in an invoice that has lines (exists(//cac:InvoiceLine) or exists(//cac:CreditNoteLine)).
  bool TaxableOk(const Category& category, const VatBreakdown& breakdown) const {
    if (invoice_.lines.empty()) return false;
    const Parts parts = SumParts(category.code, std::nullopt);
    return xpath::Eq(DecimalOf(breakdown.taxable_amount), xpath::Plus(parts.lines, parts.charges));
  }

  // BR-S/AF/AG-08: for the breakdown's rate, xs:decimal(TaxableAmount - 1) < sum <
  // xs:decimal(TaxableAmount + 1), the bounds computed in xs:double.
  bool PerRateTaxableOk(const Category& category, const VatBreakdown& breakdown) const {
    if (!breakdown.rate) return true;  // every $rate in () satisfies ...
    const Dec rate = DecimalOf(breakdown.rate);
    if (!rate) return true;  // the artefact stops on the cast; nothing to compare with
    const Parts parts = SumParts(category.code, rate);
    const Dbl taxable = DoubleOf(breakdown.taxable_amount);
    auto in_range = [&](const Dec& sum) {
      if (!taxable) return false;
      return xpath::Lt(xpath::DecimalOfDouble(*taxable - 1), sum) &&
             xpath::Gt(xpath::DecimalOfDouble(*taxable + 1), sum);
    };
    const Dec with_lines = xpath::Plus(parts.lines, parts.charges);
    if (category.code != "S") return !invoice_.lines.empty() && in_range(with_lines);
    // BR-S-08 has two branches, one per line element name; in the branch of the other element
    // name the line sum is 0 (there are no such lines) and only allowances and charges count.
    bool own = (parts.any_line || parts.any_charge) && in_range(with_lines);
    bool other = parts.any_charge && in_range(parts.charges);
    return own || other;
  }

  // BR-S/AF/AG-09: |TaxAmount| within one unit of round(|TaxableAmount| * rate / 100, 2).
  static bool TaxAmountOk(const VatBreakdown& breakdown) {
    const Dec tax = xpath::Abs(DecimalOf(breakdown.tax_amount));
    const Dec expected =
        xpath::RoundToCents(xpath::Times(xpath::Abs(DecimalOf(breakdown.taxable_amount)),
                                         xpath::DividePow10(DecimalOf(breakdown.rate), 2)));
    return xpath::Lt(xpath::Minus(tax, DecimalOf(1)), expected) &&
           xpath::Gt(xpath::Plus(tax, DecimalOf(1)), expected);
  }
};

// ---------------------------------------------------------------------------------------------
// CII (EN16931-CII-validation.xslt)

class CiiChecker : public Checker {
 public:
  using Checker::Checker;

  void Run() {
    RootRules();
    for (const auto& line : invoice_.lines) LineRules(line);
    for (const auto& breakdown : invoice_.vat_breakdown) BreakdownRules(breakdown);
    for (const auto& charge : invoice_.allowances_charges) AllowanceChargeRules(charge);
  }

 private:
  // ram:CategoryCode = 'X': compared as written.
  static bool Is(const std::optional<std::string>& code, std::string_view value) {
    return code && *code == value;
  }

  int CountLines(std::string_view code) const {
    return static_cast<int>(std::count_if(invoice_.lines.begin(), invoice_.lines.end(),
                                          [&](auto& l) { return Is(LineCode(l), code); }));
  }
  int CountHeader(std::string_view code) const {
    return static_cast<int>(std::count_if(invoice_.vat_breakdown.begin(),
                                          invoice_.vat_breakdown.end(),
                                          [&](auto& b) { return Is(b.category_code, code); }));
  }
  int CountCharges(std::string_view code) const {
    return static_cast<int>(std::count_if(invoice_.allowances_charges.begin(),
                                          invoice_.allowances_charges.end(),
                                          [&](auto& c) { return Is(c.vat_category_code, code); }));
  }

  void RootRules() {
    // BR-S-01, BR-AF-01, BR-AG-01: with lines (or allowances) of the category, lines (or
    // allowances) and header breakdowns of it together number at least two.
    for (const Category* category : {&kS, &kL, &kM}) {
      int lines = CountLines(category->code);
      int header = CountHeader(category->code);
      int charges = CountCharges(category->code);
      bool pass = (lines + header >= 2 || lines == 0) && (charges + header >= 2 || charges == 0);
      if (!pass) Fire(*category, 1, invoice_.source);
    }
    // BR-Z/E/AE/IC/G-01: none anywhere, or exactly one header breakdown and some line or
    // allowance of it.
    for (const Category* category : {&kZ, &kE, &kAe, &kK, &kG}) {
      int header = CountHeader(category->code);
      int elsewhere = CountLines(category->code) + CountCharges(category->code);
      bool pass = (header == 0 && elsewhere == 0) || (header == 1 && elsewhere > 0);
      if (!pass) Fire(*category, 1, invoice_.source);
    }
    // BR-O-01: no header breakdown O, or exactly one and some line or allowance of it.
    int header_o = CountHeader("O");
    if (!(header_o == 0 || (header_o == 1 && CountLines("O") + CountCharges("O") > 0))) {
      Fire(kO, 1, invoice_.source);
    }
  }

  static const Category* Find(const std::optional<std::string>& code) {
    static constexpr const Category* kAll[] = {&kAe, &kE, &kG, &kK, &kL, &kM, &kO, &kS, &kZ};
    if (!code) return nullptr;
    for (const Category* category : kAll) {
      if (*code == category->code) return category;
    }
    return nullptr;
  }

  // The parties a line, allowance or charge of the category needs (BR-x-02/03/04).
  bool Identified(const Category& category) const {
    bool seller_any = SellerVat() || SellerTaxRegistration() || RepresentativeVat();
    bool seller_vat = SellerVat() || RepresentativeVat();
    if (category.code == "AE") return seller_any && (BuyerVat() || BuyerLegal());
    if (category.code == "G") return seller_vat;
    if (category.code == "K") return seller_vat && BuyerVat();
    if (category.code == "O") return !SellerVat() && !RepresentativeVat() && !BuyerVat();
    return seller_any;
  }

  // ram:RateApplicablePercent compared as xs:double: S and (lines, allowances) L: > 0; M: >= 0;
  // O: absent; the others: = 0.
  static bool RateOk(const Category& category, const std::optional<DecimalText>& rate) {
    if (category.code == "O") return !rate.has_value();
    const Dbl value = DoubleOf(rate);
    if (!value) return false;
    if (category.code == "S" || category.code == "L") return *value > 0;
    if (category.code == "M") return *value >= 0;
    return *value == 0;
  }

  // Context: .../ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax[ram:CategoryCode = X]
  // [upper-case(ram:TypeCode) = 'VAT']: BR-x-02 and BR-x-05.
  void LineRules(const InvoiceLine& line) {
    if (!line.item || !IsVat(line.item->vat_tax_scheme)) return;
    const Category* category = Find(line.item->vat_category_code);
    if (category == nullptr) return;
    SourceOffset source = Or(line.item->vat_source, line.source);
    if (!Identified(*category)) Fire(*category, 2, source);
    if (!RateOk(*category, line.item->vat_rate)) Fire(*category, 5, source);
  }

  // Context: //ram:SpecifiedTradeAllowanceCharge[...]/ram:CategoryTradeTax[ram:CategoryCode = X]
  // [upper-case(ram:TypeCode) = 'VAT']: BR-x-03/06 (allowance), BR-x-04/07 (charge).
  void AllowanceChargeRules(const DocumentAllowanceCharge& charge) {
    if (!IsVat(charge.tax_scheme)) return;
    const Category* category = Find(charge.vat_category_code);
    if (category == nullptr) return;
    SourceOffset source = charge.source;
    if (!Identified(*category)) Fire(*category, charge.is_charge ? 4 : 3, source);
    if (!RateOk(*category, charge.vat_rate)) Fire(*category, charge.is_charge ? 7 : 6, source);
  }

  // round(sum(lines' LineTotalAmount) * 100) div 100 + round(sum(charges) * 100) div 100 -
  // round(sum(allowances) * 100) div 100, over the category (and the rate, when given).
  Dec RoundedParts(std::string_view code, const Dec& rate) const {
    auto rate_matches = [&](const std::optional<DecimalText>& r) {
      return !rate || xpath::Eq(DecimalOf(r), rate);
    };
    std::vector<Dec> lines, charges, allowances;  // NOLINT(readability-isolate-declaration)
    for (const auto& line : invoice_.lines) {
      if (line.item && Is(line.item->vat_category_code, code) &&
          rate_matches(line.item->vat_rate)) {
        lines.push_back(DecimalOf(line.net_amount));
      }
    }
    for (const auto& charge : invoice_.allowances_charges) {
      if (Is(charge.vat_category_code, code) && rate_matches(charge.vat_rate)) {
        (charge.is_charge ? charges : allowances).push_back(DecimalOf(charge.amount));
      }
    }
    return xpath::Minus(xpath::Plus(xpath::RoundToCents(xpath::Sum(lines)),
                                    xpath::RoundToCents(xpath::Sum(charges))),
                        xpath::RoundToCents(xpath::Sum(allowances)));
  }

  // The header breakdown contexts: AE, E, G, K on ram:CategoryCode (with the VAT type code), S
  // and Z on ram:CategoryCode (whatever the type code), L, M, O on ram:ApplicableTradeTax (with
  // the VAT type code).
  void BreakdownRules(const VatBreakdown& breakdown) {
    const Category* found = Find(breakdown.category_code);
    if (found == nullptr) return;
    const Category& category = *found;
    const bool needs_vat = category.code != "S" && category.code != "Z";
    if (needs_vat && !IsVat(breakdown.tax_scheme)) return;
    const SourceOffset source = breakdown.source;
    const bool exemption = breakdown.exemption_reason || breakdown.exemption_reason_code;
    const Dbl basis = DoubleOf(breakdown.taxable_amount);
    const Dbl calculated = DoubleOf(breakdown.tax_amount);

    if (category.code == "S") {
      if (!StandardTaxableOk(breakdown, basis)) Fire(category, 8, source);
      if (!StandardTaxOk(breakdown)) Fire(category, 9, source);
      if (exemption) Fire(category, 10, source);
      return;
    }
    if (category.code == "L" || category.code == "M") {
      // BR-AF/AG-08 iterate over the parent's (absent) rate and BR-AF/AG-09 are true(): never.
      if (exemption) Fire(category, 10, source);
      return;
    }
    const Dbl parts = xpath::DoubleOfDecimal(RoundedParts(category.code, std::nullopt));
    if (category.code == "O") {
      // BR-O-08: ram:BasisAmount = the rounded parts, through xs:double.
      if (!basis || !parts || *basis != *parts) Fire(category, 8, source);
    } else {
      // ram:BasisAmount - 1 < parts and ram:BasisAmount + 1 > parts, through xs:double.
      bool ok = basis && parts && *basis - 1 < *parts && *basis + 1 > *parts;
      if (!ok) Fire(category, 8, source);
    }
    if (!calculated || *calculated != 0) Fire(category, 9, source);
    if (category.code == "Z" ? exemption : !exemption) Fire(category, 10, source);
    if (category.code == "K") {
      bool dated = (invoice_.delivery && invoice_.delivery->actual_delivery_date) ||
                   (invoice_.period && (invoice_.period->start || invoice_.period->end));
      if (!dated) Fire(category, 11, source);
      bool country =
          invoice_.delivery && invoice_.delivery->address && invoice_.delivery->address->country;
      if (!country) Fire(category, 12, source);
    }
    if (category.code == "O") {
      // not(//ram:ApplicableTradeTax[ram:CategoryCode != 'O']): header or line; and
      // not(//ram:CategoryTradeTax[ram:CategoryCode != 'O']): allowances and charges.
      auto other = [](const std::optional<std::string>& code) { return code && *code != "O"; };
      bool other_tax = std::any_of(invoice_.vat_breakdown.begin(), invoice_.vat_breakdown.end(),
                                   [&](auto& b) { return other(b.category_code); }) ||
                       std::any_of(invoice_.lines.begin(), invoice_.lines.end(),
                                   [&](auto& l) { return other(LineCode(l)); });
      if (other_tax) {
        Fire(category, 11, source);
        Fire(category, 12, source);
      }
      bool other_charge =
          std::any_of(invoice_.allowances_charges.begin(), invoice_.allowances_charges.end(),
                      [&](auto& c) { return other(c.vat_category_code); });
      if (other_charge) {
        Fire(category, 13, source);
        Fire(category, 14, source);
      }
    }
  }

  // BR-S-08: every $rate in ../ram:RateApplicablePercent satisfies ../ram:BasisAmount = the
  // rounded parts of that rate (an xs:double equality).
  bool StandardTaxableOk(const VatBreakdown& breakdown, const Dbl& basis) const {
    if (!breakdown.rate) return true;
    const Dec rate = DecimalOf(breakdown.rate);
    if (!rate) return true;
    const Dbl parts = xpath::DoubleOfDecimal(RoundedParts("S", rate));
    return basis && parts && *basis == *parts;
  }

  // BR-S-09: abs(CalculatedAmount) -/+ 1 around round(abs(BasisAmount) * RateApplicablePercent)
  // div 100, the product an xs:double (the rate is untyped text).
  static bool StandardTaxOk(const VatBreakdown& breakdown) {
    const Dec calculated = xpath::Abs(DecimalOf(breakdown.tax_amount));
    const Dbl basis = xpath::DoubleOfDecimal(xpath::Abs(DecimalOf(breakdown.taxable_amount)));
    const Dbl rate = DoubleOf(breakdown.rate);
    if (!calculated || !basis || !rate) return false;
    const double expected = *xpath::RoundDouble(*basis * *rate) / 100;
    const Dbl low = xpath::DoubleOfDecimal(xpath::Minus(calculated, DecimalOf(1)));
    const Dbl high = xpath::DoubleOfDecimal(xpath::Plus(calculated, DecimalOf(1)));
    return low && high && *low<expected&& * high> expected;
  }
};

}  // namespace

void CheckVatCategoryRules(const SemanticInvoice& invoice, En16931Syntax syntax, Findings& out) {
  const size_t first = out.size();
  if (syntax == En16931Syntax::kUbl) {
    UblChecker(invoice, syntax, out).Run();
  } else {
    CiiChecker(invoice, syntax, out).Run();
  }
  // The artefact reports in document order of the context elements.
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                   [](const invoice::ValidationFinding& a, const invoice::ValidationFinding& b) {
                     return a.source < b.source;
                   });
}

}  // namespace choral::rules
